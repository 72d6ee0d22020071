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
    public void An_export_of_many_writeback_steps_is_published_byte_for_byte()
    {
        using var dir = Repo.TempDir();
        var path = Path.Combine(dir.Path, "out.csv");
        var data = new byte[20_000_003]; // past two 8 MB writeback steps, and not a multiple of a piece
        new Random(7).NextBytes(data);
        using (var pending = new PendingFile(path))
        {
            // Both ways a cut writes: spans, and arrays with an offset.
            for (var at = 0; at < data.Length; at += 300_007)
            {
                var piece = Math.Min(300_007, data.Length - at);
                if (at % 2 == 0)
                    pending.Stream.Write(data.AsSpan(at, piece));
                else
                    pending.Stream.Write(data, at, piece);
            }
            pending.Publish();
        }
        Assert.Equal(data, File.ReadAllBytes(path));
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
