using System.Text;
using Comity.Disclosure;
using Comity.Tests.Disclosure;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Support;
using CsCheck;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The disclosure door: mutated CSV and JSON Lines exports through the redactor. Each is cut, or
/// refused with DisclosureException errors that name the file and, for a bad record, the line
/// and column; nothing else is ever thrown, read from a stream (a request body) or from a
/// file (mapped), which agree.
/// </summary>
public sealed class DisclosureFuzzTests
{
    private static readonly string[] Csv =
    [
        "id,name,home,cii,ssn\n1,\"Doe, Jane\",1 Main St,A1,111\n2,\"Roe \"\"RR\"\"\",,A2,222\r\n3,Poe,\"3 Elm\nSt\",,333\n",
        "ssn,cii,id\n111,A1,1\n222,,2",
        "id,eyes\n1,brown\n",
    ];

    private static readonly string[] JsonLines =
    [
        """{"id":1,"name":"Doe, Jane","home":{"street":"1 Main St","city":"LA"},"cii":"A1","eyes":"brown"}""" + "\n"
            + """{ "id" : "2", "name" : "Roe \"RR\"", "cii" : ["A2", "A3"], "ssn": "222" }""" + "\r\n"
            + """{"home":"3 Elm St","ssn":"333"}""" + "\n" + """{"id":1,"cii":null}""",
        """{"id":1,"cii":"A1","ssn":"\u00e9\ud83d\ude00"}""" + "\n",
    ];

    private static readonly string[] Troublemakers =
    [
        ",", "\"", "\"\"", ",,,,", "\"a\nb\"", "{", "}", "[", "]", ":", "\"id\":", "\"cii\":\"\\ud800\",", "\\u0000", "\\ud800", "null,",
        string.Concat(Enumerable.Repeat("[", 3000)), "\"id\":1,\"id\":2,", "\"" + new string('x', 5000), "id,id\n",
    ];

    private static readonly TextMutants Exports = new([.. Csv.Concat(JsonLines).Select(Encoding.UTF8.GetBytes)], Troublemakers);

    private static readonly DisclosurePlan[] Plans =
    [
        Cuts.Plan(),
        Cuts.Plan(Req.With("""{ "act": "disclose", "data": ["personal-info", "criminal-history"] }"""), subject: Cuts.Subject(("id", "1"))),
    ];

    [Fact]
    public void Mutated_exports_are_cut_or_refused_with_disclosure_errors_only()
    {
        var cut = 0;
        Fuzzing.Run(Exports.Files.Select(f => Pack(f.Seed, f.Text)), packed =>
        {
            var (seed, text) = Unpack(packed);
            var format = seed < Csv.Length ? RecordFormat.Csv : RecordFormat.JsonLines;
            var plan = Plans[text.Length % Plans.Length];
            var limits = text.Length % 3 == 0 ? Cuts.Tiny(16) : null;
            var fromStream = Attempt(plan, new MemoryStream(text), format, limits);
            // A file is mapped, not read: the other way in, checked on every fourth input.
            if (text.Length % 4 == 0)
            {
                var path = Path.Combine(Path.GetTempPath(), $"comity-fuzz-{Guid.NewGuid():N}");
                File.WriteAllBytes(path, text);
                try
                {
                    using var file = File.OpenRead(path);
                    var fromFile = Attempt(plan, file, format, limits);
                    // Both cut alike, or both refuse (an input with two faults may be refused for either).
                    Assert.Equal(fromStream.Output, fromFile.Output);
                }
                finally
                {
                    File.Delete(path);
                }
            }
            if (fromStream.Output is not null)
                Interlocked.Increment(ref cut);
        });
        Assert.True(cut > 0, "no mutant was cut: the fuzzer never got past the first error");
    }

    /// <summary>The cut's output, or null when refused; anything but a DisclosureException fails the test.</summary>
    private static (string? Output, DisclosureException? Error) Attempt(DisclosurePlan plan, Stream input, RecordFormat format, RedactionLimits? limits)
    {
        using var output = new MemoryStream();
        try
        {
            Redactor.Redact(plan, input, output, format, format == RecordFormat.Csv ? "in.csv" : "in.jsonl", limits);
            return (Encoding.UTF8.GetString(output.ToArray()), null);
        }
        catch (DisclosureException e)
        {
            Assert.NotEmpty(e.Errors);
            foreach (var error in e.Errors)
                Assert.True(error.File.Length > 0 && error.Message.Length > 0 && error.Line >= 0 && error.Column >= 0, $"an error without its place: {error}");
            return (null, e);
        }
    }

    // The seed's index rides in the first byte, so that a failure prints (and replays) one byte array.
    private static byte[] Pack(int seed, byte[] text) => [(byte)seed, .. text];

    private static (int Seed, byte[] Text) Unpack(byte[] packed) => (packed[0], packed[1..]);
}
