using Comity.Disclosure;
using Comity.Disclosure.Internal;
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
    public void A_large_export_is_published_byte_for_byte()
    {
        using var dir = Repo.TempDir();
        var path = Path.Combine(dir.Path, "out.csv");
        var data = Data(20_000_003); // far more than any buffer, and not a whole number of them
        using (var pending = new PendingFile(path))
        {
            WriteInSteps(pending.Stream, data);
            pending.Publish();
        }
        Assert.Equal(data, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_cut_written_to_a_pending_file_has_the_bytes_and_digest_of_one_written_to_memory()
    {
        using var dir = Repo.TempDir();
        var path = Path.Combine(dir.Path, "out.csv");
        var plan = Cuts.Plan();
        // Records of odd lengths, so that records straddle the ends of the output buffer.
        var input = System.Text.Encoding.UTF8.GetBytes("id,name\n" + string.Concat(Enumerable.Range(0, 300_000).Select(i => $"{i},\"Ana {new string('x', i % 37)}\"\n")));
        var inMemory = new MemoryStream();
        var expected = Redactor.Redact(plan, new MemoryStream(input), inMemory, RecordFormat.Csv, "in.csv");

        RedactionResult written;
        using (var pending = new PendingFile(path))
        {
            written = Redactor.Redact(plan, new MemoryStream(input), pending.Stream, RecordFormat.Csv, "in.csv");
            pending.Publish();
        }

        Assert.True(expected.OutputBytes > 4 * HashingOutput.BufferBytes, "the cut should fill the output buffer several times");
        Assert.Equal(inMemory.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(expected.OutputSha256, written.OutputSha256);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), written.OutputSha256);
    }

    [Fact]
    public void A_write_the_disk_refuses_fails_the_cut_itself_before_anything_is_recorded()
    {
        if (!File.Exists("/dev/full"))
            return; // Linux's always-full device is how a refused write is made here
        foreach (var rows in new[] { 10, 200_000 }) // less than the output buffer; many times it
        {
            var export = System.Text.Encoding.UTF8.GetBytes("id,name\n" + string.Concat(Enumerable.Repeat("1,Ana\n", rows)));
            using var file = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0); // as PendingFile opens its file
            // The cut returns only once every byte is written; the ledger is written after it.
            var failure = Assert.ThrowsAny<IOException>(() => Redactor.Redact(Cuts.Plan(), new MemoryStream(export), file, RecordFormat.Csv, "in.csv"));
            Assert.Contains("/dev/full", failure.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] Data(int length)
    {
        var data = new byte[length];
        new Random(7).NextBytes(data);
        return data;
    }

    /// <summary>Both ways a stream is written: spans, and arrays with an offset, in uneven steps.</summary>
    private static void WriteInSteps(Stream stream, byte[] data)
    {
        for (var at = 0; at < data.Length; at += 300_007)
        {
            var piece = Math.Min(300_007, data.Length - at);
            if (at % 2 == 0)
                stream.Write(data.AsSpan(at, piece));
            else
                stream.Write(data, at, piece);
        }
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
