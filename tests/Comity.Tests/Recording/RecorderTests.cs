using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Ledger;
using Comity.Recording;
using Comity.Recording.Entries;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>The core's one recording path: validate, decide, record in the ledger, keep the case, answer.</summary>
public abstract class RecorderTests(StoreProvider provider)
{
    [Fact]
    public async Task A_decision_is_in_the_ledger_and_a_case_at_once_naming_who_recorded_it()
    {
        using var site = new RecordingSite(provider);

        var decision = await site.DecideExample("clerk");

        var entry = site.Ledger.Read(decision.Receipt.Index);
        Assert.Equal(DecisionEntry.Kind, entry.Kind);
        var read = DecisionEntry.Read(entry.Body);
        Assert.Equal("clerk", read.RecordedBy);
        Assert.Equal(decision.Answer.Policy.Digest, read.StackDigest);
        Assert.Equal(["answer", "recordedBy", "request", "stackDigest", "stackEntry"], entry.Body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(StackEntry.Kind, site.Ledger.Read(read.StackEntry!.Value).Kind);
        var kept = site.Cases.Find(decision.CaseId)!;
        Assert.Equal("clerk", kept.Summary.RecordedBy);
        Assert.Equal("deny", kept.Summary.Outcome);
        Assert.Equal(decision.Receipt.Index, kept.Summary.LedgerIndex);
        Assert.Equal(["st.copy-to-person"], kept.Obligations.Select(o => o.Rule));
        Assert.True(site.Verifier.Verify(decision.CaseId)!.Verified);
    }

    [Fact]
    public async Task The_answer_sent_is_the_answer_recorded_with_its_receipt_last()
    {
        using var site = new RecordingSite(provider);

        var decision = await site.DecideExample();

        using var sent = JsonDocument.Parse(decision.Sent());
        var properties = sent.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("receipt", properties[^1]);
        Assert.Equal(decision.Receipt.Index, sent.RootElement.GetProperty("receipt").GetProperty("index").GetInt64());
        // The ledger holds the answer in canonical form (its properties sorted); the same properties, the same values.
        var recorded = site.Ledger.Read(decision.Receipt.Index).Body.GetProperty("answer");
        var sentAnswer = JsonSerializer.SerializeToUtf8Bytes(sent.RootElement.EnumerateObject().Where(p => p.Name != "receipt").ToDictionary(p => p.Name, p => p.Value));
        Assert.Equal(Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(sentAnswer)), recorded.GetRawText());
    }

    [Fact]
    public async Task A_request_that_breaks_the_contract_is_refused_with_its_path_and_nothing_is_recorded()
    {
        using var site = new RecordingSite(provider);

        var refused = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes("""{"id":"X"}"""), "clerk");

        Assert.Null(refused.Value);
        Assert.Equal(RecordErrorKind.Invalid, refused.Error!.Kind);
        Assert.NotEmpty(refused.Error.ContractErrors!);
        Assert.All(refused.Error.ContractErrors!, e => Assert.StartsWith("$", e.Path, StringComparison.Ordinal));
        Assert.Equal(0, site.Ledger.Size);
        Assert.Equal(0, site.Cases.List(new CaseQuery()).Total);
    }

    [Fact]
    public async Task A_byte_order_mark_is_not_recorded()
    {
        using var site = new RecordingSite(provider);

        var recorded = await site.Recorder.DecideAsync(Encoding.UTF8.GetBytes("\uFEFF" + Cli.Support.CliExamples.ExampleLine("BOM")), "clerk");

        var body = site.Ledger.Read(recorded.Value!.Receipt.Index).Body;
        Assert.Equal("BOM", body.GetProperty("request").GetProperty("id").GetString());
        Assert.DoesNotContain((byte)0xEF, site.Ledger.Read(recorded.Value.Receipt.Index).Canonical);
    }
}

public sealed class RecorderTestsOnSqlite() : RecorderTests(StoreProvider.Sqlite);

public sealed class RecorderTestsOnPostgres() : RecorderTests(StoreProvider.Postgres);
