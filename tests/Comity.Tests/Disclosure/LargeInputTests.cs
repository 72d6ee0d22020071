using System.Text;
using Comity.Disclosure;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>
/// The window slides over the input, read 256 KB at a time. Every cut in these tests runs from
/// memory and from a file (<see cref="Cuts.Run(DisclosurePlan, byte[], RecordFormat, RedactionLimits?)"/>);
/// these exports are large enough to cross many reads, or end where a page of the file ends.
/// </summary>
public class LargeInputTests
{
    private const string Header = "id,name,home,cii,ssn\n";

    private static string Rows(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"{i},\"Ana \"\"{i}\"\", Jr.\",1 Main St,C{i},123-45-{i % 10000:D4}\n"));

    [Fact]
    public void A_cut_larger_than_a_read_is_the_same_from_memory_or_a_file()
    {
        var rows = Rows(40_000); // about 2 MB: several reads of the window
        var (output, result) = Run(Plan(), Header + rows);
        Assert.Equal(40_000, result.RowsWritten);
        Assert.StartsWith("id,name,cii\n0,\"Ana \"\"0\"\", Jr.\",C0\n", output);
        Assert.EndsWith("39999,\"Ana \"\"39999\"\", Jr.\",C39999\n", output);
    }

    [Fact]
    public void A_bad_byte_deep_in_a_file_is_named_by_line_and_column()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + Rows(30_000) + "30000,Jos\u00e9,x,y,z\n").ToList();
        bytes[^9] = 0xE9; // the é of "José" as Windows-1252 writes it
        bytes.RemoveAt(bytes.Count - 8);
        Assert.StartsWith("in.csv:30002:10: byte 0xE9 is not valid UTF-8 here", Error(Plan(), bytes.ToArray()));
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(8192)]
    public void A_file_ending_where_its_last_page_ends_is_cut_to_its_last_byte(int size)
    {
        var last = "7,\"end\",h,c,s";
        var filler = size - Header.Length - last.Length - "0,\"\",h,c,s\n".Length;
        var text = Header + $"0,\"{new string('a', filler)}\",h,c,s\n" + last;
        Assert.Equal(size, Encoding.UTF8.GetByteCount(text));
        var (output, result) = Run(Plan(), text);
        Assert.Equal(2, result.RowsRead);
        Assert.EndsWith("\n7,\"end\",c\n", output);
        Assert.StartsWith("in.csv:3:3: this quoted field never closes", Error(Plan(), text[..^7] + new string('x', 7)));
    }
}
