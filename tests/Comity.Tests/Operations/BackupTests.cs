using Comity.Cases;
using Comity.Ledger;
using Comity.Operations;
using Comity.Tests.Cli.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Operations;

/// <summary><c>comity backup</c>: a copy that opens, verifies and holds every case, made while the folder is open for writing.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_the_ledger_is_open_verifies_and_holds_every_case_and_the_key()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var batch = string.Join("\n", Enumerable.Range(1, 5).Select(i => ExampleLine($"B-{i}"))) + "\n";
        AssertExit(0, await ComityCli.RunAsync(["decide", "--batch", "--record", "--data", data, "--stack", Demo, "-"], batch));

        // The ledger stays open for writing (as a running server holds it) while the copy is made.
        using (var open = TransparencyLog.Open(data))
        {
            var result = DataFolderBackup.Run(data, Path.Combine(dir.Path, "backup"));
            Assert.True(result.Ok, string.Join("; ", result.Problems));
            Assert.Equal(open.Size, result.LedgerEntries);
            Assert.Contains("ledger.key", result.Files);
            Assert.DoesNotContain("ledger.lock", result.Files);
        }

        var backup = Path.Combine(dir.Path, "backup");
        Assert.True(TransparencyLog.Verify(backup).Ok);
        using (var database = CaseDatabase.Open(backup))
        using (var cases = new CaseStore(database))
            Assert.Equal(["B-1", "B-2", "B-3", "B-4", "B-5"], cases.List(new CaseQuery()).Items.Select(c => c.Reference).Order(StringComparer.Ordinal));
        // The copy signs with the same key: a new decision recorded into it extends the same log.
        using var restored = TransparencyLog.Open(backup);
        using var original = TransparencyLog.Open(data, new LedgerOptions { ReadOnly = true });
        Assert.Equal(original.Verifier.Encoded, restored.Verifier.Encoded);
    }

    [Fact]
    public async Task The_backup_folder_and_its_files_are_owner_only()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]));

        var backup = Path.Combine(dir.Path, "backup");
        DataFolderBackup.Run(data, backup);

        if (OperatingSystem.IsWindows())
            return; // no Unix file modes there
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(backup));
        foreach (var file in Directory.EnumerateFiles(backup, "*", SearchOption.AllDirectories))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task The_command_refuses_a_folder_that_is_not_empty_or_not_a_data_folder_and_writes_nothing()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]));
        var occupied = Path.Combine(dir.Path, "occupied");
        Directory.CreateDirectory(occupied);
        File.WriteAllText(Path.Combine(occupied, "old.txt"), "an older backup");

        var full = await ComityCli.RunAsync("backup", "--data", data, "--out", occupied);
        AssertExit(2, full);
        Assert.Contains("is not empty", full.Stderr, StringComparison.Ordinal);
        Assert.Equal(["old.txt"], Directory.EnumerateFileSystemEntries(occupied).Select(Path.GetFileName));

        var nothing = await ComityCli.RunAsync("backup", "--data", Path.Combine(dir.Path, "nowhere"), "--out", Path.Combine(dir.Path, "b2"));
        AssertExit(2, nothing);
        Assert.Contains("not a data folder", nothing.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "b2")));

        var ok = await ComityCli.RunAsync("backup", "--data", data, "--out", Path.Combine(dir.Path, "b3"));
        AssertExit(0, ok);
        Assert.Matches(@"its ledger verifies \(\d+ entries, \d+ signed checkpoints\)", ok.Stdout);
    }
}
