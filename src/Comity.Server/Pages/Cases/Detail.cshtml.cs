using System.Globalization;
using Comity.Cases;
using Comity.Contract;
using Comity.Server.Auth;
using Comity.Recording;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>The decision page: the outcome, what to do now, why, the obligations, the receipt and the case's history.</summary>
[Authorize(Policy = nameof(Permission.ReadCases))]
public sealed class DetailModel(CaseStore cases, CaseWorkflow workflow, CaseVerifier verifier, TimeProvider time) : PageModel
{
    public CaseDetail Case { get; private set; } = null!;
    public DecisionView Decision { get; private set; } = null!;
    public CaseVerification? Verification { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public string? Done { get; private set; }

    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Verdict { get; set; }
    [BindProperty] public string? ReviewOutcome { get; set; }
    [BindProperty] public string? Justification { get; set; }
    [BindProperty] public string? Rule { get; set; }
    [BindProperty] public string? ServedAt { get; set; }
    [BindProperty] public string? ServedBy { get; set; }

    public string Now => time.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public IActionResult OnGet(long id, bool verify = false)
    {
        if (!Load(id))
            return NotFound();
        if (verify)
        {
            if (!User.Can(Permission.ReadLedger))
                return Forbid();
            Verification = verifier.Verify(id);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostReferAsync(long id)
    {
        if (!User.Can(Permission.Refer))
            return Forbid();
        return After(id, await workflow.ReferAsync(id, Note, User.Name()), "Sent to counsel. The case is in the review queue.", "Refer");
    }

    public async Task<IActionResult> OnPostReviewAsync(long id)
    {
        if (!User.Can(Permission.Review))
            return Forbid();
        if (!CaseVocabularies.Verdicts.TryParse(Verdict ?? "", out var verdict))
        {
            Errors["Verdict"] = "Choose whether you confirm or override the decision.";
            return Invalid(id);
        }
        Outcome? outcome = null;
        if (verdict == ReviewVerdict.Override)
        {
            if (!Vocabularies.Outcomes.TryParse(ReviewOutcome ?? "", out var o))
            {
                Errors["ReviewOutcome"] = "Choose the outcome that replaces the decision's.";
                return Invalid(id);
            }
            outcome = o;
        }
        return After(id, await workflow.ReviewAsync(id, verdict, outcome, Justification, User.Name()),
            verdict == ReviewVerdict.Override ? "Your override is recorded." : "Your confirmation is recorded.", "Review");
    }

    public async Task<IActionResult> OnPostServeAsync(long id)
    {
        if (!User.Can(Permission.ServeObligation))
            return Forbid();
        var servedAt = WithOffset(ServedAt);
        if (servedAt is null)
        {
            Errors["Serve." + Rule] = "Enter the date and time the notice was served.";
            return Invalid(id);
        }
        return After(id, await workflow.ServeObligationAsync(id, Rule ?? "", servedAt, ServedBy, User.Name()), "Recorded as served.", "Serve." + Rule);
    }

    private IActionResult After(long id, Recorded<CaseEvent> recorded, string done, string form)
    {
        if (recorded.Error is { } error)
        {
            if (error.Kind == RecordErrorKind.NotFound && !Load(id))
                return NotFound();
            Errors[error.Path switch
            {
                "justification" => "Justification",
                "outcome" => "ReviewOutcome",
                "servedBy" => form + ".By",
                _ => form,
            }] = char.ToUpperInvariant(error.Message[0]) + error.Message[1..] + ".";
            return Invalid(id);
        }
        TempData["Done"] = done;
        return Redirect($"/cases/{id}#done");
    }

    private IActionResult Invalid(long id)
    {
        if (!Load(id))
            return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private bool Load(long id)
    {
        var c = cases.Find(id);
        if (c is null)
            return false;
        Case = c;
        Decision = DecisionView.From(c.Decision);
        Done = TempData["Done"] as string;
        return true;
    }

    /// <summary>A time from the form's date-time field, with the desk's offset on that day.</summary>
    private static string? WithOffset(string? local)
    {
        if (!DateTime.TryParseExact(local?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            return null;
        return new DateTimeOffset(t, TimeZoneInfo.Local.GetUtcOffset(t)).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);
    }
}
