using System.Text;
using Comity.Disclosure;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>
/// Bad exports are refused with the file, line, column and what was expected: the firewall does not
/// guess where a field ends or what a byte means.
/// </summary>
public class CsvInputErrorTests
{
    [Fact]
    public void An_unbalanced_quote_is_reported_where_it_opens()
    {
        Assert.Equal("in.csv:3:3: this quoted field never closes: the file ends inside it (an unbalanced quote?)",
            Error(Plan(), "id,name\n1,a\n2,\"Doe, Jane\n3,b\n"));
    }

    [Fact]
    public void An_unbalanced_quote_that_would_swallow_the_file_is_stopped_at_the_record_limit()
    {
        var input = "id,name\n1,\"open\n" + string.Concat(Enumerable.Repeat("2,b\n", 1000));

        Assert.Equal("in.csv:2:3: this quoted field does not close within 1,024 bytes, the longest record taken (an unbalanced quote?)",
            Error(Plan(), input, limits: new RedactionLimits { InitialBufferBytes = 64, MaxRecordBytes = 1024 }));
    }

    [Fact]
    public void A_ragged_row_is_reported_with_its_line()
    {
        Assert.Equal("in.csv:3:1: this record has 3 fields; the header has 2 (a missing or extra comma, or an unquoted field holding one?)",
            Error(Plan(), "id,name\n1,a\n2,Doe, Jane\n"));
        Assert.Equal("in.csv:2:1: this record has 1 fields; the header has 2 (a missing or extra comma, or an unquoted field holding one?)",
            Error(Plan(), "id,name\n1\n"));
    }

    [Fact]
    public void An_empty_line_is_reported_as_such()
    {
        Assert.Equal("in.csv:3:1: an empty line; every record has 2 fields, as the header has", Error(Plan(), "id,name\n1,a\n\n2,b\n"));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_refused()
    {
        Assert.Equal("in.csv:2:6: a quote inside an unquoted field; a field holding quotes must be quoted, with each quote written twice (\"a \"\"b\"\" c\")",
            Error(Plan(), "id,name\n1,Doe\"s\n"));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_refused()
    {
        Assert.Equal("in.csv:2:8: expected a comma or the end of the line after the closing quote of a quoted field (a quote inside a quoted field is written twice: \"\")",
            Error(Plan(), "id,name\n1,\"Doe\" Jr\n"));
    }

    [Fact]
    public void A_carriage_return_without_a_line_feed_is_refused()
    {
        Assert.Equal("in.csv:2:4: a carriage return not followed by a line feed outside quotes; lines end with LF or CR LF",
            Error(Plan(), "id,name\n1,a\r2,b\n"));
    }

    [Fact]
    public void A_field_named_twice_in_the_header_is_refused()
    {
        Assert.Equal("in.csv:1:9: field \"name\" is named twice in the header (fields 2 and 3): which one the catalog means cannot be told",
            Error(Plan(), "id,name,\"name\"\n1,a,b\n"));
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal("in.csv:1:1: the file is empty; expected a header line naming the fields", Error(Plan(), ""));
        Assert.Equal("in.csv:1:1: the file is empty; expected a header line naming the fields", Error(Plan(), "\uFEFF"));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_at_their_line_and_column()
    {
        // "José" in Windows-1252: é is the single byte 0xE9.
        var input = Encoding.UTF8.GetBytes("id,name\n1,Ana\n2,Jos").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();

        Assert.StartsWith("in.csv:3:6: byte 0xE9 is not valid UTF-8 here; expected UTF-8 text (is the file in another encoding, such as Windows-1252",
            Error(Plan(), input));
    }

    [Fact]
    public void Bad_bytes_are_found_wherever_the_window_breaks()
    {
        var input = Encoding.UTF8.GetBytes("id,name\n1,Ñúñez\n2,Jos").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes(",\n")).ToArray();

        foreach (var window in new[] { 1, 2, 3, 5, 8, 13, 1 << 20 })
            Assert.StartsWith("in.csv:3:6: byte 0xC3 is not valid UTF-8 here", Error(Plan(), input, limits: Tiny(window)));
    }

    [Fact]
    public void A_multibyte_character_cut_off_at_the_end_of_the_file_is_refused()
    {
        var input = Encoding.UTF8.GetBytes("id,name\n1,Jos").Concat(new byte[] { 0xC3 }).ToArray();

        Assert.StartsWith("in.csv:2:6: byte 0xC3 is not valid UTF-8 here", Error(Plan(), input));
    }

    [Fact]
    public void Utf16_is_refused_by_name()
    {
        var input = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("id,name\n1,a\n")).ToArray();

        Assert.Equal("in.csv: the file is UTF-16 (it starts with a UTF-16 byte-order mark); expected UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)",
            Error(Plan(), input));
    }

    [Fact]
    public void A_nul_byte_is_refused()
    {
        var input = Encoding.Unicode.GetBytes("id,name\n1,a\n"); // UTF-16 without a byte-order mark

        Assert.Equal("in.csv:1:2: a NUL byte: expected UTF-8 text (is this file UTF-16 without a byte-order mark, or binary?)", Error(Plan(), input));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Errors_far_into_a_large_file_keep_their_line_and_column(bool accents)
    {
        // Over a megabyte of rows (several of the window's 256 KB pieces, lines counted as pieces
        // are dropped), plain ASCII or with a name in accents now and then (the checks' slow path),
        // then one bad byte or record on line 30,002 (or after a quoted line end, on 30,004).
        var rows = new StringBuilder("id,name\n");
        for (var k = 0; k < 30_000; k++)
            rows.Append(k).Append(',').Append(accents && k % 997 == 0 ? "Núñez" : "Ana Maria Lopez-Garcia").Append('\n');
        var head = Encoding.UTF8.GetBytes(rows.ToString());
        byte[] With(string before, byte[] bad, string after) => [.. head, .. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];

        foreach (var window in new[] { 64, 1 << 20 })
        {
            Assert.StartsWith("in.csv:30002:6: byte 0xE9 is not valid UTF-8 here",
                Error(Plan(), With("7,Jos", [0xE9], "\n8,b\n"), limits: Tiny(window)));
            Assert.StartsWith("in.csv:30002:4: a NUL byte",
                Error(Plan(), With("7,a", [0], "\n8,b\n"), limits: Tiny(window)));
            Assert.StartsWith("in.csv:30002:6: a quote inside an unquoted field",
                Error(Plan(), With("7,Doe\"s\n", [], ""), limits: Tiny(window)));
            Assert.StartsWith("in.csv:30004:1: this record has 3 fields",
                Error(Plan(), With("7,\"two\nlines\"\n8,a,b\n", [], ""), limits: Tiny(window)));
        }
    }
}
