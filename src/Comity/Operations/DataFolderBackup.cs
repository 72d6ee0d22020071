using Comity.Cases;
using Comity.Ledger;
using Microsoft.Data.Sqlite;

namespace Comity.Operations;

/// <summary>
/// <c>comity backup</c>: a consistent copy of a data folder while the server keeps running. The
/// databases are copied with SQLite's online backup (a copy of one moment, never a file copied
/// half-written), the case database first and the ledger second: the ledger then holds every
/// decision the copied cases point at (a case is kept only after its entry is durable), and a
/// decision recorded between the two copies is brought into the cases by the catch-up every
/// server and recording command runs on opening. Only that decision's identity is missing then,
/// since it lives in the case database alone. The copy's ledger is verified before the backup is
/// called done. The copy is owner-only (0700 folder, 0600 files), as the data folder is.
/// </summary>
public static class DataFolderBackup
{
    public sealed record Result(string Folder, long LedgerEntries, long Checkpoints, IReadOnlyList<string> Files, IReadOnlyList<string> Problems)
    {
        public bool Ok => Problems.Count == 0;
    }

    /// <summary>
    /// Everything else in the folder (the signing key and its public half, the sign-in cookies'
    /// keys, disclosures, notices a county dropped in, stored documents) is copied as it is; not
    /// the databases' own journal files, which the online copies supersede, nor the writer's lock.
    /// </summary>
    private static bool CopiedAsItIs(string name) =>
        name is not (CaseDatabase.FileName or TransparencyLog.DatabaseFileName or "ledger.lock")
        && !name.EndsWith("-wal", StringComparison.Ordinal) && !name.EndsWith("-shm", StringComparison.Ordinal)
        && !name.EndsWith("-journal", StringComparison.Ordinal);

    /// <exception cref="BackupException">when the source is not a data folder or the target is not empty.</exception>
    public static Result Run(string dataFolder, string targetFolder)
    {
        var source = Path.GetFullPath(dataFolder);
        var target = Path.GetFullPath(targetFolder);
        if (!File.Exists(Path.Combine(source, TransparencyLog.DatabaseFileName)))
            throw new BackupException($"there is no ledger in {source}: not a data folder");
        if (source == target)
            throw new BackupException("the backup folder is the data folder itself");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new BackupException($"{target} is not empty: a backup goes into a new or empty folder, so that it never mixes with an older one");
        OwnerOnly.CreateFolder(target);

        var files = new List<string>();
        if (File.Exists(Path.Combine(source, CaseDatabase.FileName)))
        {
            Copy(Path.Combine(source, CaseDatabase.FileName), Path.Combine(target, CaseDatabase.FileName));
            files.Add(CaseDatabase.FileName);
        }
        Copy(Path.Combine(source, TransparencyLog.DatabaseFileName), Path.Combine(target, TransparencyLog.DatabaseFileName));
        files.Add(TransparencyLog.DatabaseFileName);
        foreach (var from in Directory.EnumerateFileSystemEntries(source).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(from);
            if (!CopiedAsItIs(name))
                continue;
            if (Directory.Exists(from))
                CopyTree(from, Path.Combine(target, name));
            else
                CopyFile(from, Path.Combine(target, name));
            files.Add(name);
        }

        var report = TransparencyLog.Verify(target);
        return new Result(target, report.Entries, report.Checkpoints, files, report.Problems);
    }

    private static void Copy(string database, string copy)
    {
        // Read-only on the source: a backup never writes to the live folder (no journal mode change, no lock beyond a read).
        OwnerOnly.PrepareDatabase(copy); // created 0600 before SQLite writes a byte of it
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }

    private static void CopyFile(string from, string to)
    {
        File.Copy(from, to);
        OwnerOnly.Tighten(to);
    }

    private static void CopyTree(string from, string to)
    {
        OwnerOnly.CreateFolder(to);
        foreach (var file in Directory.EnumerateFiles(from))
            CopyFile(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.EnumerateDirectories(from))
            CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}

/// <summary>A backup that cannot be made as asked; nothing was written to the data folder.</summary>
public sealed class BackupException(string message) : Exception(message);
