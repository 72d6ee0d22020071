using System.Text;
using NSec.Cryptography;

namespace Comity.Ledger.Internal;

/// <summary>
/// The log's Ed25519 signing key, in golang.org/x/mod/sumdb/note's signer-key form
/// <c>PRIVATE+KEY+name+hex(keyID)+base64(0x01 || 32-byte seed)</c>, so the key file is one a Go
/// tool can also read.
/// </summary>
internal sealed class NoteSigner : IDisposable
{
    private readonly Key key;

    private NoteSigner(string name, Key key)
    {
        this.key = key;
        Verifier = NoteVerifier.FromPublicKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public NoteVerifier Verifier { get; }
    public string Name => Verifier.Name;

    public static NoteSigner Generate(string name)
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigner(name, key);
    }

    public static NoteSigner Parse(string skey)
    {
        var parts = skey.Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
            throw new LedgerException("the signing key file is not a signed-note private key (PRIVATE+KEY+name+hash+key)");
        byte[] data;
        try
        {
            data = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            throw new LedgerException("the signing key file's key material is not base64");
        }
        if (data.Length != 33 || data[0] != NoteVerifier.Ed25519Type)
            throw new LedgerException("the signing key file does not hold an Ed25519 key");
        var key = Key.Import(SignatureAlgorithm.Ed25519, data.AsSpan(1), KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var signer = new NoteSigner(parts[2], key);
        if ($"{signer.Verifier.KeyId:x8}" != parts[3])
            throw new LedgerException($"the signing key file's hash {parts[3]} does not match its key");
        return signer;
    }

    public string Encoded =>
        $"PRIVATE+KEY+{Name}+{Verifier.KeyId:x8}+{Convert.ToBase64String([NoteVerifier.Ed25519Type, .. key.Export(KeyBlobFormat.RawPrivateKey)])}";

    /// <summary>Signs note text (ending in a newline) and returns the whole signed note.</summary>
    public string Sign(string text)
    {
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(text));
        return text + "\n" + SignedNote.SignatureLine(Name, Verifier.KeyId, signature);
    }

    public void Dispose() => key.Dispose();
}
