using System.Security.Cryptography;

namespace Comity.Ledger.Internal;

/// <summary>
/// The signing key in the data folder (<c>ledger.key</c>, owner-only), created on first use, and
/// its public verifier key beside it (<c>ledger.vkey</c>), owner-only like every file of the data
/// folder: it is given out with <c>comity ledger key</c> and <c>GET /api/v1/ledger/key</c>.
/// </summary>
internal static class KeyFile
{
    public const string PrivateName = "ledger.key";
    public const string PublicName = "ledger.vkey";

    public static NoteSigner LoadOrCreate(string directory, string? origin)
    {
        var path = Path.Combine(directory, PrivateName);
        if (File.Exists(path))
        {
            var signer = NoteSigner.Parse(File.ReadAllText(path));
            OwnerOnly.Tighten(path, Path.Combine(directory, PublicName));
            var vkey = Path.Combine(directory, PublicName);
            if (!File.Exists(vkey))
                WriteDurably(vkey, signer.Verifier.Encoded + "\n", OwnerOnly.File);
            return signer;
        }
        origin ??= "comity.local/ledger-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        if (!NoteVerifier.IsValidName(origin))
            throw new LedgerException($"ledger origin \"{origin}\" must be non-empty, without spaces or '+' (e.g. ledger.example.gov/comity)");
        var created = NoteSigner.Generate(origin);
        // The private key first, so a crash between the two never leaves a public key without its private half.
        WriteDurably(path, created.Encoded + "\n", OwnerOnly.File);
        WriteDurably(Path.Combine(directory, PublicName), created.Verifier.Encoded + "\n",
            OwnerOnly.File);
        return created;
    }

    public static NoteVerifier LoadVerifier(string directory)
    {
        var vkey = Path.Combine(directory, PublicName);
        if (File.Exists(vkey))
            return NoteVerifier.Parse(File.ReadAllText(vkey));
        var skey = Path.Combine(directory, PrivateName);
        if (File.Exists(skey))
        {
            using var signer = NoteSigner.Parse(File.ReadAllText(skey));
            return signer.Verifier;
        }
        throw new LedgerException($"there is no ledger key in {directory}");
    }

    /// <summary>Writes a new file with the given permissions (from its creation on), synced, then moves it into place.</summary>
    private static void WriteDurably(string path, string text, UnixFileMode mode)
    {
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
