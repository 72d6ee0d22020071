using Microsoft.Playwright;

namespace Comity.Browser.Tests;

/// <summary>
/// Catches Content-Security-Policy violations in the browser (issue 18 point 12: the pages satisfy
/// the policy the server sets). A script added to every page before its own records each
/// <c>securitypolicyviolation</c> event in the tab's session storage, so that a violation on any
/// page of a walk is still there when a later page is checked.
/// </summary>
public static class CspWatch
{
    private const string Script = """
        document.addEventListener('securitypolicyviolation', function (e) {
          var seen = JSON.parse(sessionStorage.getItem('comity-csp') || '[]');
          seen.push(location.pathname + ': ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
          sessionStorage.setItem('comity-csp', JSON.stringify(seen));
        });
        """;

    /// <summary>A new page (in a context of its own) whose violations are recorded.</summary>
    public static async Task<IPage> NewPage(IBrowser browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options ?? new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await context.AddInitScriptAsync(Script);
        return await context.NewPageAsync();
    }

    /// <summary>Fails when a page of this tab reported a violation.</summary>
    public static async Task AssertNone(IPage page)
    {
        var seen = await page.EvaluateAsync<string[]>("() => JSON.parse(sessionStorage.getItem('comity-csp') || '[]')");
        Assert.True(seen.Length == 0, "Content-Security-Policy violations:\n" + string.Join("\n", seen));
    }
}
