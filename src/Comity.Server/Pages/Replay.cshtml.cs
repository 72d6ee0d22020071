using System.Globalization;
using Comity.Cases;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording;
using Comity.Replay;
using Comity.Server.Auth;
using Comity.Server.Hosting;
using Comity.Server.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Comity.Server.Pages;

/// <summary>
/// Counsel's replay (<c>comity replay</c> in the web app): recorded history decided again under a
/// stack version the ledger holds, or a folder of the server's replay stacks, over a period and a
/// unit; the cases whose outcome would change, grouped by from -> to and the rules that cause it.
/// Reads only: nothing is recorded.
/// </summary>
[Authorize(Policy = nameof(Permission.ReadLedger))]
public sealed class ReplayModel(TransparencyLog ledger, ServerSettings settings, CaseStore cases) : PageModel
{
    /// <summary>How many cases of one change the page lists; the CSV has them all.</summary>
    public const int Listed = 200;

    /// <summary>The stack to replay under: <c>ledger:ENTRY</c> (a version the ledger holds) or <c>folder:PATH</c> (under the server's replay stacks).</summary>
    [BindProperty(SupportsGet = true)] public string? Version { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }

    public IReadOnlyList<(string Value, string Label)> Versions { get; private set; } = [];
    public ReplayReport? Report { get; private set; }
    public List<ErrorLink> Errors { get; } = [];

    public void OnGet()
    {
        Versions = Choices();
        if (Version is null)
            return;
        Report = Run();
        if (Errors.Count > 0)
            Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>The same replay as a CSV file, one row a changed case.</summary>
    public IActionResult OnGetCsv()
    {
        Versions = Choices();
        var report = Version is null ? null : Run();
        if (report is null)
            return BadRequest(string.Join("\n", Errors.Select(e => e.Message).DefaultIfEmpty("choose a stack version")));
        return File(ReplayWriter.Csv(report), "text/csv; charset=utf-8", "replay.csv");
    }

    /// <summary>The case a replayed entry belongs to, if the case database has it.</summary>
    public long? CaseOf(ReplayedCase c) => cases.FindByLedgerIndex(c.Decision);

    private ReplayReport? Run()
    {
        var from = Day(From, "from");
        var to = Day(To, "to");
        if (from > to)
            Errors.Add(new ErrorLink("The first day comes after the last.", "from"));
        var (stack, source) = Stack();
        if (stack is null || Errors.Count > 0)
            return null;
        var unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim();
        if (unit is not null && stack.Units.Count > 0 && stack.Units.All(u => u.Id != unit))
        {
            Errors.Add(new ErrorLink($"{stack.Id} declares no unit {unit}; leave it empty for every unit.", "unit"));
            return null;
        }
        return new Replayer(ledger).Run(stack, source, new ReplayScope(from, to, unit));
    }

    private (Stack?, string) Stack()
    {
        if (!Versions.Any(v => v.Value == Version))
        {
            Errors.Add(new ErrorLink("Choose a stack version from the list.", "version"));
            return (null, "");
        }
        try
        {
            if (Version!.StartsWith("ledger:", StringComparison.Ordinal))
            {
                var entry = long.Parse(Version["ledger:".Length..], CultureInfo.InvariantCulture);
                return (new StackVersions(ledger, TimeProvider.System).Read(entry).Load(), $"ledger entry {entry}");
            }
            var folder = Path.Combine(settings.ReplayStacksRoot!, Version["folder:".Length..]);
            return (StackLoader.Load(folder), Version["folder:".Length..]);
        }
        catch (Exception e) when (e is LedgerException or LawException)
        {
            Errors.Add(new ErrorLink($"That stack cannot be read: {(e is LawException law ? law.Errors[0].ToString() : e.Message)}", "version"));
            return (null, "");
        }
    }

    /// <summary>Every version the ledger holds, newest first, then every folder of the server's replay stacks.</summary>
    private List<(string, string)> Choices()
    {
        var choices = new StackVersions(ledger, TimeProvider.System).List().Reverse()
            .Select(v => ($"ledger:{v.Entry}", $"{v.Stack} {v.Digest[..19]}… (recorded in entry {v.Entry})")).ToList();
        if (settings.ReplayStacksRoot is { } root && Directory.Exists(root))
            foreach (var file in Directory.EnumerateFiles(root, StackLoader.StackFile, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/');
                choices.Add(($"folder:{relative}", $"{relative} (a folder of replay stacks)"));
            }
        return choices;
    }

    private DateOnly? Day(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        Errors.Add(new ErrorLink($"Give the {(field == "from" ? "first" : "last")} day as a date, such as 2025-01-31.", field));
        return null;
    }
}
