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
public sealed class DetailModel(CaseStore cases, CaseWorkflow workflow, CaseVerifier verifier, ServedStacks stacks, Comity.Notices.NoticeDesk notices, TimeProvider time) : PageModel
{
    /// <summary>The notices the case calls for (null when it calls for none, such as a void case, or they cannot be listed: <see cref="NoticesProblem"/> says why).</summary>
    public Comity.Notices.CaseNoticeList? Notices { get; private set; }
    public string? NoticesProblem { get; private set; }

    /// <summary>The disclosures cut from this case's request in the web app.</summary>
    public IReadOnlyList<CaseDisclosure> Disclosures { get; private set; } = [];

    public CaseDetail Case { get; private set; } = null!;
    public DecisionView Decision { get; private set; } = null!;
    public CaseVerification? Verification { get; private set; }

    /// <summary>The stack the case was decided by, as served now (null when it is no longer served).</summary>
    public ServedStack? Stack { get; private set; }

    /// <summary>The unit's time zone: every time on the page is shown in it.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Every fact of the request as entered, in the form's words.</summary>
    public IReadOnlyList<FactSection> Facts { get; private set; } = [];

    public string When(DateTimeOffset at) => UnitTime.Show(at, Zone);

    public DateTimeOffset UtcNow => time.GetUtcNow();
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The errors for the summary at the top, each linking to its field.</summary>
    public IReadOnlyList<ErrorLink> ErrorLinks => Errors.Select(e => new ErrorLink(e.Value, e.Key switch
    {
        "Refer" => "note",
        "Verdict" => "verdict-confirm",
        "ReviewOutcome" => "review-outcome",
        "ReviewItems" => FirstItemField(),
        "Justification" => "justification",
        "Action" => "action-notified",
        "Action.At" => "action-at",
        "Action.Agency" => "action-agency",
        "Void" => "void-duplicate",
        "Void.Note" => "void-note",
        "Document" => "document",
        var k when k.StartsWith("Serve.", StringComparison.Ordinal) && k.EndsWith(".By", StringComparison.Ordinal) => "serve-" + k[6..^3].Replace('.', '-') + "-by",
        var k when k.StartsWith("Serve.", StringComparison.Ordinal) => "serve-" + k[6..].Replace('.', '-') + "-at",
        _ => null,
    })).ToArray();
    public string? Done { get; private set; }

    /// <summary>The field an error about the items links to: the first item referred to counsel, else the first item.</summary>
    private string FirstItemField()
    {
        var items = ItemsInForce.Where(i => i.Outcome == Outcome.ReferToCounsel).Concat(ItemsInForce).ToArray();
        return items.Length == 0 ? "review-outcome" : "review-item-" + Vocabularies.DataItems.Name(items[0].Item);
    }

    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Verdict { get; set; }
    [BindProperty] public string? ReviewOutcome { get; set; }

    /// <summary>
    /// Counsel's outcome for each data item (<c>ItemOutcomes[immigration-status]</c>; empty: the item
    /// keeps its outcome). Read from the form by hand: a bound dictionary would take every other
    /// field of the form as an item when none of these is posted (model binding's empty-prefix fallback).
    /// </summary>
    public Dictionary<string, string> ItemOutcomes { get; } = [];

    /// <summary>The outcome of each data item in force: the decision's, as counsel's overrides left it.</summary>
    public IReadOnlyList<ItemOutcome> ItemsInForce { get; private set; } = [];
    [BindProperty] public string? Justification { get; set; }
    [BindProperty] public string? Rule { get; set; }
    [BindProperty] public string? ServedAt { get; set; }
    [BindProperty] public string? ServedBy { get; set; }
    [BindProperty] public string? VoidReason { get; set; }
    [BindProperty] public string? VoidNote { get; set; }
    [BindProperty] public string? ActionKind { get; set; }
    [BindProperty] public string? ActionAt { get; set; }
    [BindProperty] public string? ReceivingAgency { get; set; }
    [BindProperty] public string? AttorneyPresent { get; set; }

    /// <summary>Now, in the unit's zone, for a date-time field.</summary>
    public string Now => UnitTime.ToLocalField(time.GetUtcNow(), Zone);

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

    /// <summary>The longest text each of the page's fields takes (a note is public in the ledger; a justification stays with the verdict).</summary>
    public const int MaxNoteLength = 1000, MaxJustificationLength = 4000, MaxNameLength = 200;

    public async Task<IActionResult> OnPostReferAsync(long id)
    {
        if (!User.Can(Permission.Refer))
            return Forbid();
        if (TooLong("Refer", Note, MaxNoteLength, "The note"))
            return Invalid(id);
        return After(id, await workflow.ReferAsync(id, Note, User.Name()), "Sent to counsel. The case is in the review queue.", "Refer");
    }

    public async Task<IActionResult> OnPostReviewAsync(long id)
    {
        if (!User.Can(Permission.Review))
            return Forbid();
        if (!CaseVocabularies.Verdicts.TryParse(Verdict ?? "", out var verdict))
            Errors["Verdict"] = "Choose whether you confirm or override the decision.";
        if (TooLong("Justification", Justification, MaxJustificationLength, "The justification") | Errors.Count > 0)
            return Invalid(id);
        Outcome? outcome = null;
        List<ItemOutcome>? items = null;
        var itemFields = false;
        foreach (var (key, value) in Request.Form)
        {
            if (!key.StartsWith("ItemOutcomes[", StringComparison.Ordinal) || !key.EndsWith(']'))
                continue;
            itemFields = true;
            var name = key["ItemOutcomes[".Length..^1];
            ItemOutcomes[name] = value.ToString();
            if (Vocabularies.DataItems.TryParse(name, out var item) && Vocabularies.Outcomes.TryParse(value.ToString(), out var o))
                (items ??= []).Add(new ItemOutcome(item, o));
        }
        if (verdict == ReviewVerdict.Confirm)
            items = null;
        else if (items is null)
        {
            if (!Vocabularies.Outcomes.TryParse(ReviewOutcome ?? "", out var o))
            {
                Errors[itemFields ? "ReviewItems" : "ReviewOutcome"] = itemFields
                    ? "Choose counsel's outcome for each item referred to you."
                    : "Choose the outcome that replaces the decision's.";
                return Invalid(id);
            }
            outcome = o;
        }
        return After(id, await workflow.ReviewAsync(id, verdict, outcome, Justification, User.Name(), items),
            verdict == ReviewVerdict.Override ? "Your override is recorded." : "Your confirmation is recorded.", "Review");
    }

    public async Task<IActionResult> OnPostServeAsync(long id)
    {
        if (!User.Can(Permission.ServeObligation))
            return Forbid();
        if (!Load(id))
            return NotFound();
        var servedAt = UnitTime.WithOffset(ServedAt, Zone);
        if (TooLong("Serve." + Rule + ".By", ServedBy, MaxNameLength, "The name"))
            return Invalid(id);
        if (servedAt is null)
        {
            Errors["Serve." + Rule] = "Enter the date and time the notice was served.";
            return Invalid(id);
        }
        return After(id, await workflow.ServeObligationAsync(id, Rule ?? "", servedAt, ServedBy, User.Name()), "Recorded as served.", "Serve." + Rule);
    }

    public async Task<IActionResult> OnPostVoidAsync(long id)
    {
        if (!User.Can(Permission.Void))
            return Forbid();
        if (!CaseVocabularies.Reasons.TryParse(VoidReason ?? "", out var reason))
            Errors["Void"] = "Choose why the case is void.";
        if (TooLong("Void.Note", VoidNote, MaxNoteLength, "The note") | Errors.Count > 0)
            return Invalid(id);
        return After(id, await workflow.VoidAsync(id, reason, VoidNote, User.Name()), "The case is void. It stays in the ledger and the list, and nothing more is done on it.", "Void");
    }

    public async Task<IActionResult> OnPostActionAsync(long id)
    {
        if (!User.Can(Permission.RecordAction))
            return Forbid();
        if (!Load(id))
            return NotFound();
        if (!CaseVocabularies.Actions.TryParse(ActionKind ?? "", out var action))
            Errors["Action"] = "Choose what the unit did.";
        var at = UnitTime.WithOffset(ActionAt, Zone);
        if (at is null)
            Errors["Action.At"] = "Enter the date and time it was done.";
        if (Errors.Count > 0)
            return Invalid(id);
        var agency = action == CaseActionKind.Transferred ? ReceivingAgency : null;
        bool? attorney = action == CaseActionKind.InterviewHeld ? IntakeForm.Tri(AttorneyPresent) : null;
        return After(id, await workflow.RecordActionAsync(id, action, at, agency, attorney, User.Name()), "What the unit did is recorded.", "Action");
    }

    /// <summary>Records an error when <paramref name="text"/> is longer than <paramref name="max"/>; true when it is.</summary>
    private bool TooLong(string key, string? text, int max, string what)
    {
        if (text is null || text.Trim().Length <= max)
            return false;
        Errors[key] = $"{what} can be at most {max} characters (it has {text.Trim().Length}).";
        return true;
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
                { } p when p == "items" || p.StartsWith("items.", StringComparison.Ordinal) => "ReviewItems",
                "servedBy" => form + ".By",
                "at" => form + ".At",
                "receivingAgency" => form + ".Agency",
                "note" => form + ".Note",
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
        // The decision in force: the first entry, or the latest correction.
        Decision = DecisionView.From(c.Current);
        ItemsInForce = CaseWorkflow.ItemsInForce(c);
        Stack = stacks.Find(Decision.Policy.Stack);
        Zone = Stack?.ZoneOf(Decision.Unit) ?? TimeZoneInfo.Utc;
        // The ledger's request (without the person's identity, which the ledger never holds in clear).
        var request = RequestReader.Read(Decision.Request.GetRawText()).Request;
        Facts = request is null ? [] : RequestFacts.Of(request with { Subject = request.Subject with { Identity = c.Identity?.Identity } }, Stack);
        Done = TempData["Done"] as string;
        if (TempData["DocumentError"] is string documentError)
            Errors["Document"] = documentError;
        if (!c.IsVoid)
        {
            var listed = notices.List(c.Summary.Id);
            Notices = listed.Value;
            NoticesProblem = listed.Error?.Message;
        }
        Disclosures = cases.Disclosures(c.Summary.Id);
        return true;
    }
}
