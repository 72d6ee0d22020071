using System.Security.Cryptography;

namespace Comity.Documents;

/// <summary>
/// The files attached to cases, content-addressed: <c>DATA/documents/AB/ABCDEF...</c>, named by the
/// lower-case hex SHA-256 of their bytes (the first two digits a folder, to keep folders small).
/// The folder is the owner's alone (0700) and each file too (0600): they hold what ICE sent about a
/// person. A file is written beside its place and renamed into it once on disk, so a file under
/// its name is always whole. The same bytes attached twice are one file.
/// </summary>
public sealed class DocumentStore(string dataFolder)
{
    public const string FolderName = "documents";

    private const string Prefix = "sha256:";

    public string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataFolder), FolderName);

    /// <summary><c>sha256:HEX</c> of <paramref name="content"/>, as the ledger names a document.</summary>
    public static string Digest(ReadOnlySpan<byte> content) => Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether <paramref name="digest"/> is <c>sha256:</c> and 64 lower-case hex digits (also what keeps it out of paths' way).</summary>
    public static bool IsDigest(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(Prefix, StringComparison.Ordinal) && digest[Prefix.Length..].All(char.IsAsciiHexDigitLower);

    /// <summary><paramref name="text"/> as a digest: <c>sha256:HEX</c> as it is, or the 64 hex digits alone (as an address may carry them), lower-cased.</summary>
    public static string Normalize(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        return t.Length == 64 ? Prefix + t : t;
    }

    /// <summary>Where the file of <paramref name="digest"/> is kept.</summary>
    public string PathOf(string digest)
    {
        if (!IsDigest(digest))
            throw new ArgumentException($"not a document digest: {digest}", nameof(digest));
        var hex = digest[Prefix.Length..];
        return System.IO.Path.Combine(Folder, hex[..2], hex);
    }

    /// <summary>Keeps <paramref name="content"/> under its digest (a file there already that holds other bytes is replaced) and returns the digest.</summary>
    public string Keep(ReadOnlySpan<byte> content)
    {
        var digest = Digest(content);
        var path = PathOf(digest);
        if (File.Exists(path) && Digest(File.ReadAllBytes(path)) == digest)
            return digest;
        CreateFolder(Folder);
        CreateFolder(System.IO.Path.GetDirectoryName(path)!);
        var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return digest;
    }

    /// <summary>The bytes kept under <paramref name="digest"/>, as they are on disk (null when there is no such file).</summary>
    public byte[]? Read(string digest)
    {
        var path = PathOf(digest);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>Null when the file of <paramref name="digest"/> is there and its bytes hash to it; otherwise what is wrong, in a sentence.</summary>
    public string? Problem(string digest)
    {
        var bytes = Read(digest);
        if (bytes is null)
            return $"the file of {digest} is missing from {Folder}";
        var actual = Digest(bytes);
        return actual == digest ? null : $"the file kept for {digest} now hashes to {actual}: it was changed after it was attached";
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
