using Comity.Cases;
using Comity.Contract;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

/// <summary>
/// The guided intake form, in two steps (GOV.UK's "check answers" pattern): the questions, then
/// every answer in words with a way back to change it, then decide and record. The answers travel
/// between the steps in the form itself, so nothing is kept on the server until it is recorded.
/// </summary>
[Authorize(Policy = nameof(Permission.Decide))]
[RequestSizeLimit(Comity.Documents.CaseDocuments.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = Comity.Documents.CaseDocuments.MaxBytes + 64 * 1024)]
public sealed class IntakeModel(Recorder recorder, CaseWorkflow workflow, CaseStore cases, ServedStacks stacks, TimeProvider time) : PageModel
{
    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    /// <summary>Messages by form field (without the "Form." prefix), in the order of the form; "" for the form as a whole.</summary>
    public List<(string Field, string Message)> Errors { get; private set; } = [];

    /// <summary>Set on the check step: every answer in words.</summary>
    public IReadOnlyList<FactSection>? Facts { get; private set; }

    public ServedStacks Stacks => stacks;

    /// <summary>After "read the form fields": what a fillable PDF offered (empty: nothing that says who the person is); null otherwise.</summary>
    public IReadOnlyList<Comity.Documents.PrefillValue>? Prefilled { get; private set; }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>The id of a field's input, the target of the error summary's links.</summary>
    public static string IdOf(string field) => "f-" + field.Replace('.', '-').Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    /// <summary>A blank form, or with <paramref name="correct"/> the form of a recorded case's request, to correct it.</summary>
    public IActionResult OnGet(long? correct)
    {
        if (correct is { } id)
        {
            if (!User.Can(Permission.Correct))
                return Forbid();
            var c = cases.Find(id);
            if (c is null)
                return NotFound();
            if (c.IsVoid)
                return Redirect($"/cases/{id}");
            // The form shows the case's facts and its person: a read of the case, for the access log.
            HttpContext.Items[Hosting.AccessLogging.CaseShown] = id;
            var current = RequestReader.Read(DecisionView.From(c.Current).Request.GetRawText()).Request;
            if (current is null)
                return NotFound();
            Form = IntakeFromRequest.Fill(current with { Subject = current.Subject with { Identity = c.Identity?.Identity } }, stacks);
            Form.CorrectsCase = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Form.WithRows();
            return Page();
        }
        var first = stacks.All.FirstOrDefault();
        Form.ReceivedDate = UnitTime.Today(time, first?.ZoneOf(null) ?? TimeZoneInfo.Utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Form.WithRows();
        return Page();
    }

    /// <summary>
    /// A fillable PDF read (never kept): the values of its fields that say who the person is fill a
    /// new form, listed above it for the clerk to check; the check step shows them again before anything is recorded.
    /// </summary>
    public async Task<IActionResult> OnPostPrefillAsync(IFormFile? pdf)
    {
        var first = stacks.All.FirstOrDefault();
        Form = new IntakeForm
        {
            ReceivedDate = UnitTime.Today(time, first?.ZoneOf(null) ?? TimeZoneInfo.Utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        ModelState.Clear();
        var values = new List<Comity.Documents.PrefillValue>();
        if (pdf is { Length: > 0 and <= Comity.Documents.CaseDocuments.MaxBytes })
        {
            var content = new byte[pdf.Length];
            await using (var stream = pdf.OpenReadStream())
                await stream.ReadExactlyAsync(content, HttpContext.RequestAborted);
            values.AddRange(Comity.Documents.IdentityPrefill.From(Comity.Documents.FormFields.Read(content)));
        }
        foreach (var v in values)
        {
            switch (v.Fact)
            {
                case "name": Form.Name = v.Value; break;
                case "dateOfBirth": Form.DateOfBirth = v.Value; break;
                case "aNumber": Form.ANumber = v.Value; break;
                case "bookingNumber": Form.BookingNumber = v.Value; break;
                case "fbiNumber": Form.FbiNumber = v.Value; break;
                case "ciiNumber": Form.CiiNumber = v.Value; break;
            }
        }
        Prefilled = values;
        Form.WithRows();
        return Page();
    }

    /// <summary>The questions answered: check them, then show every answer in words.</summary>
    public IActionResult OnPost() => OnPostCheck();

    public IActionResult OnPostCheck()
    {
        if (Validated() is not { } request)
            return Invalid();
        Facts = RequestFacts.Of(request, stacks.Find(request.Jurisdiction));
        return Page();
    }

    /// <summary>Back from the check step to the questions, every answer kept.</summary>
    public IActionResult OnPostEdit()
    {
        Form.WithRows();
        return Page();
    }

    /// <summary>The answers checked: decide and record, then show the case.</summary>
    public async Task<IActionResult> OnPostRecordAsync()
    {
        if (Validated() is not { } request)
            return Invalid();
        if (Form.IsCorrection)
            return await CorrectAsync(request);
        var recorded = await recorder.DecideAsync(IntakeRequest.ToJson(Form, stacks), User.Name());
        if (recorded.Value is { } decision)
            return Redirect($"/cases/{decision.CaseId}");
        Errors = ErrorsOf(recorded.Error!);
        return Invalid();
    }

    /// <summary>Records the corrected request of a case: decided again, a correction entry that points at the one it replaces.</summary>
    private async Task<IActionResult> CorrectAsync(DecisionRequest request)
    {
        if (!User.Can(Permission.Correct))
            return Forbid();
        var id = long.Parse(Form.CorrectsCase!, System.Globalization.CultureInfo.InvariantCulture);
        // The person's identity is sent again only when it changed: unchanged, the one on record stays.
        var kept = cases.Find(id)?.Identity?.Identity;
        var json = request.Subject.Identity is { } given && given == kept
            ? System.Text.Encoding.UTF8.GetBytes(RequestWriter.ToJsonWithoutIdentity(request))
            : IntakeRequest.ToJson(Form, stacks);
        CaseVocabularies.Reasons.TryParse(Form.CorrectionReason ?? "", out var reason);
        var corrected = await workflow.CorrectAsync(id, json, reason, Form.CorrectionNote, User.Name());
        if (corrected.Error is { } error)
        {
            if (error.Kind == RecordErrorKind.NotFound)
                return NotFound();
            Errors = error.ContractErrors is not null ? ErrorsOf(error) : [(error.Path switch { "note" => "CorrectionNote", "reason" => "CorrectionReason", _ => "" }, Sentence(error.Message))];
            return Invalid();
        }
        TempData["Done"] = $"The correction is recorded and the request decided again: {Choices.OutcomeWord(Vocabularies.Outcomes.Name(corrected.Value!.Answer.Outcome))}.";
        return Redirect($"/cases/{id}#done");
    }

    /// <summary>The request the form makes, or null with <see cref="Errors"/> set: the form's own checks first, then the contract's and the stack's (all at once).</summary>
    private DecisionRequest? Validated()
    {
        Errors = Form.Check(stacks, time);
        if (Errors.Count > 0)
            return null;
        var json = IntakeRequest.ToJson(Form, stacks);
        // Decided without recording: the contract's checks and the stack's (a unit it does not declare) speak now, not after the check step.
        var evaluated = recorder.Evaluate(json);
        if (evaluated.Error is { } error)
        {
            Errors = ErrorsOf(error);
            return null;
        }
        return RequestReader.Read(json).Request;
    }

    private static List<(string, string)> ErrorsOf(RecordError error) => error.ContractErrors is { } contract
        ? contract.Select(e => (IntakeRequest.FieldFor(e.Path), Sentence(e.Message))).ToList()
        : [("", Sentence(error.Message))];

    private PageResult Invalid()
    {
        Facts = null;
        Form.WithRows();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string Sentence(string message) => char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
