using System.Text;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using static Comity.Tests.Cli.Support.CliExamples;

namespace Comity.Tests.Recording;

/// <summary>
/// The law in the ledger: each stack version is recorded once, the first time it decides, with
/// every file's content kept once across versions; a decision points at its stack; the stack
/// behind a digest comes back byte for byte, even after its folder is gone.
/// </summary>
public sealed class StackVersionTests
{
    [Fact]
    public async Task Two_versions_are_recorded_once_each_sharing_unchanged_files_and_come_back_byte_for_byte_after_the_folders_are_deleted()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var stack = dir.CopyFrom(Repo.DemoStack, "demo");
        var v1 = StackFolders.LawFiles(stack);
        var (first, firstDigest) = await Record(data, stack, "V1-A", "V1-B");
        File.AppendAllText(Path.Combine(stack, "city", "ordinance.law"), "\n# amended: a comment is a new version of the law too\n");
        var v2 = StackFolders.LawFiles(stack);
        var (second, secondDigest) = await Record(data, stack, "V2-A");
        Directory.Delete(stack, recursive: true);

        Assert.NotEqual(firstDigest, secondDigest);
        using var ledger = TransparencyLog.Open(data, new LedgerOptions { ReadOnly = true });
        var kinds = ledger.ReadFrom(0).Select(e => e.Kind).ToList();
        // Version 1: its five files (four of rules, its duty schedule), its stack, two decisions; version 2: only the changed file, its stack, one decision.
        Assert.Equal(["law-file", "law-file", "law-file", "law-file", "law-file", "stack", "decision", "decision", "law-file", "stack", "decision"], kinds);
        Assert.Equal([5L, 5L], first);
        Assert.Equal([9L], second);

        var versions = new StackVersions(ledger, TimeProvider.System);
        foreach (var (digest, files) in new[] { (firstDigest, v1), (secondDigest, v2) })
        {
            var stored = versions.Read(digest);
            var written = stored.WriteTo(Path.Combine(dir.Path, "back", digest[7..15]));
            Assert.Equal(files, StackFolders.LawFiles(written));
            Assert.Equal(digest, StackLoader.Load(written).Digest);
            Assert.Equal(digest, stored.Load().Digest);
        }
    }

    [Fact]
    public async Task A_stack_reading_a_shared_layer_is_written_back_in_the_folder_its_id_names_beside_that_layer()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        var la = Repo.File("stacks/us/ca/los-angeles");
        string digest;
        using (var folder = RecordingFolder.Open(data, StackCatalog.ForStack(la), TimeProvider.System))
        {
            var recorded = await folder.Recorder.DecideAsync(File.ReadAllBytes(Repo.File("examples/la/detainer-robbery.json")), "clerk");
            Assert.Null(recorded.Error);
            digest = recorded.Value!.Answer.Policy.Digest;
        }

        var run = await ComityCli.RunAsync("ledger", "stack", digest, "--out", Path.Combine(dir.Path, "out"), "--data", data);

        AssertExit(0, run);
        var written = Path.Combine(dir.Path, "out", "us", "ca", "los-angeles");
        Assert.Contains($"the stack in {written}", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(digest, StackLoader.Load(written).Digest);
        Assert.Equal(File.ReadAllBytes(Path.Combine(la, "stack.law")), File.ReadAllBytes(Path.Combine(written, "stack.law")));
        foreach (var (path, bytes) in StackFolders.LawFiles(Repo.File("stacks/us/federal/ninth-circuit")))
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir.Path, "out", "us", "federal", "ninth-circuit", path)));
    }

    [Fact]
    public async Task An_unknown_digest_is_bad_input_naming_it()
    {
        using var dir = Repo.TempDir();
        var data = Path.Combine(dir.Path, "data");
        AssertExit(0, await ComityCli.RunAsync([.. DecideExample, "--record", "--data", data]));

        var run = await ComityCli.RunAsync("ledger", "stack", "sha256:0000", "--out", Path.Combine(dir.Path, "out"), "--data", data);

        AssertExit(2, run);
        Assert.Contains("the ledger holds no stack with digest sha256:0000", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Records the example request once per id under the stack in <paramref name="stack"/>; returns the stack entry each decision points at, and the digest.</summary>
    private static async Task<(List<long> StackEntries, string Digest)> Record(string data, string stack, params string[] ids)
    {
        using var folder = RecordingFolder.Open(data, StackCatalog.ForStack(stack), TimeProvider.System);
        var entries = new List<long>();
        string digest = "";
        foreach (var id in ids)
        {
            var recorded = await folder.Recorder.DecideAsync(Encoding.UTF8.GetBytes(ExampleLine(id)), "clerk");
            Assert.Null(recorded.Error);
            digest = recorded.Value!.Answer.Policy.Digest;
            entries.Add(DecisionEntry.Read(folder.Ledger.Read(recorded.Value.Receipt.Index).Body).StackEntry!.Value);
        }
        return (entries, digest);
    }
}
