namespace Comity.Ledger;

/// <summary>
/// The data folder holds names, password hashes and the signing key: it is created readable by its
/// owner only (0700) and so is every file in it (0600), the SQLite databases with their WAL and
/// shared-memory files included. SQLite creates a database's <c>-wal</c> and <c>-shm</c> with the
/// database file's own permissions, so a database file created 0600 before SQLite opens it keeps
/// them owner-only too; files left by older versions are tightened when opened. On Windows the
/// folder's access list decides, and nothing here applies.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and its missing parents) owner-only; an existing folder is tightened.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (Directory.Exists(path))
            System.IO.File.SetUnixFileMode(path, Folder);
        else
            Directory.CreateDirectory(path, Folder);
    }

    /// <summary>
    /// Makes sure a database file exists owner-only before SQLite opens it (an empty file is an
    /// empty database), and tightens it and its <c>-wal</c>, <c>-shm</c> and <c>-journal</c> files when they exist.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        if (!System.IO.File.Exists(path))
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = File }))
            {
            }
        }
        Tighten(path, path + "-wal", path + "-shm", path + "-journal");
    }

    /// <summary>Makes each existing file owner-only.</summary>
    public static void Tighten(params IEnumerable<string> paths)
    {
        if (OperatingSystem.IsWindows())
            return;
        foreach (var path in paths)
        {
            try
            {
                if (System.IO.File.Exists(path) && System.IO.File.GetUnixFileMode(path) != File)
                    System.IO.File.SetUnixFileMode(path, File);
            }
            catch (FileNotFoundException)
            {
                // Gone between the two calls (SQLite removes a -journal when done): nothing to protect.
            }
        }
    }
}
