using Comity.Disclosure;
using Comity.Tests.Cli.Support;

namespace Comity.Tests.Disclosure;

/// <summary>A failure never leaves a partial export that looks finished.</summary>
public class PendingFileTests
{
    [Fact]
    public void Nothing_takes_the_name_until_published()
    {
        using var dir = Repo.TempDir();
        var path = Path.Combine(dir.Path, "out.csv");
        using (var pending = new PendingFile(path))
        {
            pending.Stream.Write("a,b\n"u8);
            Assert.False(File.Exists(path));
            Assert.StartsWith(".out.csv.", Path.GetFileName(pending.TemporaryPath), StringComparison.Ordinal);
            Assert.EndsWith(".partial", pending.TemporaryPath, StringComparison.Ordinal);
            pending.Publish();
        }
        Assert.Equal("a,b\n", File.ReadAllText(path));
        Assert.Equal(["out.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_cut_that_fails_leaves_no_file_and_an_earlier_export_untouched()
    {
        using var dir = Repo.TempDir();
        var path = Path.Combine(dir.Path, "out.csv");
        File.WriteAllText(path, "earlier\n");
        var plan = Cuts.Plan();
        // Enough good rows to fill the output buffer several times before the bad one.
        var input = "id,name\n" + string.Concat(Enumerable.Repeat("1,Ana\n", 500_000)) + "2,\"unclosed\n";

        Assert.Throws<DisclosureException>(() =>
        {
            using var pending = new PendingFile(path);
            Redactor.Redact(plan, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(input)), pending.Stream, RecordFormat.Csv, "in.csv");
            pending.Publish();
        });

        Assert.Equal("earlier\n", File.ReadAllText(path));
        Assert.Equal(["out.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}
