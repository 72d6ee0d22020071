using System.Globalization;
using Comity.Server.Auth;
using Comity.Recording;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

/// <summary>The guided intake form: a request arrives at the desk; Comity decides and records it.</summary>
[Authorize(Policy = nameof(Permission.Decide))]
public sealed class IntakeModel(Recorder recorder, TimeProvider time) : PageModel
{
    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    /// <summary>Messages by form field (without the "Form." prefix), in the order of the form; "" for the form as a whole.</summary>
    public List<(string Field, string Message)> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>The id of a field's input, the target of the error summary's links.</summary>
    public static string IdOf(string field) => "f-" + field.Replace('.', '-').Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    public void OnGet()
    {
        Form.ReceivedAt = time.GetLocalNow().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        Form.WithRows();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Errors = Form.Unanswered();
        if (Errors.Count == 0)
        {
            var recorded = await recorder.DecideAsync(Form.ToRequestJson(), User.Name());
            if (recorded.Value is { } decision)
                return Redirect($"/cases/{decision.CaseId}");
            Errors = recorded.Error!.ContractErrors is { } contract
                ? contract.Select(e => (IntakeForm.FieldFor(e.Path), Sentence(e.Message))).ToList()
                : [("", Sentence(recorded.Error.Message))];
        }
        Form.WithRows();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string Sentence(string message) => char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
