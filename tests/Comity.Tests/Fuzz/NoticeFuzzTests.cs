using System.Net;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Tests.Fuzz.Support;
using Comity.Tests.Server.Support;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The notice door: GET /api/v1/cases/N/notices/NOTICE?language=&amp;format= with mutated case
/// numbers, notice names, languages and formats (troublemaking text, percent-escaped). Each is a
/// PDF or page that the ledger records, or a problem+json 4xx that records nothing; never a 500.
/// </summary>
public sealed class NoticeFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Words =
    [
        "request-notice", "decision-copy", "release-notice", "interview-consent", "en", "es", "zh", "zh-Hant", "ko", "tl", "vi", "fr",
        "pdf", "html", "PDF", "", "..", "../..", "%00", "a-b-c-d-e-f", "x".PadRight(300, 'x'), "é", "\u4e2d", "<script>", "' or 1=1",
        .. TextMutants.Common.Where(t => t.Length < 100),
    ];

    private static readonly Gen<string> Word = Gen.OneOf(Gen.Int[0, Words.Length - 1].Select(i => Words[i]), Gen.String[0, 12]);

    /// <summary>A value that works, half the time, so that a good share of the mutants reach the printer.</summary>
    private static Gen<string?> Mostly(params string?[] good) =>
        Gen.Frequency((1, Gen.Int[0, good.Length - 1].Select(i => good[i])), (1, Word.Null()));

    [Fact]
    public async Task Mutated_notice_requests_print_and_record_or_are_problems_that_record_nothing()
    {
        var id = await server.Decide("examples/la/detainer-served.json");
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var printed = 0L;
        var before = ledger.Size;
        using var http = server.Api(Role.Intake);
        var gen = Gen.Select(Gen.OneOf(Gen.Const(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Gen.Frequency((1, Gen.Int[0, 1].Select(i => i == 0 ? "request-notice" : "decision-copy")), (1, Word)), Mostly(null, "es", "zh-Hant", "ko"), Mostly(null, "pdf", "html"));
        gen.Sample(t =>
        {
            var (caseId, notice, language, format) = t;
            // Kestrel refuses a NUL in the path with 400 before routing; the in-process test server throws instead.
            notice = notice.Replace("\0", "", StringComparison.Ordinal);
            var query = new StringBuilder();
            if (language is not null)
                query.Append("&language=").Append(Uri.EscapeDataString(language));
            if (format is not null)
                query.Append("&format=").Append(Uri.EscapeDataString(format));
            var path = $"/api/v1/cases/{caseId}/notices/{Uri.EscapeDataString(notice)}" + (query.Length > 0 ? "?" + query.ToString(1, query.Length - 1) : "");
            using var response = http.GetAsync(path).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{path}: {status}");
            if (status == 200 && notice is "" or "." or "..")
                return; // the list (a trailing slash), or a dot segment the client resolves: another endpoint answered
            if (status == 200)
            {
                Assert.Contains(response.Content.Headers.ContentType!.MediaType, new[] { "application/pdf", "text/html" });
                Interlocked.Increment(ref printed);
                return;
            }
            // A path the router does not match (an empty notice name) is a 404 or 405 of the framework's: problem+json too.
            Assert.True(status is 400 or 404 or 405, $"{path}: {status}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var _ = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }, iter: Fuzzing.Iterations(400), threads: 1, print: t => t.ToString());
        Assert.True(printed > 0, "no mutant printed a notice: the fuzzer never reached the printer");
        // Each notice printed is one entry; every read of the case is also an access entry (reports.md P8).
        Assert.Equal(printed, ledger.ReadFrom(before).Count(e => e.Kind != Comity.Recording.Entries.AccessEntry.Kind));
    }
}
