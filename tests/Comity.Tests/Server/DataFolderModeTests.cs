using Comity.Cases;
using Comity.Tests.Server.Support;

namespace Comity.Tests.Server;

/// <summary>
/// Issue 18 point 11: the data folder holds names and password hashes, so it is created owner-only
/// (0700) and every file in it is 0600: the databases with their WAL and shared-memory files, the
/// keys (the ledger's and the sign-in cookies'), disclosures. Checked after the server has written
/// each kind of file.
/// </summary>
public sealed class DataFolderModeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_data_folder_is_0700_and_every_file_in_it_0600()
    {
        if (OperatingSystem.IsWindows())
            return; // the folder's access list decides there
        await server.Decide();
        await server.Disclose();
        await server.App(Role.Intake); // a sign-in writes the cookies' key

        var folders = Directory.GetDirectories(server.DataFolder, "*", SearchOption.AllDirectories).Prepend(server.DataFolder).ToArray();
        var files = Directory.GetFiles(server.DataFolder, "*", SearchOption.AllDirectories);

        Assert.Contains(files, f => f.EndsWith("comity.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("ledger.db-shm", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".xml", StringComparison.Ordinal) && f.Contains("keys", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("ledger.key", StringComparison.Ordinal));
        var open = folders.Where(d => Mode(d) != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
            .Select(d => $"{d}: {Mode(d)}")
            .Concat(files.Where(f => Mode(f) != (UnixFileMode.UserRead | UnixFileMode.UserWrite)).Select(f => $"{f}: {Mode(f)}"))
            .ToArray();
        Assert.Empty(open);
    }

    private static UnixFileMode Mode(string path) => OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
}
