// Command ledger-interop checks Comity's ledger with Go's own transparency-log packages,
// golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog, which Comity did not write.
// It needs nothing but the Go standard library and those packages (Debian: golang-go,
// golang-golang-x-mod-dev), built offline in GOPATH mode:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode GOPROXY=off go build -o ledger-interop tools/ledger-interop/main.go
//
// Subcommands (exit 0 when the check passes, 1 with the reason when it does not):
//
//	ledger-interop checkpoint VKEY CHECKPOINT
//	ledger-interop receipt VKEY TLOG-PROOF ENTRY
//	ledger-interop consistency VKEY OLD-CHECKPOINT NEW-CHECKPOINT PROOF
//	ledger-interop tiles VKEY DIR
//	ledger-interop sign SKEY ORIGIN SIZE ROOT     (Go signs a checkpoint with Comity's key file)
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: ledger-interop checkpoint|receipt|consistency|tiles|sign ..."))
	}
	var err error
	switch args := os.Args[2:]; os.Args[1] {
	case "checkpoint":
		err = checkpointCmd(args)
	case "receipt":
		err = receiptCmd(args)
	case "consistency":
		err = consistencyCmd(args)
	case "tiles":
		err = tilesCmd(args)
	case "sign":
		err = signCmd(args)
	default:
		err = fmt.Errorf("unknown subcommand %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ledger-interop:", err)
	os.Exit(1)
}

type checkpoint struct {
	origin string
	tree   tlog.Tree
}

// openCheckpoint verifies a signed checkpoint with note.Open and parses its C2SP body.
func openCheckpoint(vkey string, msg []byte) (checkpoint, error) {
	verifier, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return checkpoint{}, fmt.Errorf("verifier key: %v", err)
	}
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint signature: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, errors.New("checkpoint has fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || (len(lines[1]) > 1 && lines[1][0] == '0') {
		return checkpoint{}, fmt.Errorf("checkpoint size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint root: %v", err)
	}
	if lines[0] != verifier.Name() {
		return checkpoint{}, fmt.Errorf("origin %q is not the key name %q", lines[0], verifier.Name())
	}
	return checkpoint{origin: lines[0], tree: tlog.Tree{N: size, Hash: root}}, nil
}

func readFile(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		fail(err)
	}
	return data
}

func checkpointCmd(args []string) error {
	if len(args) != 2 {
		return errors.New("usage: checkpoint VKEY CHECKPOINT")
	}
	c, err := openCheckpoint(string(readFile(args[0])), readFile(args[1]))
	if err != nil {
		return err
	}
	fmt.Printf("checkpoint %s size %d root %s\n", c.origin, c.tree.N, c.tree.Hash)
	return nil
}

// receiptCmd checks a C2SP tlog-proof: the leaf is RecordHash(SHA-256(entry document)).
func receiptCmd(args []string) error {
	if len(args) != 3 {
		return errors.New("usage: receipt VKEY TLOG-PROOF ENTRY")
	}
	text := string(readFile(args[1]))
	lines := strings.SplitN(text, "\n", -1)
	if len(lines) < 3 || lines[0] != "c2sp.org/tlog-proof@v1" {
		return errors.New("not a c2sp.org/tlog-proof@v1 file")
	}
	i := 1
	if strings.HasPrefix(lines[i], "extra ") {
		i++
	}
	if !strings.HasPrefix(lines[i], "index ") {
		return errors.New("no index line")
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(lines[i], "index "), 10, 64)
	if err != nil {
		return fmt.Errorf("index: %v", err)
	}
	i++
	var proof tlog.RecordProof
	for ; i < len(lines) && lines[i] != ""; i++ {
		h, err := tlog.ParseHash(lines[i])
		if err != nil {
			return fmt.Errorf("proof line %d: %v", i+1, err)
		}
		proof = append(proof, h)
	}
	if i >= len(lines) {
		return errors.New("no checkpoint after the proof")
	}
	c, err := openCheckpoint(string(readFile(args[0])), []byte(strings.Join(lines[i+1:], "\n")))
	if err != nil {
		return err
	}
	entry := bytes.TrimSuffix(readFile(args[2]), []byte("\n"))
	commitment := sha256.Sum256(entry)
	leaf := tlog.RecordHash(commitment[:])
	if err := tlog.CheckRecord(proof, c.tree.N, c.tree.Hash, index, leaf); err != nil {
		return fmt.Errorf("inclusion of entry %d: %v", index, err)
	}
	fmt.Printf("receipt: entry %d is in %s at size %d\n", index, c.origin, c.tree.N)
	return nil
}

func consistencyCmd(args []string) error {
	if len(args) != 4 {
		return errors.New("usage: consistency VKEY OLD-CHECKPOINT NEW-CHECKPOINT PROOF")
	}
	vkey := string(readFile(args[0]))
	old, err := openCheckpoint(vkey, readFile(args[1]))
	if err != nil {
		return fmt.Errorf("old %v", err)
	}
	cur, err := openCheckpoint(vkey, readFile(args[2]))
	if err != nil {
		return fmt.Errorf("new %v", err)
	}
	var proof tlog.TreeProof
	for _, line := range strings.Split(strings.TrimSpace(string(readFile(args[3]))), "\n") {
		if line == "" {
			continue
		}
		h, err := tlog.ParseHash(line)
		if err != nil {
			return fmt.Errorf("proof: %v", err)
		}
		proof = append(proof, h)
	}
	if err := tlog.CheckTree(proof, cur.tree.N, cur.tree.Hash, old.tree.N, old.tree.Hash); err != nil {
		return fmt.Errorf("consistency %d -> %d: %v", old.tree.N, cur.tree.N, err)
	}
	fmt.Printf("consistency: size %d is a prefix of size %d\n", old.tree.N, cur.tree.N)
	return nil
}

// dirTiles serves C2SP tlog-tiles paths (tile/L/N, no height element) from a folder to tlog's
// TileHashReader, which authenticates every tile against the checkpoint's tree hash.
type dirTiles struct{ dir string }

func (d dirTiles) Height() int { return 8 }

func (d dirTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		path := "tile/" + strings.TrimPrefix(t.Path(), "tile/8/")
		b, err := os.ReadFile(filepath.Join(d.dir, filepath.FromSlash(path)))
		if err != nil {
			return nil, err
		}
		data[i] = b
	}
	return data, nil
}

func (d dirTiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func tilesCmd(args []string) error {
	if len(args) != 2 {
		return errors.New("usage: tiles VKEY DIR")
	}
	dir := args[1]
	c, err := openCheckpoint(string(readFile(args[0])), readFile(filepath.Join(dir, "checkpoint")))
	if err != nil {
		return err
	}
	reader := tlog.TileHashReader(c.tree, dirTiles{dir})
	root, err := tlog.TreeHash(c.tree.N, reader)
	if err != nil {
		return fmt.Errorf("tree hash from tiles: %v", err)
	}
	if root != c.tree.Hash {
		return errors.New("tiles do not hash to the checkpoint's root")
	}
	for n := int64(0); n*256 < c.tree.N; n++ {
		width := c.tree.N - n*256
		if width > 256 {
			width = 256
		}
		t := tlog.Tile{H: 8, L: -1, N: n, W: int(width)}
		path := "tile/entries/" + strings.TrimPrefix(t.Path(), "tile/8/data/")
		bundle, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
		if err != nil {
			return err
		}
		for i := int64(0); i < width; i++ {
			if len(bundle) < 2 {
				return fmt.Errorf("%s ends early", path)
			}
			size := int(binary.BigEndian.Uint16(bundle))
			if len(bundle) < 2+size {
				return fmt.Errorf("%s ends early", path)
			}
			leaf := tlog.RecordHash(bundle[2 : 2+size])
			bundle = bundle[2+size:]
			index := n*256 + i
			proof, err := tlog.ProveRecord(c.tree.N, index, reader)
			if err != nil {
				return fmt.Errorf("proof of entry %d from tiles: %v", index, err)
			}
			if err := tlog.CheckRecord(proof, c.tree.N, c.tree.Hash, index, leaf); err != nil {
				return fmt.Errorf("entry %d of %s: %v", index, path, err)
			}
		}
		if len(bundle) != 0 {
			return fmt.Errorf("%s has bytes after its entries", path)
		}
	}
	fmt.Printf("tiles: %d entries authenticated against %s size %d\n", c.tree.N, c.origin, c.tree.N)
	return nil
}

// signCmd signs a checkpoint body with Comity's key file through note.NewSigner, to show the
// key file is in Go's signer-key format and the signature is the one Comity makes (Ed25519 is
// deterministic).
func signCmd(args []string) error {
	if len(args) != 4 {
		return errors.New("usage: sign SKEY ORIGIN SIZE ROOT")
	}
	signer, err := note.NewSigner(strings.TrimSpace(string(readFile(args[0]))))
	if err != nil {
		return fmt.Errorf("signer key: %v", err)
	}
	root, err := base64.StdEncoding.DecodeString(args[3])
	if err != nil {
		return err
	}
	msg, err := note.Sign(&note.Note{Text: fmt.Sprintf("%s\n%s\n%s\n", args[1], args[2], base64.StdEncoding.EncodeToString(root))}, signer)
	if err != nil {
		return err
	}
	os.Stdout.Write(msg)
	return nil
}
