using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Engine;
using Comity.Law;
using Comity.Tests.Cli.Support;
using Comity.Ledger;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// The ledger projected into cases: a decision in the ledger without its case (a crash between the
/// two) gets its case back, and entries written in the shapes of earlier versions still read and verify.
/// </summary>
public abstract class ProjectionTests(StoreProvider provider)
{
    [Fact]
    public async Task A_decision_recorded_in_the_ledger_without_a_case_gets_one_at_catch_up()
    {
        using var site = new RecordingSite(provider);
        var existing = site.Cases.Find((await site.DecideExample()).CaseId)!;

        // The same decision entry appended again, as if the recorder had died after the ledger wrote it.
        var receipt = await site.Ledger.AppendAsync(new LedgerEntry("decision", Encoding.UTF8.GetBytes(existing.Decision.BodyJson), DateTimeOffset.UtcNow));
        Assert.False(site.Cases.Holds(receipt.Index));

        var report = new CaseProjection(site.Ledger, site.Cases).CatchUp();

        Assert.Equal(1, report.Added);
        Assert.Empty(report.Problems);
        var rebuilt = site.Cases.Find(site.Cases.FindByLedgerIndex(receipt.Index)!.Value)!;
        Assert.Equal(existing.Summary.Outcome, rebuilt.Summary.Outcome);
        Assert.Equal(existing.Summary.RecordedBy, rebuilt.Summary.RecordedBy);
        Assert.Equal(existing.Obligations.Select(o => o.Rule), rebuilt.Obligations.Select(o => o.Rule));
        Assert.True(site.Verifier.Verify(rebuilt.Summary.Id)!.Verified);
        Assert.Equal(0, new CaseProjection(site.Ledger, site.Cases).CatchUp().Added);
    }

    [Fact]
    public async Task A_decision_in_the_old_command_line_shape_without_its_actor_reads_and_verifies()
    {
        using var site = new RecordingSite(provider);
        var current = JsonDocument.Parse((await site.DecideExample(id: "OLD-1")).Sent()).RootElement;
        // As 'comity decide --record' wrote it before every kind named its actor: no recordedBy.
        var answer = JsonSerializer.Serialize(current.EnumerateObject().Where(p => p.Name != "receipt").ToDictionary(p => p.Name, p => p.Value));
        var oldBody = $$"""{"answer":{{answer}},"request":{{Cli.Support.CliExamples.ExampleLine("OLD-1")}},"stackDigest":"{{current.GetProperty("policy").GetProperty("digest").GetString()}}"}""";
        var receipt = await site.Ledger.AppendAsync(new LedgerEntry("decision", Encoding.UTF8.GetBytes(oldBody), DateTimeOffset.UtcNow));

        var report = new CaseProjection(site.Ledger, site.Cases).CatchUp();

        Assert.Equal(1, report.Added);
        var read = DecisionEntry.Read(site.Ledger.Read(receipt.Index).Body);
        Assert.Equal(EntryActor.NotNamed, read.RecordedBy);
        var kept = site.Cases.Find(site.Cases.FindByLedgerIndex(receipt.Index)!.Value)!;
        Assert.Equal(EntryActor.NotNamed, kept.Summary.RecordedBy);
        Assert.Equal("deny", kept.Summary.Outcome);
        Assert.True(site.Verifier.Verify(kept.Summary.Id)!.Verified);
        Assert.True(site.Ledger.Verify().Ok);
    }

    [Fact]
    public async Task A_case_rebuilt_under_changed_law_keeps_the_duty_terms_of_the_version_that_decided_it()
    {
        // A copy of the demonstration stack: its one duty is served on the person on receipt.
        using var stack = new TempDir();
        CopyFolder(Repo.DemoStack, stack.Path);
        using var site = new RecordingSite(provider, StackCatalog.ForStack(stack.Path));
        var recorded = site.Cases.Find((await site.DecideExample()).CaseId)!;
        var duty = Assert.Single(recorded.Obligations);
        Assert.Equal(("st.copy-to-person", false, "on-receipt"), (duty.Rule, duty.Agency, duty.Due));
        Assert.NotNull(duty.DueAt);

        // The law changes (the duty becomes the agency's), then the case database is rebuilt from the
        // ledger under the law now in force: the case keeps the terms of the version that decided it.
        var duties = Path.Combine(stack.Path, "duties.json");
        File.WriteAllText(duties, File.ReadAllText(duties).Replace("\"kind\": \"case\", \"to\": [\"person\"], \"due\": \"on-receipt\"", "\"kind\": \"agency\", \"due\": \"none\""));
        Assert.Equal(DutyKind.Agency, StackLoader.Load(stack.Path).Duties.For("st.copy-to-person").Kind);
        var changed = StackCatalog.ForStack(stack.Path);
        using var otherStore = TestStore.Create(provider);
        using var database = CaseDatabase.Open(otherStore.Location);
        var rebuiltCases = new CaseStore(database);
        var report = new CaseProjection(site.Ledger, rebuiltCases, changed).CatchUp();

        Assert.Empty(report.Problems);
        var rebuilt = Assert.Single(rebuiltCases.Find(rebuiltCases.FindByLedgerIndex(recorded.Summary.LedgerIndex)!.Value)!.Obligations);
        Assert.Equal((duty.Rule, duty.Agency, duty.Due, duty.DueAt, string.Join(",", duty.To)), (rebuilt.Rule, rebuilt.Agency, rebuilt.Due, rebuilt.DueAt, string.Join(",", rebuilt.To)));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void A_disclosure_in_the_old_shape_names_its_actor_by()
    {
        static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;

        Assert.Equal("as-intake", EntryActor.Of(Body("""{"answer":{},"by":"as-intake","manifest":{},"request":{}}""")));
        Assert.Equal("as-intake", EntryActor.Of(Body("""{"answer":{},"manifest":{},"recordedBy":"as-intake","request":{}}""")));
        Assert.Equal(EntryActor.NotNamed, EntryActor.Of(Body("""{"answer":{},"manifest":{},"request":{}}""")));
    }
}

public sealed class ProjectionTestsOnSqlite() : ProjectionTests(StoreProvider.Sqlite);

public sealed class ProjectionTestsOnPostgres() : ProjectionTests(StoreProvider.Postgres);
