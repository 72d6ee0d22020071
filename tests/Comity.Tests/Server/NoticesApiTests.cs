using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Recording.Entries;
using Comity.Tests.Notices;
using Comity.Tests.Server.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Comity.Tests.Server;

/// <summary>
/// GET /api/v1/cases/N/notices and /notices/NOTICE through the real HTTP pipeline: the notices the
/// case's duties call for, each printed as a PDF whose text holds the case's facts, and each
/// printing recorded in the ledger with the language and template version handed over.
/// </summary>
public sealed class NoticesApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_detainer_case_calls_for_the_request_notice_and_the_decision_copy_in_six_languages()
    {
        var id = await server.Decide("examples/la/detainer-served.json");
        var response = await server.Api(Role.Counsel).GetAsync($"/api/v1/cases/{id}/notices");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var notices = json.RootElement.GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(["decision-copy", "request-notice"], notices.Select(n => n.GetProperty("notice").GetString()));
        var request = notices[1];
        Assert.Equal(["Cal. Gov. Code § 7283.1(b)"], request.GetProperty("cites").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal($"/api/v1/cases/{id}/notices/request-notice?language=en", request.GetProperty("href").GetString());
        var languages = request.GetProperty("languages").EnumerateArray().ToList();
        Assert.Equal(["en", "es", "ko", "tl", "vi", "zh"], languages.Select(l => l.GetProperty("language").GetString()));
        Assert.Equal("authoritative", languages[0].GetProperty("review").GetString());
        Assert.All(languages.Skip(1), l => Assert.Equal("unreviewed", l.GetProperty("review").GetString()));
        Assert.All(languages.Skip(1), l => Assert.True(l.GetProperty("englishBeside").GetBoolean()));
    }

    [Fact]
    public async Task A_printed_notice_is_a_pdf_of_the_case_and_its_printing_is_in_the_ledger()
    {
        var id = await server.Decide("examples/la/detainer-served.json");
        var response = await server.Api(Role.Intake).GetAsync($"/api/v1/cases/{id}/notices/request-notice?language=es");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = NoticeDocumentTests.PdfText(pdf);
        Assert.Contains("2025-06-02", text);
        Assert.Contains(NoticeDocumentTests.Squeeze("No. No tenemos la intención de cumplir la solicitud."), text);
        Assert.Contains(NoticeDocumentTests.Squeeze("No. We do not intend to comply with the request."), text);

        var index = long.Parse(response.Headers.GetValues("Comity-Ledger-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var recorded = server.Services.GetRequiredService<TransparencyLog>().Read(index);
        Assert.Equal(NoticeEntry.Kind, recorded.Kind);
        var entry = NoticeEntry.Read(recorded.Body);
        Assert.Equal((id, "request-notice", "es", "1", "unreviewed", true, "pdf", ServerFixture.UserName(Role.Intake)),
            (entry.Case, entry.Notice, entry.Language, entry.Version, entry.Review, entry.EnglishBeside, entry.Format, entry.RecordedBy));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(pdf)), entry.Document);
        Assert.Equal(server.Services.GetRequiredService<CaseStore>().Find(id)!.Summary.LedgerIndex, entry.Decision);
    }

    public static TheoryData<string> Languages() => [.. NoticeCases.Languages];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_case_of_a_person_prints_each_notice_in_the_person_s_language(string language)
    {
        var id = await DecideWithPerson(language);
        using var json = JsonDocument.Parse(await server.Api(Role.Intake).GetStringAsync($"/api/v1/cases/{id}/notices"));
        Assert.Equal(language, json.RootElement.GetProperty("personLanguage").GetString());
        foreach (var n in json.RootElement.GetProperty("notices").EnumerateArray())
        {
            Assert.Equal(language, n.GetProperty("language").GetString());
            var response = await server.Api(Role.Intake).GetAsync(n.GetProperty("href").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = NoticeDocumentTests.PdfText(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains(NoticeDocumentTests.Squeeze(NoticeCases.PersonIn(language)), text);
            Assert.Contains("2025-06-02", text);
            var phrases = NoticeCases.Library().Phrases(language).Phrases;
            Assert.Contains(NoticeDocumentTests.Squeeze(phrases[n.GetProperty("notice").GetString() == "decision-copy" ? "outcome.deny" : "intent.not-comply"]), text);
        }
    }

    [Fact]
    public async Task The_ledger_never_holds_the_person_s_name_from_a_printed_notice()
    {
        var id = await DecideWithPerson("ko");
        var response = await server.Api(Role.Intake).GetAsync($"/api/v1/cases/{id}/notices/request-notice");
        var index = long.Parse(response.Headers.GetValues("Comity-Ledger-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var recorded = server.Services.GetRequiredService<TransparencyLog>().Read(index);
        Assert.DoesNotContain(NoticeCases.PersonIn("ko"), System.Text.Encoding.UTF8.GetString(recorded.Canonical));
        Assert.DoesNotContain("BK-2025-0042", System.Text.Encoding.UTF8.GetString(recorded.Canonical));
    }

    /// <summary>Records the served detainer about a person speaking <paramref name="language"/>; returns the case number.</summary>
    private async Task<long> DecideWithPerson(string language)
    {
        var request = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Comity.Tests.Support.RepoRoot.Combine("examples/la/detainer-served.json")))!;
        request["subject"]!["identity"] = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = NoticeCases.PersonIn(language),
            ["bookingNumber"] = "BK-2025-0042",
            ["language"] = language,
            ["attorney"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "Ana Ruiz" },
        };
        var response = await server.Api(Role.Intake).PostAsync("/api/v1/decisions", ServerFixture.Json(request.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_notice_prints_as_a_page_for_the_browser()
    {
        var id = await server.Decide("examples/la/detainer-served.json");
        var response = await server.Api(Role.Supervisor).GetAsync($"/api/v1/cases/{id}/notices/decision-copy?format=html&language=zh");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh\">", html);
        Assert.Contains("Cal. Gov. Code § 7284.6(a)(1)(B)", System.Net.WebUtility.HtmlDecode(html));
    }

    [Theory]
    [InlineData("/notices/release-notice", HttpStatusCode.NotFound, "does not call for the notice \\\"release-notice\\\"")]
    [InlineData("/notices/request-notice?language=fr", HttpStatusCode.NotFound, "has no template in \\\"fr\\\"")]
    [InlineData("/notices/request-notice?language=%3Cscript%3E", HttpStatusCode.BadRequest, "expected a language tag")]
    [InlineData("/notices/request-notice?format=docx", HttpStatusCode.BadRequest, "expected pdf or html")]
    public async Task Bad_notice_requests_are_problems_naming_what_is_wrong(string tail, HttpStatusCode status, string detail)
    {
        var id = await server.Decide("examples/la/detainer-served.json");
        var size = server.Services.GetRequiredService<TransparencyLog>().Size;
        var response = await server.Api(Role.Intake).GetAsync($"/api/v1/cases/{id}{tail}");
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync());
        Assert.Equal(size, server.Services.GetRequiredService<TransparencyLog>().Size);
    }

    [Fact]
    public async Task There_is_no_notice_of_a_case_that_does_not_exist()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api(Role.Intake).GetAsync("/api/v1/cases/987654/notices")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api(Role.Intake).GetAsync("/api/v1/cases/987654/notices/request-notice")).StatusCode);
    }
}
