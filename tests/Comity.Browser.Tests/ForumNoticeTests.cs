using Comity.Reports;
using Comity.Reports.TruthAct;
using Comity.Reports.TruthAct.Forum;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Comity.Browser.Tests;

/// <summary>
/// The TRUTH Act forum notices (reports.md section 4, "Packaging") in a real browser: the English
/// and the Spanish page each in its own language, with the forum's facts and the publish-by day,
/// no script, and axe-core clean; the Spanish one says in a line of its own that its translation
/// is not yet certified.
/// </summary>
public sealed class ForumNoticeTests(LiveServer server) : IClassFixture<LiveServer>
{
    private const string Forum = """
        {
          "governingBody": "Los Angeles City Council",
          "date": "2026-03-12",
          "time": "18:00",
          "place": "City Hall, Room 340, 200 N. Spring Street, Los Angeles, CA 90012",
          "accessibility": { "contact": "Office of the City Clerk, disability accommodations", "phone": "(213) 555-0140", "email": "access@example.org" },
          "interpretation": { "contact": "Office of the City Clerk, interpretation", "phone": "(213) 555-0141" },
          "reportAt": "https://example.org/transparency"
        }
        """;

    [BrowserFact]
    public async Task The_English_and_Spanish_notices_give_the_forum_and_the_day_to_publish_by_and_pass_axe()
    {
        var stack = Path.Combine(LiveServer.RepoRoot(), "stacks", "us", "ca", "los-angeles");
        var details = ForumDetails.Parse(System.Text.Encoding.UTF8.GetBytes(Forum), "forum.json");
        var mapping = ReportMapping.Load(stack, Comity.Law.StackLoader.Load(stack));
        var manifest = new ReportManifest
        {
            Jurisdiction = mapping.Stack, Report = "truth-act", Period = "2025", Copy = ReportMaker.Public, Origin = "example.org/comity",
            TreeSize = 42, RootHash = "AAAA", CheckpointNote = "", StackDigest = "sha256:0", MappingDigest = mapping.Digest, Draft = false,
        };
        var (files, warnings) = ForumNotice.Write(new ForumRequest(details, ForumNoticeTemplate.LoadAll(stack), new DateOnly(2026, 1, 5)), 2025, AgencyScope.Whole(mapping), manifest, 1);
        Assert.Empty(warnings);
        Directory.CreateDirectory(LiveServer.ScreenshotFolder);

        var page = await server.Browser.NewPageAsync();
        foreach (var (language, expected) in new[]
        {
            ("en", new[] { "March 12, 2026, at 6:00 p.m.", "February 10, 2026", "City Hall, Room 340", "(213) 555-0141", "https://example.org/transparency", "version 1" }),
            ("es", new[] { "12 de marzo de 2026, a las 6:00 p.m.", "10 de febrero de 2026", "Traducción todavía no certificada", "versión 1" }),
        })
        {
            var html = System.Text.Encoding.UTF8.GetString(files[$"notice_{language}.html"]);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("{", html.Split("<body>")[1], StringComparison.Ordinal); // every placeholder filled
            await page.SetContentAsync(html);
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
            foreach (var text in expected)
                await Assertions.Expect(page.Locator("main")).ToContainTextAsync(text);
            var results = await page.RunAxe();
            var violations = results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToArray();
            Assert.True(violations.Length == 0, $"axe on notice_{language}.html:\n{string.Join("\n", violations)}");
            await page.SetViewportSizeAsync(900, 700);
            await page.ScreenshotAsync(new() { Path = Path.Combine(LiveServer.ScreenshotFolder, $"forum-notice-{language}.png"), FullPage = true });
        }
        Assert.DoesNotContain("no certificada", System.Text.Encoding.UTF8.GetString(files["notice_en.html"]), StringComparison.Ordinal);
    }
}
