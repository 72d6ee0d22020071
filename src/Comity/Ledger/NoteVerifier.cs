using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Comity.Ledger;

/// <summary>
/// A C2SP signed-note verifier key for Ed25519, <c>name+hex(keyID)+base64(0x01 || public key)</c>,
/// with key ID = the first four bytes of SHA-256(name || 0x0A || 0x01 || public key), exactly as
/// golang.org/x/mod/sumdb/note reads and writes it.
/// </summary>
public sealed class NoteVerifier
{
    internal const byte Ed25519Type = 0x01;

    private readonly PublicKey key;

    private NoteVerifier(string name, uint keyId, PublicKey key, byte[] publicKey)
    {
        Name = name;
        KeyId = keyId;
        this.key = key;
        PublicKey = publicKey;
    }

    public string Name { get; }
    public uint KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The verifier key in signed-note form.</summary>
    public string Encoded => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}";

    public override string ToString() => Encoded;

    public static NoteVerifier FromPublicKey(string name, ReadOnlySpan<byte> publicKey)
    {
        if (!IsValidName(name))
            throw new FormatException($"key name \"{name}\" must be non-empty, without spaces or '+'");
        if (publicKey.Length != 32)
            throw new FormatException($"an Ed25519 public key is 32 bytes, not {publicKey.Length}");
        var imported = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        return new NoteVerifier(name, ComputeKeyId(name, publicKey), imported, publicKey.ToArray());
    }

    /// <summary>Reads <c>name+hash+key</c>; a FormatException says which part is wrong.</summary>
    public static NoteVerifier Parse(string vkey)
    {
        vkey = vkey.Trim();
        // As Go's note package reads it: name up to the first '+', the hash up to the next, the rest is base64 (which may hold '+').
        var parts = vkey.Split('+', 3);
        if (parts.Length != 3)
            throw new FormatException("a verifier key has three parts, name+hash+key");
        var (name, hex, data) = (parts[0], parts[1], parts[2]);
        if (!IsValidName(name))
            throw new FormatException($"verifier key name \"{name}\" must be non-empty, without spaces or '+'");
        if (hex.Length != 8 || !uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
            throw new FormatException($"verifier key hash \"{hex}\" is not 8 hexadecimal digits");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            throw new FormatException("verifier key material is not base64");
        }
        if (bytes.Length != 33 || bytes[0] != Ed25519Type)
            throw new FormatException("verifier key is not an Ed25519 key (type 0x01 and 32 bytes)");
        var verifier = FromPublicKey(name, bytes.AsSpan(1));
        if (verifier.KeyId != id)
            throw new FormatException($"verifier key hash {hex} does not match the key (expected {verifier.KeyId:x8})");
        return verifier;
    }

    /// <summary>Verifies an Ed25519 signature over a note's text.</summary>
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(key, text, signature);

    internal static uint ComputeKeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = 0x0A;
        buffer[nameBytes.Length + 1] = Ed25519Type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    /// <summary>Non-empty, no Unicode white space, no '+' (the signed-note rule for key names).</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || name.Contains('+'))
            return false;
        foreach (var c in name)
            if (char.IsWhiteSpace(c) || char.IsControl(c))
                return false;
        return true;
    }
}
