using System.Text;
using Comity.Contract;
using Comity.Disclosure;
using Comity.Engine;
using Comity.Tests.Support;

namespace Comity.Tests.Disclosure;

/// <summary>
/// The firewall's two promises, checked over every data item and every outcome, in both formats:
/// a field whose item is not permitted or required never appears in any output (and a permitted
/// one does, for the rows released); a status field under the federal floor (8 U.S.C. 1373) is
/// never dropped silently: it is released, or the manifest says why not and warns.
/// </summary>
public class FirewallInvariantTests
{
    private static readonly string[] Purposes = ["criminal", "firearm-check", "civil-immigration", "unknown"];
    private static readonly string[] Effects = ["must", "permit", "deny", "refer"];
    private static readonly IReadOnlyList<string> Items = Vocabularies.DataItems.Names;

    /// <summary>
    /// A federal floor on the two status items; a city layer where item k under purpose p has the
    /// effect Effects[(k + p) % 4], so across the four purposes every item meets every effect, and
    /// in one request the items' outcomes differ.
    /// </summary>
    private static readonly DecisionEngine Engine = TempStack.Compile(
        ("federal", LawText.Rule("fed.1373", "floor", when: "item is one of immigration-status, citizenship-status")),
        ("city", CityRules()));

    /// <summary>The same city without the floor above it: a status item can then be denied outright.</summary>
    private static readonly DecisionEngine NoFloor = TempStack.Compile(("city", CityRules()));

    private static string CityRules() => string.Concat(Items.SelectMany((item, k) => Purposes.Select((purpose, p) =>
        LawText.Rule($"city.{item}.{purpose}", Effects[(k + p) % 4], when: $"item is {item} and purpose is {purpose}"))));

    /// <summary>A field per item (f-ITEM), a field mapped to none, the subject field (mapped to none) and, in the exports, an unmapped field.</summary>
    private static readonly DataCatalog Catalog = CatalogReader.Read(Encoding.UTF8.GetBytes($$"""
        { "system": "everything", "jurisdiction": "test", "subject": ["person"],
          "fields": { "person": "none", "f-none": "none", {{string.Join(", ", Items.Select(i => $"\"f-{i}\": \"{i}\""))}} } }
        """), "everything.json");

    private static readonly string[] Columns = ["person", "f-none", "f-unmapped", .. Items.Select(i => $"f-{i}")];
    private const int Rows = 6;

    /// <summary>Row r is about person P(r % 2); the value of column c in row r is "c#r": every value says where it came from.</summary>
    private static string Export(RecordFormat format)
    {
        var s = new StringBuilder();
        if (format == RecordFormat.Csv)
            s.Append(string.Join(',', Columns)).Append('\n');
        for (var r = 0; r < Rows; r++)
        {
            var values = Columns.Select(c => c == "person" ? $"P{r % 2}" : $"{c}#{r}").ToList();
            s.Append(format == RecordFormat.Csv
                ? string.Join(',', values)
                : "{" + string.Join(',', Columns.Zip(values, (c, v) => $"\"{c}\":\"{v}\"")) + "}").Append('\n');
        }
        return s.ToString();
    }

    [Fact]
    public void A_field_appears_in_the_output_exactly_when_its_item_is_permitted_or_required_for_every_item_and_outcome()
    {
        var seen = new HashSet<(string Item, Outcome Outcome)>();
        var random = new Random(1373);
        var requests = 0;
        foreach (var engine in new[] { Engine, NoFloor })
        foreach (var format in new[] { RecordFormat.Csv, RecordFormat.JsonLines })
        foreach (var act in new[] { "disclose", "bulk-disclose" })
        foreach (var purpose in Purposes)
        {
            // Every item at once, then random subsets.
            var subsets = new List<string[]> { Items.ToArray() };
            for (var n = 0; n < 12; n++)
                subsets.Add(Items.Where(_ => random.Next(3) == 0).DefaultIfEmpty("contact").ToArray());
            foreach (var data in subsets)
            {
                var request = Req.With($$"""{ "act": "{{act}}", "purpose": "{{purpose}}", "data": [{{string.Join(", ", data.Select(d => $"\"{d}\""))}}] }""");
                var subject = act == "disclose" ? new SubjectKey([KeyValuePair.Create("person", "P1")]) : null;
                var answer = engine.Decide(request);
                var plan = DisclosurePlan.Create(request, answer, Catalog, subject, "request.json");
                var (output, result) = Cuts.Run(plan, Export(format), format);
                requests++;

                var releasedRows = Enumerable.Range(0, Rows).Where(r => subject is null || r % 2 == 1).ToList();
                foreach (var item in Items)
                {
                    var outcome = answer.Data.Where(d => Vocabularies.DataItems.Name(d.Item) == item).Select(d => (Outcome?)d.Outcome).SingleOrDefault();
                    var permitted = outcome is Outcome.Permit or Outcome.MustComply;
                    if (outcome is { } o)
                        seen.Add((item, o));
                    for (var r = 0; r < Rows; r++)
                    {
                        var present = output.Contains($"f-{item}#{r}\"", StringComparison.Ordinal) || output.Contains($"f-{item}#{r}\n", StringComparison.Ordinal) || output.Contains($"f-{item}#{r},", StringComparison.Ordinal);
                        Assert.True(present == (permitted && releasedRows.Contains(r)),
                            $"{format} {act} {purpose} [{string.Join(", ", data)}]: f-{item} row {r} is {(present ? "in" : "not in")} the output; item outcome {outcome?.ToString() ?? "not requested"}\n{output}");
                    }
                }
                foreach (var never in new[] { "f-none#", "f-unmapped#", "P0", "P1" })
                    Assert.DoesNotContain(never, output, StringComparison.Ordinal);
                Assert.Equal(result.Fields.Any(f => f.Kept) ? releasedRows.Count : 0, result.RowsWritten);
            }
        }
        foreach (var item in Items)
            foreach (var outcome in Enum.GetValues<Outcome>())
                Assert.Contains((item, outcome), seen);
        Assert.Equal(2 * 2 * 2 * 4 * 13, requests);
    }

    [Fact]
    public void A_status_field_under_the_federal_floor_is_released_or_the_manifest_says_why_not()
    {
        var statuses = new Dictionary<FloorStatus, int>();
        foreach (var format in new[] { RecordFormat.Csv, RecordFormat.JsonLines })
        foreach (var purpose in Purposes)
        foreach (var data in new[] { new[] { "immigration-status" }, ["citizenship-status", "home-address"], ["immigration-status", "citizenship-status"] })
        {
            var request = Req.With($$"""{ "act": "bulk-disclose", "purpose": "{{purpose}}", "data": [{{string.Join(", ", data.Select(d => $"\"{d}\""))}}] }""");
            var plan = DisclosurePlan.Create(request, Engine.Decide(request), Catalog, null, "request.json");
            var (output, result) = Cuts.Run(plan, Export(format), format);
            var manifest = DisclosureManifest.Build(plan, result, "out");

            foreach (var item in data.Where(d => d.EndsWith("-status", StringComparison.Ordinal)))
            {
                var field = $"f-{item}";
                var kept = result.Fields.Single(f => f.Field == field).Kept;
                var check = Assert.Single(manifest.Floor, c => Vocabularies.DataItems.Name(c.Item) == item);
                Assert.Equal(["fed.1373"], check.Rules);
                Assert.Equal([field], check.Fields);
                statuses[check.Status] = statuses.GetValueOrDefault(check.Status) + 1;
                if (kept)
                {
                    Assert.Equal(FloorStatus.Released, check.Status);
                    Assert.Contains($"{field}#0", output, StringComparison.Ordinal);
                }
                else
                {
                    Assert.NotEqual(FloorStatus.Released, check.Status);
                    Assert.Contains(manifest.Warnings, w => w.StartsWith(item, StringComparison.Ordinal) && w.Contains(field, StringComparison.Ordinal) && w.Contains("fed.1373", StringComparison.Ordinal));
                }
            }
        }
        Assert.True(statuses.GetValueOrDefault(FloorStatus.Released) > 0 && statuses.GetValueOrDefault(FloorStatus.WithheldPendingCounsel) > 0,
            string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
    }

    [Fact]
    public void A_status_item_released_under_the_floor_with_no_field_to_carry_it_is_a_warning()
    {
        var request = Req.With("""{ "act": "bulk-disclose", "purpose": "firearm-check", "data": ["immigration-status"] }""");
        var plan = DisclosurePlan.Create(request, Engine.Decide(request), Catalog, null, "request.json");
        Assert.Equal(Outcome.Permit, plan.Items.Single().Outcome);

        var (_, result) = Cuts.Run(plan, "person,f-none\nP1,x\n");
        var manifest = DisclosureManifest.Build(plan, result, "out");

        Assert.Equal(FloorStatus.NoField, Assert.Single(manifest.Floor).Status);
        Assert.Contains(manifest.Warnings, w => w.StartsWith("immigration-status is released under the federal floor (fed.1373), but no field of the export is mapped to it", StringComparison.Ordinal));
    }
}
