using System.Text;
using Comity.Cases;
using Comity.Ledger;
using Comity.Server.Recording;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Comity.Tests.Server;

/// <summary>A decision in the ledger without its case (a crash between the two, or comity decide --record) gets its case back.</summary>
public sealed class ProjectionTests
{
    [Fact]
    public async Task A_decision_recorded_in_the_ledger_without_a_case_gets_one_at_catch_up()
    {
        using var server = new ServerFixture();
        var id = await server.Decide();
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var cases = server.Services.GetRequiredService<CaseStore>();
        var existing = cases.Find(id)!;

        // The same decision entry appended again, as if the server had died after the ledger wrote it.
        var receipt = await ledger.AppendAsync(new LedgerEntry("decision", Encoding.UTF8.GetBytes(existing.Decision.BodyJson), DateTimeOffset.UtcNow));
        Assert.False(cases.Holds(receipt.Index));

        var added = new CaseProjection(ledger, cases, NullLogger<CaseProjection>.Instance).CatchUp();

        Assert.Equal(1, added);
        var rebuilt = cases.Find(cases.FindByLedgerIndex(receipt.Index)!.Value)!;
        Assert.Equal(existing.Summary.Outcome, rebuilt.Summary.Outcome);
        Assert.Equal(existing.Obligations.Select(o => o.Rule), rebuilt.Obligations.Select(o => o.Rule));
        Assert.True(server.Services.GetRequiredService<CaseVerifier>().Verify(rebuilt.Summary.Id)!.Verified);
        Assert.Equal(0, new CaseProjection(ledger, cases, NullLogger<CaseProjection>.Instance).CatchUp());
    }
}
