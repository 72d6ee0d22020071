using System.Text;
using System.Text.Json;
using Comity.Contract;
using Comity.Notices;
using UglyToad.PdfPig;

namespace Comity.Tests.Notices;

/// <summary>
/// Every notice in every language, printed from a decided case: the PDF's own text (extracted by
/// PdfPig, as a reader would copy it) holds the person's name, the date the request was received
/// and what was decided; an unreviewed translation carries the English beside it.
/// </summary>
public sealed class NoticeDocumentTests
{
    public static TheoryData<string, string> EveryNoticeInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var notice in new[] { "request-notice", "release-notice", "interview-consent", "decision-copy" })
            foreach (var language in NoticeCases.Languages)
                data.Add(notice, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryNoticeInEveryLanguage))]
    public void Pdf_text_holds_the_person_the_request_date_and_the_decision(string notice, string language)
    {
        var library = NoticeCases.Library();
        var facts = NoticeCases.Facts(language);
        var filled = FilledNotice.Fill(library, notice, language, facts);
        var pdf = NoticePdf.Render(filled);
        var text = PdfText(pdf);

        Assert.Contains(Squeeze(NoticeCases.PersonIn(language)), text);
        Assert.Contains("2025-06-02", text);
        var phrases = library.Phrases(language).Phrases;
        // The hold was denied: the person is told so (the decision copy gives the outcome), in the notice's language.
        var decision = notice switch
        {
            "decision-copy" => phrases["outcome.deny"],
            "interview-consent" => phrases["purpose.civil-immigration"],
            _ => phrases["intent.not-comply"],
        };
        Assert.Contains(Squeeze(decision), text);
        if (language != "en")
        {
            // Unreviewed: the English beside it, and the banner that says which text is authoritative.
            Assert.True(filled.EnglishBeside);
            Assert.Contains(Squeeze(phrases["unreviewed"]), text);
            Assert.Contains(Squeeze(library.EnglishOf(notice)!.Title), text);
        }
        else
            Assert.False(filled.EnglishBeside);
    }

    [Fact]
    public void Decision_copy_gives_the_reasons_and_their_citations_and_no_internal_notes()
    {
        var library = NoticeCases.Library();
        var text = PdfText(NoticePdf.Render(FilledNotice.Fill(library, "decision-copy", "en", NoticeCases.Facts("en"))));
        Assert.Contains(Squeeze("Cal. Gov. Code § 7284.6(a)(1)(B)"), text);
        Assert.Contains(Squeeze("may not detain anyone on the basis of a hold request"), text);
        Assert.Contains(Squeeze("Denied: the agency will not comply."), text);
        // Rule identifiers are the stack's internals, not the attorney's business.
        Assert.DoesNotContain("ca.7284-6.a1B", text);
    }

    [Fact]
    public void A_reviewed_case_says_counsel_settled_the_outcome()
    {
        var library = NoticeCases.Library();
        var filled = FilledNotice.Fill(library, "decision-copy", "en", NoticeCases.Facts("en", outcomeInForce: Outcome.ReferToCounsel));
        Assert.Contains(filled.Rows, r => r.Block.Text == "Counsel reviewed the decision. The outcome in force is: Referred to counsel: not yet decided.");
        var unreviewed = FilledNotice.Fill(library, "decision-copy", "en", NoticeCases.Facts("en"));
        Assert.DoesNotContain(unreviewed.Rows, r => r.Block.Text?.StartsWith("Counsel reviewed", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Html_page_holds_the_same_facts_escaped()
    {
        var library = NoticeCases.Library();
        var facts = NoticeCases.Facts("ko") with { Person = new SubjectIdentity { Name = "<script>alert(1)</script>" } };
        var html = NoticeHtml.Render(FilledNotice.Fill(library, "request-notice", "ko", facts));
        Assert.Contains("lang=\"ko\"", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("2025-06-02", html);
        Assert.Contains(library.Phrases("ko").Phrases["intent.not-comply"], html);
    }

    [Fact]
    public void Library_offers_six_languages_of_each_notice_english_authoritative()
    {
        var library = NoticeCases.Library();
        foreach (var notice in new[] { "request-notice", "release-notice", "interview-consent", "decision-copy" })
        {
            var languages = library.LanguagesOf(notice);
            Assert.Equal(NoticeCases.Languages.Order(), languages.Select(l => l.Language).Order());
            Assert.Equal(ReviewStatus.Authoritative, languages[0].Review);
            Assert.All(languages.Skip(1), l => Assert.True(l.EnglishBeside));
            Assert.All(languages, l => Assert.StartsWith("sha256:", l.Digest));
        }
    }

    [Fact]
    public void Case_calls_for_the_notices_of_its_duties_and_the_decision_copy()
    {
        var library = NoticeCases.Library();
        Assert.Equal(["decision-copy", "request-notice"], library.CalledFor(["ca.7283-1.b", "ca.7283-1.c"]));
        Assert.Equal(["decision-copy", "interview-consent"], library.CalledFor(["ca.7283-1.a"]));
        Assert.Equal(["decision-copy"], library.CalledFor([]));
    }

    [Fact]
    public void A_county_drops_in_its_certified_translation_and_it_prints_alone()
    {
        using var data = new TempFolder();
        var es = JsonNode(File.ReadAllText(Path.Combine(Support.RepoRoot.Combine("stacks/us/ca/notices/request-notice"), "es.json")));
        es["review"]!["status"] = "certified";
        es["review"]!["note"] = "Certified translation, County of Los Angeles, 2026.";
        es["title"] = "Aviso certificado de una solicitud de ICE";
        Directory.CreateDirectory(Path.Combine(data.Path, "notices", "request-notice"));
        File.WriteAllText(Path.Combine(data.Path, "notices", "request-notice", "es.json"), es.ToJsonString());

        var library = NoticeLibrary.Open(Support.RepoRoot.Combine("stacks"), "us/ca/los-angeles", data.Path);
        var filled = FilledNotice.Fill(library, "request-notice", "es", NoticeCases.Facts("es"));
        Assert.False(filled.EnglishBeside);
        Assert.Equal(ReviewStatus.Certified, filled.Template.Review.Status);
        var text = PdfText(NoticePdf.Render(filled));
        Assert.Contains(Squeeze("Aviso certificado de una solicitud de ICE"), text);
        Assert.DoesNotContain(Squeeze("Notice of a request from U.S. Immigration"), text);
    }

    [Fact]
    public void A_certified_translation_of_an_older_english_version_prints_with_the_english()
    {
        using var data = new TempFolder();
        var es = JsonNode(File.ReadAllText(Support.RepoRoot.Combine("stacks/us/ca/notices/request-notice/es.json")));
        es["review"]!["status"] = "certified";
        es["translates"] = "0";
        Directory.CreateDirectory(Path.Combine(data.Path, "notices", "request-notice"));
        File.WriteAllText(Path.Combine(data.Path, "notices", "request-notice", "es.json"), es.ToJsonString());
        var library = NoticeLibrary.Open(Support.RepoRoot.Combine("stacks"), "us/ca/los-angeles", data.Path);
        Assert.True(FilledNotice.Fill(library, "request-notice", "es", NoticeCases.Facts("es")).EnglishBeside);
    }

    [Fact]
    public void A_template_that_is_not_json_is_refused_at_its_line_and_column()
    {
        using var data = new TempFolder();
        Directory.CreateDirectory(Path.Combine(data.Path, "notices", "request-notice"));
        var file = Path.Combine(data.Path, "notices", "request-notice", "es.json");
        File.WriteAllText(file, "{\n  \"notice\": \"request-notice\",\n  \"language\": es\n}");
        var e = Assert.Throws<NoticeException>(() => NoticeLibrary.Open(Support.RepoRoot.Combine("stacks"), "us/ca/los-angeles", data.Path));
        Assert.StartsWith($"{file}:3:", e.Message);
    }

    [Theory]
    [InlineData("blocks", "[]", "blocks: expected at least one block")]
    [InlineData("title", "\"Hola {person.nombre}\"", "title: unknown placeholder {person.nombre}")]
    [InlineData("review", "{\"status\":\"authoritative\"}", "review.status: only the English text is authoritative")]
    public void A_template_that_is_wrong_is_refused_at_its_json_path(string property, string value, string expected)
    {
        using var data = new TempFolder();
        var es = JsonNode(File.ReadAllText(Support.RepoRoot.Combine("stacks/us/ca/notices/request-notice/es.json")));
        es[property] = System.Text.Json.Nodes.JsonNode.Parse(value);
        Directory.CreateDirectory(Path.Combine(data.Path, "notices", "request-notice"));
        var file = Path.Combine(data.Path, "notices", "request-notice", "es.json");
        File.WriteAllText(file, es.ToJsonString());
        var e = Assert.Throws<NoticeException>(() => NoticeLibrary.Open(Support.RepoRoot.Combine("stacks"), "us/ca/los-angeles", data.Path));
        Assert.Equal($"{file}: {expected}", e.Message[..(file.Length + 2 + expected.Length)]);
    }

    [Fact]
    public void A_translation_must_have_the_english_blocks_one_for_one()
    {
        using var data = new TempFolder();
        var es = JsonNode(File.ReadAllText(Support.RepoRoot.Combine("stacks/us/ca/notices/request-notice/es.json")));
        es["blocks"]!.AsArray().RemoveAt(3);
        Directory.CreateDirectory(Path.Combine(data.Path, "notices", "request-notice"));
        File.WriteAllText(Path.Combine(data.Path, "notices", "request-notice", "es.json"), es.ToJsonString());
        var e = Assert.Throws<NoticeException>(() => NoticeLibrary.Open(Support.RepoRoot.Combine("stacks"), "us/ca/los-angeles", data.Path));
        Assert.Contains("the English template has 13 blocks, this translation 12", e.Message);
    }

    [Fact]
    public void A_language_without_a_template_is_refused_naming_those_there_are()
    {
        var e = Assert.Throws<NoticeException>(() => FilledNotice.Fill(NoticeCases.Library(), "request-notice", "fr", NoticeCases.Facts("en")));
        Assert.Equal("notice request-notice has no template in \"fr\": it is available in en, es, ko, tl, vi, zh", e.Message);
        // A regional or script tag falls back to its language.
        Assert.Equal("zh", FilledNotice.Fill(NoticeCases.Library(), "request-notice", "zh-Hant-TW", NoticeCases.Facts("zh")).Template.Language);
    }

    internal static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
            text.Append(page.Text);
        return Squeeze(text.ToString());
    }

    /// <summary>Text without white space: lines wrap anywhere, and extraction does not keep the spaces a line broke at.</summary>
    internal static string Squeeze(string s) => new([.. s.Where(c => !char.IsWhiteSpace(c))]);

    private static System.Text.Json.Nodes.JsonObject JsonNode(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("comity-notices-").FullName;
        public void Dispose() => Directory.Delete(Path, true);
    }
}
