using System.Text;
using Comity.Contract;
using Comity.Disclosure;
using Comity.Engine;
using Comity.Tests.Support;

namespace Comity.Tests.Disclosure;

/// <summary>
/// The Los Angeles stack and its booking-records catalog, over thousands of requests (units,
/// requesters, purposes, documents, days, both acts, every item asked): the export carries exactly
/// the fields of the items the decision permits or requires, and status information under the
/// federal floor is never dropped without a word.
/// </summary>
public class LosAngelesFirewallTests
{
    private static readonly StackCatalog Stacks = StackCatalog.ForRoot(RepoRoot.Combine("stacks"));
    private static readonly DataCatalog Bookings = CatalogReader.Load(RepoRoot.Combine("stacks/us/ca/los-angeles/catalog/booking-records.json"));
    private const int Rows = 4;

    /// <summary>Every catalog field and one it does not name; a value "FIELD#ROW", except the subject (cii_number): C0 or C1.</summary>
    private static readonly string[] Columns = [.. Bookings.Fields.Select(f => f.Name), "eye_color"];

    private static readonly string Export = string.Join('\n',
        [string.Join(',', Columns), .. Enumerable.Range(0, Rows).Select(r => string.Join(',', Columns.Select(c => Value(c, r))))]) + "\n";

    private static string Value(string column, int row) => column == "cii_number" ? $"C{row % 2}" : $"{column}#{row}";

    [Fact]
    public void Every_decision_releases_exactly_the_fields_of_its_permitted_items_and_never_hides_status_silently()
    {
        var (decisions, floorWithheld, statusReleased) = (0, 0, 0);
        var outcomes = new HashSet<Outcome>();
        foreach (var (unit, kind) in new[] { ("lapd", "law-enforcement"), ("library", "library"), ("lahsa", "shelter") })
        foreach (var agency in new[] { "ice-ero", "cbp", "fbi", "california-agency", "private" })
        foreach (var purpose in Vocabularies.Purposes.Names)
        foreach (var document in new[] { "none", "letter", "i-247a", "judicial-warrant", "court-order", "administrative-subpoena" })
        foreach (var act in new[] { "disclose", "bulk-disclose" })
        foreach (var day in new[] { "2016-06-01", "2019-02-11", "2025-09-15" })
        {
            var request = Req.Read($$"""
                { "receivedAt": "{{day}}", "actor": { "unit": "{{unit}}", "kind": "{{kind}}" }, "requester": { "agency": "{{agency}}" },
                  "act": "{{act}}", "purpose": "{{purpose}}", "document": { "type": "{{document}}", "namesSubject": true },
                  "data": [{{string.Join(", ", Vocabularies.DataItems.Names.Select(n => $"\"{n}\""))}}], "dataPublic": {{(day == "2019-02-11" ? "[\"release-date\"]" : "[]")}} }
                """);
            var answer = Stacks.Find(request, out _)!.Decide(request);
            var subject = act == "disclose" ? new SubjectKey([KeyValuePair.Create("cii_number", "C1")]) : null;
            var plan = DisclosurePlan.Create(request, answer, Bookings, subject, "request.json");
            var (output, result) = Cuts.Run(plan, Export);
            var manifest = DisclosureManifest.Build(plan, result, "out.csv");
            decisions++;

            var permitted = answer.Data.Where(d => d.Outcome is Outcome.Permit or Outcome.MustComply).Select(d => d.Item).ToHashSet();
            outcomes.UnionWith(answer.Data.Select(d => d.Outcome));
            var expected = Bookings.Fields.Where(f => f.Item is { } i && permitted.Contains(i)).Select(f => f.Name).ToList();
            var header = output.Length == 0 ? [] : output[..output.IndexOf('\n')].Split(',');
            Assert.Equal(expected, header);
            foreach (var column in Columns.Where(c => !expected.Contains(c) && c != "cii_number"))
                Assert.DoesNotContain($"{column}#", output, StringComparison.Ordinal);
            if (!expected.Contains("cii_number"))
                Assert.DoesNotContain("C1", output, StringComparison.Ordinal);
            if (subject is not null)
                Assert.DoesNotContain("#0", output, StringComparison.Ordinal); // row 0 is another person's

            foreach (var item in plan.Items.Where(i => i.UnderFloor))
            {
                var check = Assert.Single(manifest.Floor, c => c.Item == item.Item);
                if (item.Released)
                {
                    statusReleased++;
                    Assert.Equal(FloorStatus.Released, check.Status);
                }
                else
                {
                    floorWithheld++;
                    Assert.NotEqual(FloorStatus.Released, check.Status);
                    Assert.Contains(manifest.Warnings, w => w.StartsWith(Vocabularies.DataItems.Name(item.Item), StringComparison.Ordinal));
                }
            }
        }
        Assert.Equal(3 * 5 * Vocabularies.Purposes.Count * 6 * 2 * 3, decisions);
        Assert.True(floorWithheld > 0 && statusReleased > 0, $"withheld under the floor {floorWithheld}, released {statusReleased}");
        Assert.Superset(new HashSet<Outcome> { Outcome.Permit, Outcome.Deny, Outcome.ReferToCounsel }, outcomes);
    }

    [Fact]
    public void The_library_request_for_status_and_address_withholds_status_pending_counsel_with_a_warning()
    {
        var request = Req.Read(File.ReadAllText(RepoRoot.Combine("examples/la/status-and-address.json")).Replace("\"act\": \"disclose\"", "\"act\": \"bulk-disclose\"", StringComparison.Ordinal));
        var plan = DisclosurePlan.Create(request, Stacks.Find(request, out _)!.Decide(request), Bookings, null, "status-and-address.json");
        var (output, result) = Cuts.Run(plan, Export);
        var manifest = DisclosureManifest.Build(plan, result, "out.csv");

        Assert.Equal("", output);
        var check = Assert.Single(manifest.Floor);
        Assert.Equal((DataItem.ImmigrationStatus, Outcome.ReferToCounsel, FloorStatus.WithheldPendingCounsel), (check.Item, check.Outcome, check.Status));
        Assert.Equal(["immigration_status"], check.Fields);
        Assert.Equal(["fed.1373.a", "fed.1373.b", "fed.1644"], check.Rules);
        Assert.Contains("immigration-status falls under the federal floor (fed.1373.a, fed.1373.b, fed.1644) but the decision refers it to counsel: field(s) immigration_status withheld until counsel decides", manifest.Warnings[0], StringComparison.Ordinal);
    }
}
