using Comity.Cases;
using Comity.Disclosure;
using Comity.Recording;
using Comity.Server.Api;
using Comity.Server.Auth;
using Comity.Server.Disclosures;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages.Cases;

/// <summary>
/// The disclosure firewall in the web app, for one decided disclosure request: the list of the
/// exports cut for the case (counsel and auditors read it), and for intake and supervisors a form
/// that uploads an export, cuts it to what the decision releases (<see cref="Discloser"/>, the same
/// steps as the API and <c>comity redact</c>: the manifest is in the ledger before anything can be
/// downloaded) and shows its manifest. The uploaded file's own name is never kept: the manifest
/// calls the input after the case.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadDisclosures))]
[DisableRequestSizeLimit]
[RequestFormLimits(MultipartBodyLengthLimit = MaxExportBytes)]
public sealed class DisclosuresModel(CaseStore cases, Discloser discloser, TimeProvider time) : PageModel
{
    /// <summary>The largest export taken through the web form (the API streams exports of any size).</summary>
    public const long MaxExportBytes = 1L << 30;

    public CaseDetail Case { get; private set; } = null!;
    public DecisionView Decision { get; private set; } = null!;
    public IReadOnlyList<CaseDisclosure> Made { get; private set; } = [];
    public IReadOnlyList<(string Name, DataCatalog Catalog)> Catalogs { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? Stack { get; private set; }

    /// <summary>Whether an export can be cut here: a disclosure request, not void, and the caller may disclose.</summary>
    public bool CanCut => !Case.IsVoid && Decision.Act is "disclose" or "bulk-disclose" && User.Can(Permission.Disclose);

    [BindProperty] public string? Catalog { get; set; }
    [BindProperty] public Dictionary<string, string?> Subject { get; set; } = [];
    [BindProperty] public string? Format { get; set; }
    [BindProperty] public IFormFile? Export { get; set; }

    public IActionResult OnGet(long id) => Load(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!User.Can(Permission.Disclose))
            return Forbid();
        if (!Load(id))
            return NotFound();
        if (!CanCut)
            return Invalid(Case.IsVoid ? "This case is void: nothing more is done on it." : "Only a disclosure request's export can be cut.");
        if (Export is null || Export.Length == 0)
            return Invalid("Choose the export to cut.");
        RecordFormat format;
        if (Format is { Length: > 0 })
        {
            if (!RecordFormats.TryParse(Format, out format))
                return Invalid("Choose CSV or JSON Lines.");
        }
        else if (RecordFormats.FromFileName(Export.FileName) is { } named)
            format = named;
        else
            return Invalid("Say whether the export is CSV or JSON Lines: its name does not end in .csv or .jsonl.");

        var chosen = Catalogs.FirstOrDefault(c => c.Name == Catalog);
        SubjectKey? subject = null;
        if (Decision.Act == "disclose" && chosen.Catalog is { } catalog)
        {
            var values = catalog.Subject.Select(f => new KeyValuePair<string, string>(f, Subject.GetValueOrDefault(f) ?? "")).ToList();
            if (values.Any(v => v.Value.Length == 0))
                return Invalid($"Give the person's {string.Join(" and ", catalog.Subject)} as the record system writes it: only rows that hold exactly that are released.");
            subject = new SubjectKey(values);
        }
        // The request as the ledger holds it (without the person's identity), decided again: the same answer, byte for byte.
        var request = System.Text.Encoding.UTF8.GetBytes(Decision.Request.GetRawText());
        DisclosurePlan plan;
        try
        {
            var planned = discloser.Plan(request, Catalog, subject);
            if (planned.Error is { } error)
                return Invalid(Sentence(error.Message));
            plan = planned.Value!;
        }
        catch (DisclosureException e)
        {
            return Invalid(e.Errors.Select(x => Sentence(x.ToString())).ToArray());
        }
        // Counsel's review stands over the law's decision; the firewall cuts by the law's answer, so a case whose outcome counsel changed is not cut here (fail closed).
        if (Contract.Vocabularies.Outcomes.Name(plan.Answer.Outcome) != Case.Summary.Outcome)
            return Invalid($"Counsel's review changed this case's outcome to {Choices.OutcomeWord(Case.Summary.Outcome)}: the export cannot be cut by the law's decision alone. Ask counsel.");
        var inputName = $"case-{id}-export.{RecordFormats.Name(format)}";
        PendingDisclosure pending;
        try
        {
            await using var stream = Export.OpenReadStream();
            pending = await Task.Run(() => discloser.Cut(plan, stream, format, inputName));
        }
        catch (DisclosureException e)
        {
            return Invalid(e.Errors.Select(x => Sentence(x.ToString())).ToArray());
        }
        using (pending)
        {
            var recorded = await discloser.RecordAsync(pending, request, DisclosuresApi.ExportPath(pending.Id), User.Name());
            var r = pending.Result;
            cases.AddDisclosure(new CaseDisclosure(recorded.Id, id, recorded.LedgerIndex, User.Name(), time.GetUtcNow(),
                r.RowsRead, r.RowsWritten, r.Fields.Count(f => f.Kept), r.Fields.Count(f => !f.Kept)));
            return Redirect($"/disclosures/{recorded.Id}");
        }
    }

    private static string Sentence(string message) => char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");

    private PageResult Invalid(params string[] errors)
    {
        Errors.AddRange(errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private bool Load(long id)
    {
        if (cases.Find(id) is not { } c)
            return false;
        Case = c;
        Decision = DecisionView.From(c.Current);
        Stack = Decision.Policy.Stack;
        Made = cases.Disclosures(id);
        Catalogs = discloser.Catalogs(Decision.Policy.Stack);
        Catalog ??= Catalogs.FirstOrDefault().Name;
        return true;
    }
}
