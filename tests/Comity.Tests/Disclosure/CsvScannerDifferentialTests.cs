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
        var random = new Random(20251124);
        var plan = Plan();
        var errors = 0;
        for (var n = 0; n < 2000; n++)
        {
            var text = Generate(random);
            var (expected, errorAt) = CsvReference.Cut(text, name => plan.Decide(name).Kept);
            foreach (var window in Windows)
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
            errors += errorAt is null ? 0 : 1;
        }
        // Both kinds were met, in numbers.
        Assert.InRange(errors, 300, 1200);
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
