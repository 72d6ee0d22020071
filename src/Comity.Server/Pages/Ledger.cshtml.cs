using Comity.Ledger;
using Comity.Server.Auth;
using Comity.Recording;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

[Authorize(Policy = nameof(Permission.ReadLedger))]
public sealed class LedgerModel(TransparencyLog ledger, CaseVerifier verifier, LedgerBrowser browser, LedgerVerifications verifications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "case")] public string? CaseId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public LedgerPage Entries { get; private set; } = new([], 0, null, 0);
    public LedgerVerificationState? Whole { get; private set; }

    /// <summary>The address of the entries page that goes on from <paramref name="before"/> with the same filters.</summary>
    public string EntriesLink(long before) =>
        $"/ledger?kind={Uri.EscapeDataString(Kind ?? "")}&actor={Uri.EscapeDataString(Actor ?? "")}&before={before}#entries";

    public string Checkpoint { get; private set; } = "";
    public long Size { get; private set; }
    public string Key { get; private set; } = "";
    public CaseVerification? Verification { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
        var checkpoint = ledger.Checkpoint();
        Checkpoint = checkpoint.Note;
        Size = checkpoint.Size;
        Key = ledger.Verifier.Encoded;
        Whole = verifications.Current;
        var kind = LedgerBrowser.Kinds.Contains(Kind ?? "") ? Kind : null;
        Entries = browser.Browse(kind, string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(), Before is > 0 ? Before : null);
        if (string.IsNullOrWhiteSpace(CaseId))
            return;
        if (!long.TryParse(CaseId.Trim().TrimStart('#'), out var id))
            Error = "Enter a case number, such as 12.";
        else if ((Verification = verifier.Verify(id)) is null)
            Error = $"There is no case {id}.";
        if (Error is not null)
            Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>Starts verifying the whole ledger (or shows the verification running).</summary>
    public IActionResult OnPostVerify()
    {
        verifications.Start(User.Name());
        return Redirect("/ledger#whole");
    }

    /// <summary>How far the verification has come, for the page's progress bar (assets/ledger.js).</summary>
    public IActionResult OnGetProgress()
    {
        Response.Headers.CacheControl = "no-store";
        var s = verifications.Current;
        return new JsonResult(s is null ? new { started = false, done = 0L, total = 0L, percent = 0, finished = false, ok = (bool?)null, problems = Array.Empty<string>() }
            : new { started = true, done = s.Done, total = s.Total, percent = s.Percent, finished = s.Finished, ok = s.Report?.Ok, problems = s.Report?.Problems.ToArray() ?? [] });
    }
}
