using System.Text;
using Comity.Law;
using Comity.Tests.Support;

namespace Comity.Tests.Law;

/// <summary>
/// The time to answer a records request, as a duty schedule states it (<c>"recordsRequest"</c> on
/// a duty of duties.json): read with its citations and source grade, refused where it is wrong
/// with the JSON path, and only in a stack whose law sets it (Los Angeles, not Austin).
/// </summary>
public sealed class RecordsRequestTermsTests
{
    private static readonly HashSet<string> Declared = ["ca.7283-1.c"];

    private static (DutySchedule Schedule, List<LawError> Errors) Read(string terms)
    {
        var errors = new List<LawError>();
        var json = "{\"duties\":{\"ca.7283-1.c\":{\"kind\":\"agency\",\"due\":\"none\",\"recordsRequest\":" + terms + "}}}";
        return (DutySchedule.Read("duties.json", Encoding.UTF8.GetBytes(json), Declared, errors), errors);
    }

    [Fact]
    public void The_los_angeles_stack_gives_ten_days_and_at_most_fourteen_more_from_the_official_text_and_austin_gives_none()
    {
        var la = StackLoader.Load(RepoRoot.Combine("stacks/us/ca/los-angeles")).Duties.RecordsRequests!;
        Assert.Equal(("ca.7283-1.c", 10, 14, "primary"), (la.Duty, la.DetermineWithinDays, la.ExtendAtMostDays, la.Source));
        Assert.Equal(["Cal. Gov. Code § 7922.535(a)", "Cal. Gov. Code § 7922.535(b)", "Cal. Gov. Code § 7922.535(c)"], la.Cites);
        Assert.Contains("official text", la.Why);
        Assert.Null(StackLoader.Load(RepoRoot.Combine("stacks/us/tx/austin")).Duties.RecordsRequests);
    }

    [Fact]
    public void Wrong_terms_are_refused_at_their_json_path()
    {
        var (schedule, errors) = Read("""{"determineWithinDays":-1,"extendAtMostDays":"14","cites":[],"source":"hearsay","why":"","extra":1}""");
        Assert.Null(schedule.RecordsRequests);
        var messages = errors.Select(e => e.Message).ToList();
        foreach (var path in new[] { ".determineWithinDays", ".extendAtMostDays", ".cites", ".source", ".extra" })
            Assert.Contains(messages, m => m.Contains("$.duties[\"ca.7283-1.c\"].recordsRequest" + path, StringComparison.Ordinal));

        var (_, secondary) = Read("""{"determineWithinDays":10,"extendAtMostDays":14,"cites":["Somewhere"],"source":"secondary","why":"a summary"}""");
        Assert.Contains(secondary, e => e.Message.Contains(".why", StringComparison.Ordinal) && e.Message.Contains("secondary", StringComparison.Ordinal));

        var (good, none) = Read("""{"determineWithinDays":10,"extendAtMostDays":14,"cites":["Somewhere"],"source":"primary","why":"the text"}""");
        Assert.Empty(none);
        Assert.Equal(10, good.RecordsRequests!.DetermineWithinDays);
    }
}
