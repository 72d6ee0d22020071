using Comity.Cases;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

/// <summary>
/// Records requests: the form that records one (the unit, when it was received, what is asked and
/// by whom), and the list, open ones first with their due times. The rules are the core's
/// (<see cref="RecordsRequestDesk"/>); the page turns its errors into the form's.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadCases))]
public sealed class RecordsRequestsModel(RecordsRequestDesk desk, RecordsRequestStore requests, ServedStacks stacks, TimeProvider time) : PageModel
{
    [BindProperty] public string? Receiver { get; set; }
    [BindProperty] public string? ReceivedAt { get; set; }
    [BindProperty] public string? Asked { get; set; }
    [BindProperty] public string? Requester { get; set; }
    [TempData] public string? Recorded { get; set; }

    public IReadOnlyList<RecordsRequestSummary> Requests { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public ServedStacks Stacks => stacks;
    public Dictionary<string, string> Errors { get; } = [];
    public IReadOnlyList<ErrorLink> ErrorLinks => [.. Errors.Select(e => new ErrorLink(e.Value, "records-" + e.Key.ToLowerInvariant()))];

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!User.Can(Permission.RecordRecordsRequest))
            return Forbid();
        var receiver = stacks.Receiver(Receiver);
        if (receiver is null)
            Errors["Receiver"] = "Choose the unit that received the request.";
        string? receivedAt = null;
        if (receiver is { } r)
        {
            receivedAt = UnitTime.WithOffset(ReceivedAt, r.Stack.ZoneOf(r.Unit.Id));
            if (receivedAt is null)
                Errors["ReceivedAt"] = "Enter the date and time the request was received.";
        }
        if (string.IsNullOrWhiteSpace(Asked))
            Errors["Asked"] = "Say what records are asked for.";
        if (string.IsNullOrWhiteSpace(Requester))
            Errors["Requester"] = "Name the requester as they gave it, or write \"anonymous\".";
        if (Errors.Count == 0)
        {
            var recorded = await desk.ReceiveAsync(receiver!.Value.Stack.Jurisdiction, receiver.Value.Unit.Id, receivedAt, Asked, Requester, User.Name());
            if (recorded.Error is { } error)
                Errors[error.Path switch { "receivedAt" => "ReceivedAt", "asked" => "Asked", "requester" => "Requester", _ => "Receiver" }] = error.Message;
            else
            {
                var due = recorded.Value!.Summary.DueAt is { } d ? $" The determination is due by {UnitTime.ShowDue(d, receiver.Value.Stack.ZoneOf(receiver.Value.Unit.Id))}." : " The law of this unit sets no time to answer it.";
                Recorded = $"Recorded records request {recorded.Value.Summary.Id}.{due}";
                return RedirectToPage();
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Load();
        return Page();
    }

    private void Load()
    {
        Now = time.GetUtcNow();
        Requests = requests.List(null, false, Now);
    }

    /// <summary>The stack that declares a unit, for its title and time zone.</summary>
    public ServedStack? StackOf(string jurisdiction) => stacks.Find(jurisdiction);

    public static string DeterminationWords(string determination) => determination switch
    {
        "disclosable" => "Disclosable",
        "partly-disclosable" => "Disclosable in part",
        "none-held" => "No such records held",
        "exempt" => "Exempt from disclosure",
        _ => determination,
    };
}
