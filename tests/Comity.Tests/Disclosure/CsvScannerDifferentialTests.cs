using System.Text;
using System.Text.RegularExpressions;
using Comity.Disclosure;
using static Comity.Tests.Disclosure.Cuts;

namespace Comity.Tests.Disclosure;

/// <summary>
/// The vectorised scanner against <see cref="CsvReference"/> on thousands of generated exports,
/// valid and broken, cut through windows of many sizes so that every record, quote, CR LF and
/// multi-byte character also falls across a window boundary.
/// </summary>
public class CsvScannerDifferentialTests
{
    private static readonly string[] Names = ["id", "name", "home", "cii", "ssn", "eyes"];
    // The long ones make records span several of the scanner's 64-byte blocks, so that quotes,
    // doubled quotes, separators and line ends fall on every side of a block boundary.
    private static readonly string[] Plain = ["", "a", "José", "李小龍", "1 Main St", "x y", "€5", new('p', 61)];
    private static readonly string[] Quoted = ["\"a,b\"", "\"\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"cr\r\nlf\"", "\"日本, 語\"", "\",\"",
        $"\"{new string('q', 59)}\"\",\"\"\r\n\"\"\"", $"\"{new string('r', 62)}\""];
    private static readonly int[] Windows = [1, 2, 3, 7, 64, 65, 1 << 20];

    [Fact]
    public void Agrees_with_the_reference_on_generated_exports()
    {
        var errors = CheckAll(new Random(20251124), 2000, Generate);
        // Both kinds were met, in numbers.
        Assert.InRange(errors, 300, 1200);
    }

    [Fact]
    public void Agrees_with_the_reference_on_wide_records_of_many_commas_a_block()
    {
        // The scanner takes all commas before a block's first quote, CR or LF at once; here blocks
        // hold anything from none to 64 of them, so that every count of commas is met, with quoted
        // fields (commas and line ends inside) starting and ending in blocks of many commas.
        var errors = CheckAll(new Random(20251125), 300, r => GenerateWide(r, r.Next(1, 12), minColumns: 1));
        Assert.InRange(errors, 30, 200);
    }

    [Fact]
    public void Agrees_with_the_reference_on_wide_exports_larger_than_a_read()
    {
        // Over a megabyte, so that records, quotes and CR LF fall across the 256 KB pieces the
        // window reads (or maps) at a time, not only across a small window's edges.
        var random = new Random(7);
        var plan = Plan();
        for (var n = 0; n < 4; n++)
        {
            var text = GenerateWide(random, 8000, minColumns: 100);
            var (expected, errorAt) = CsvReference.Cut(text, name => plan.Decide(name).Kept);
            Assert.True(text.Length > 1 << 20);
            foreach (var window in new[] { 64, 1 << 20 })
                Check(plan, text, expected, errorAt, window);
        }
    }

    /// <summary>Checks <paramref name="count"/> generated exports through every window size; returns how many the reference found broken.</summary>
    private static int CheckAll(Random random, int count, Func<Random, string> generate)
    {
        var plan = Plan();
        var errors = 0;
        for (var n = 0; n < count; n++)
        {
            var text = generate(random);
            var (expected, errorAt) = CsvReference.Cut(text, name => plan.Decide(name).Kept);
            foreach (var window in Windows)
                Check(plan, text, expected, errorAt, window);
            errors += errorAt is null ? 0 : 1;
        }
        return errors;
    }

    private static void Check(Comity.Disclosure.DisclosurePlan plan, string text, string? expected, string? errorAt, int window)
    {
        var input = Encoding.UTF8.GetBytes(text);
        if (errorAt is null)
        {
            Assert.True(expected == Run(plan, input, limits: Tiny(window)).Output, $"window {window}, export:\n{Show(text)}");
        }
        else
        {
            var error = Error(plan, input, limits: Tiny(window));
            Assert.True(Regex.IsMatch(error, $"^in\\.csv:{errorAt}: "), $"expected an error at {errorAt}, got {error}; window {window}, export:\n{Show(text)}");
        }
    }

    /// <summary>Up to 150 columns (the catalog's fields among ones it does not name), mostly empty or short, some quoted; a third broken after the header.</summary>
    private static string GenerateWide(Random r, int rows, int minColumns)
    {
        var columns = r.Next(minColumns, 150);
        var header = Names.Concat(Enumerable.Range(0, columns).Select(k => $"x{k}")).OrderBy(_ => r.Next()).ToList();
        var crlf = r.Next(2) == 0;
        var s = new StringBuilder();
        s.Append(string.Join(',', header)).Append(crlf ? "\r\n" : "\n");
        var empty = r.Next(4) == 0; // rows of nothing but commas: 64 in a block
        for (var i = 0; i < rows; i++)
        {
            s.Append(string.Join(',', header.Select(_ => r.Next(40) switch
            {
                0 => Quoted[r.Next(Quoted.Length)],
                < 3 => Plain[r.Next(Plain.Length)],
                _ => empty ? "" : "ab"[..r.Next(3)],
            })));
            if (i < rows - 1 || r.Next(3) > 0)
                s.Append(crlf ? "\r\n" : "\n");
        }
        var text = s.ToString();
        var body = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        if (r.Next(3) == 0 && text.Length > body)
        {
            var at = r.Next(body, text.Length);
            text = text[..at] + "\",\r\n"[r.Next(4)] + text[at..];
        }
        return text;
    }

    private static string Generate(Random r)
    {
        var columns = r.Next(1, 6);
        var header = Names.OrderBy(_ => r.Next()).Take(columns).ToList();
        var s = new StringBuilder(r.Next(8) == 0 ? "\uFEFF" : "");
        var crlf = r.Next(2) == 0;
        s.Append(string.Join(',', header.Select(h => r.Next(6) == 0 ? $"\"{h}\"" : h))).Append(crlf ? "\r\n" : "\n");
        var rows = r.Next(0, 6);
        for (var i = 0; i < rows; i++)
        {
            s.Append(string.Join(',', Enumerable.Range(0, columns).Select(_ => r.Next(3) == 0 ? Quoted[r.Next(Quoted.Length)] : Plain[r.Next(Plain.Length)])));
            if (i < rows - 1 || r.Next(3) > 0)
                s.Append(crlf ? "\r\n" : "\n");
        }
        var text = s.ToString();
        // Break a third of them: a stray quote, comma, CR or LF somewhere.
        if (r.Next(3) == 0 && text.Length > 1)
        {
            var at = r.Next(1, text.Length);
            text = text[..at] + "\",\r\n"[r.Next(4)] + text[at..];
        }
        return text;
    }

    private static string Show(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n\n", StringComparison.Ordinal);
}
