namespace Comity.Disclosure;

/// <summary>
/// An export being written: it goes to a hidden temporary file beside its destination
/// (<c>.NAME.RANDOM.partial</c>) and takes its name only in <see cref="Publish"/>, once complete
/// and on disk. Disposed unpublished (any failure), the temporary file is deleted: a failure never
/// leaves a partial export that looks finished.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _published;

    public PendingFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        TemporaryPath = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.partial");
        // Unbuffered: its writers buffer (the cut 256 KB at a time), and a buffer of its own would
        // retry a failed write when disposed, throwing again from the cleanup.
        // Owner-only, like everything in the data folder: an export holds people's records.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = Comity.Ledger.OwnerOnly.File;
        _stream = new FileStream(TemporaryPath, options);
    }

    /// <summary>Where the file will be once published.</summary>
    public string Path { get; }

    public string TemporaryPath { get; }

    public Stream Stream => _stream;

    /// <summary>Writes the rest, syncs it to disk and renames the temporary file to <see cref="Path"/> (replacing any file there) in one step.</summary>
    public void Publish()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(TemporaryPath, Path, overwrite: true);
        _published = true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (!_published)
            File.Delete(TemporaryPath);
    }
}
