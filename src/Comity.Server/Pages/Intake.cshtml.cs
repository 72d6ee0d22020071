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
public sealed class IntakeModel(Recorder recorder, ServedStacks stacks, TimeProvider time) : PageModel
{
    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    /// <summary>Messages by form field (without the "Form." prefix), in the order of the form; "" for the form as a whole.</summary>
    public List<(string Field, string Message)> Errors { get; private set; } = [];

    /// <summary>Set on the check step: every answer in words.</summary>
    public IReadOnlyList<FactSection>? Facts { get; private set; }

    public ServedStacks Stacks => stacks;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>The id of a field's input, the target of the error summary's links.</summary>
    public static string IdOf(string field) => "f-" + field.Replace('.', '-').Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    public void OnGet()
    {
        var first = stacks.All.FirstOrDefault();
        Form.ReceivedDate = UnitTime.Today(time, first?.ZoneOf(null) ?? TimeZoneInfo.Utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Form.WithRows();
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
        if (Validated() is null)
            return Invalid();
        var recorded = await recorder.DecideAsync(IntakeRequest.ToJson(Form, stacks), User.Name());
        if (recorded.Value is { } decision)
            return Redirect($"/cases/{decision.CaseId}");
        Errors = ErrorsOf(recorded.Error!);
        return Invalid();
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
