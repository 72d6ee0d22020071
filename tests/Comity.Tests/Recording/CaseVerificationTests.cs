using System.Net;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Recording;
using Comity.Server.Auth;
using Comity.Tests.Recording.Support;
using Comity.Tests.Server.Support;
using Microsoft.Data.Sqlite;
using Comity.Tests.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// "Verify this case" checks what staff see: every fact a page or the API shows of a case is
/// compared with the ledger, so an edited row of the case database fails verification.
/// </summary>
public abstract class CaseVerificationTests(StoreProvider provider)
{
    private const string Justification = "The record shows no qualifying conviction under 7282.5.";

    [Fact]
    public async Task A_case_with_its_whole_history_verifies_fact_by_fact()
    {
        using var site = new RecordingSite(provider);
        var id = await Worked(site);

        var verification = site.Verifier.Verify(id)!;

        Assert.True(verification.Verified, string.Join("\n", verification.Facts.Concat(verification.Entries.Select(e => new FactVerification(e.Kind, e.Verified, e.Detail))).Where(f => !f.Verified).Select(f => f.Detail)));
        Assert.Equal(["request", "recorded", "decided outcome", "outcome in force", "status", "obligations", "reviews", "person", "actions", "documents", "history", "reproduced"], verification.Facts.Select(f => f.Fact));
        Assert.Equal(4, verification.Entries.Count);
    }

    [Theory]
    [InlineData("UPDATE cases SET outcome = 'must-comply'", "outcome in force", "the case shows outcome in force \"must-comply\", the ledger says \"permit\"")]
    [InlineData("UPDATE cases SET status = 'open'", "status", "the case shows status \"open\", the ledger says \"reviewed\"")]
    [InlineData("UPDATE cases SET decided_outcome = 'permit'", "decided outcome", "the case shows decided outcome \"permit\", the ledger says \"deny\"")]
    [InlineData("UPDATE cases SET recorded_by = 'someone-else'", "recorded", "the case shows recorded by \"someone-else\", the ledger says \"clerk\"")]
    [InlineData("UPDATE cases SET unit = 'lasd'", "request", "the case shows unit \"lasd\", the ledger says \"lapd\"")]
    [InlineData("UPDATE obligations SET served_by = 'Officer Nobody'", "obligations", "st.copy-to-person served")]
    [InlineData("UPDATE reviews SET justification = 'No reason at all, really, none.'", "reviews", "the case shows reviews")]
    [InlineData("UPDATE case_events SET recorded_by = 'someone-else' WHERE kind = 'referral'", null, "the case says someone-else recorded it; the ledger's entry says clerk")]
    public async Task An_edited_row_of_the_case_database_fails_verification(string edit, string? fact, string detail)
    {
        using var site = new RecordingSite(provider);
        var id = await Worked(site);

        Edit(site, edit);

        var verification = site.Verifier.Verify(id)!;
        Assert.False(verification.Verified);
        if (fact is null)
            Assert.Contains(verification.Entries, e => !e.Verified && e.Detail.Contains(detail, StringComparison.Ordinal));
        else
            Assert.Contains(verification.Facts, f => f.Fact == fact && !f.Verified && f.Detail.Contains(detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_obligation_marked_served_without_a_ledger_entry_fails_verification()
    {
        using var site = new RecordingSite(provider);
        var id = (await site.DecideExample()).CaseId;
        Assert.True(site.Verifier.Verify(id)!.Verified);

        Edit(site, "UPDATE obligations SET served_at = '2025-03-14T10:00-07:00', served_by = 'Officer Ruiz'");

        var verification = site.Verifier.Verify(id)!;
        Assert.False(verification.Verified);
        var obligations = Assert.Single(verification.Facts, f => f.Fact == "obligations");
        Assert.Contains("the case shows st.copy-to-person served \"at 2025-03-14T10:00-07:00 by Officer Ruiz (entry none)\", the ledger says \"outstanding\"", obligations.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_dropped_from_the_case_database_fails_verification()
    {
        using var site = new RecordingSite(provider);
        var id = await Worked(site);

        // The override undone in the case database: its rows removed and the decision's outcome back in force.
        Edit(site, "DELETE FROM reviews; DELETE FROM case_events WHERE kind = 'review'; UPDATE cases SET outcome = decided_outcome, status = 'awaiting-counsel'");

        var verification = site.Verifier.Verify(id)!;
        Assert.False(verification.Verified);
        Assert.All(verification.Entries, e => Assert.True(e.Verified)); // what is left is genuine
        Assert.Contains(verification.Facts, f => f.Fact == "history" && !f.Verified);
        Assert.Contains(verification.Facts, f => f.Fact == "outcome in force" && !f.Verified);
    }

    [Fact]
    public async Task The_verification_endpoint_fails_a_case_whose_outcome_was_edited_from_deny_to_must_comply()
    {
        using var server = new ServerFixture();
        var id = await server.Decide();
        var auditor = server.Api(Role.Auditor);
        using (var before = JsonDocument.Parse(await auditor.GetStringAsync($"/api/v1/cases/{id}/verification")))
            Assert.True(before.RootElement.GetProperty("verified").GetBoolean());

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataFolder, CaseDatabase.FileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE cases SET outcome = 'must-comply' WHERE id = $id AND outcome = 'deny'";
            command.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var response = await auditor.GetAsync($"/api/v1/cases/{id}/verification");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var after = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(after.RootElement.GetProperty("verified").GetBoolean());
        var outcome = after.RootElement.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("fact").GetString() == "outcome in force");
        Assert.False(outcome.GetProperty("verified").GetBoolean());
        Assert.Contains("\"must-comply\", the ledger says \"deny\"", outcome.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var page = await (await server.App(Role.Auditor)).GetStringAsync($"/cases/{id}?verify=true");
        Assert.Contains("NOT verified", page, StringComparison.Ordinal);
    }

    /// <summary>A decided case sent to counsel, overridden to permit, its obligation served; returns its number.</summary>
    private static async Task<long> Worked(RecordingSite site)
    {
        var id = (await site.DecideExample("clerk")).CaseId;
        Assert.Null((await site.Workflow.ReferAsync(id, "check the conviction", "clerk")).Error);
        Assert.Null((await site.Workflow.ReviewAsync(id, ReviewVerdict.Override, Outcome.Permit, Justification, "counsel")).Error);
        Assert.Null((await site.Workflow.ServeObligationAsync(id, "st.copy-to-person", "2025-03-14T10:00-07:00", "Officer Ruiz", "clerk")).Error);
        return id;
    }

    private static void Edit(RecordingSite site, string sql) =>
        Assert.True(site.Execute(sql) > 0, $"the edit changed nothing: {sql}");
}

public sealed class CaseVerificationTestsOnSqlite() : CaseVerificationTests(StoreProvider.Sqlite);

public sealed class CaseVerificationTestsOnPostgres() : CaseVerificationTests(StoreProvider.Postgres);
