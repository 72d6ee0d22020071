using System.Data.Common;
using System.Globalization;
using Comity.Cases;
using Comity.Cases.Internal;
using Comity.Contract;
using Comity.Engine;
using Comity.Recording;
using Comity.Storage;
using Comity.Tests.Cli.Support;
using Comity.Tests.Recording.Support;
using Comity.Tests.Support;
using Comity.Webhooks;

namespace Comity.Tests.Storage;

/// <summary><c>comity migrate</c>: a SQLite data folder's ledger and case database copied into an empty PostgreSQL database, row for row.</summary>
public sealed class StoreMigrationTests
{
    /// <summary>A SQLite data folder with a row in every table: cases with their events, users, a token, account events, reads, a webhook.</summary>
    private static async Task<RecordingSite> Worked()
    {
        var site = new RecordingSite(StoreProvider.Sqlite);
        var first = await site.DecideExample("clerk", "MIG-1");
        await site.DecideExample("clerk", "MIG-2");
        Assert.Null((await site.Workflow.ReferAsync(first.CaseId, "check the conviction", "clerk")).Error);
        Assert.Null((await site.Workflow.ReviewAsync(first.CaseId, ReviewVerdict.Override, Outcome.Permit, "The conviction was vacated in 2021; counsel's review.", "counsel")).Error);
        Assert.Null((await site.Workflow.RecordActionAsync(first.CaseId, CaseActionKind.Notified, "2025-06-02T10:00-07:00", null, null, "clerk")).Error);
        using var database = site.OpenCaseDatabase();
        var users = new UserStore(database);
        Assert.True(users.TryAdd("Maria", "Maria R", [Role.Intake], "hash", false, DateTimeOffset.UtcNow, out var maria));
        users.AddToken(maria!.Id, "cad", [1, 2, 3], DateTimeOffset.UtcNow, "admin");
        users.LogEvent(maria.Id, "token-issued", "admin", "token 1", DateTimeOffset.UtcNow);
        new AccessLog(database).Record(new AccessRead(DateTimeOffset.UtcNow, "maria", [Role.Intake], AccessDoor.Api, "/api/v1/cases/{id}", first.CaseId, ""));
        var webhooks = new WebhookStore(database);
        var hook = webhooks.AddEndpoint(new Uri("http://127.0.0.1:9/hook"), "", [WebhookEventType.CaseNeedsCounsel], "whsec_x", 24, false, 0, "admin", DateTimeOffset.UtcNow);
        webhooks.Queue(hook.Id, WebhookEventType.CaseNeedsCounsel, "ledger:0", "msg_1", "{}", DateTimeOffset.UtcNow);
        webhooks.SetCursor(3);
        return site;
    }

    [Fact]
    public async Task Every_table_arrives_in_PostgreSQL_row_for_row_and_new_ids_follow_the_copied_ones()
    {
        using var site = await Worked();
        using var postgres = PostgresDatabase.Create();
        var target = StoreLocation.Postgres(site.DataFolder, postgres.ConnectionString);
        var sourceRoot = site.Ledger.RootHash(site.Ledger.Size);

        var ledger = LedgerMigration.Copy(site.DataFolder, target);
        var report = StoreMigration.CopyCases(site.DataFolder, target);

        // The ledger: every entry byte for byte, so the same root and the same receipts.
        Assert.Equal(site.Ledger.Size, ledger.Entries);
        Assert.Equal(sourceRoot, ledger.RootHash);
        using (var copied = Comity.Ledger.TransparencyLog.Open(target, new Comity.Ledger.LedgerOptions { ReadOnly = true }))
            for (var i = 0L; i < site.Ledger.Size; i++)
                Assert.Equal(site.Ledger.Read(i).Canonical, copied.Read(i).Canonical);
        Assert.Equal(StoreMigration.Tables, report.Tables.Select(t => t.Table));
        Assert.All(report.Tables.Where(t => t.Table is not ("identities" or "case_documents" or "case_disclosures" or "records_particulars" or "records_requests" or "records_request_events")), t => Assert.True(t.Rows > 0, t.Table));
        using var from = site.OpenCaseDatabase();
        using var to = CaseDatabase.Open(target);
        foreach (var table in StoreMigration.Tables)
        {
            var rows = from.Read(c => Rows(c, table));
            Assert.Equal(rows, to.Read(c => Rows(c, table)));
            Assert.Equal(rows.Count, report.Tables.Single(t => t.Table == table).Rows);
        }

        // The servers on PostgreSQL go on from there: the cases as they were, the next case numbered after them.
        var before = site.Cases.Find(1)!;
        site.Close();
        using var folder = RecordingFolder.Open(target, StackCatalog.ForStack(Repo.DemoStack), TimeProvider.System);
        Assert.Empty(folder.CaughtUp.Problems);
        Assert.Equal(before.Summary, folder.Cases.Find(1)!.Summary);
        Assert.Equal(before.Reviews, folder.Cases.Find(1)!.Reviews);
        Assert.True(new CaseVerifier(folder.Cases, folder.Ledger, new Comity.Documents.DocumentStore(target.DataFolder)).Verify(1)!.Verified);
        var next = await folder.Recorder.DecideAsync(System.Text.Encoding.UTF8.GetBytes(CliExamples.ExampleLine("MIG-3")), "clerk");
        Assert.Null(next.Error);
        Assert.Equal(3, next.Value!.CaseId);
        Assert.NotNull(new UserStore(to).Find("MARIA"));
    }

    [Fact]
    public async Task A_database_that_holds_rows_is_refused_and_left_as_it_was()
    {
        using var site = await Worked();
        using var postgres = PostgresDatabase.Create();
        var target = StoreLocation.Postgres(site.DataFolder, postgres.ConnectionString);
        StoreMigration.CopyCases(site.DataFolder, target);

        var e = Assert.Throws<StoreMigrationException>(() => StoreMigration.CopyCases(site.DataFolder, target));

        Assert.Contains("not empty", e.Message);
        using var to = CaseDatabase.Open(target);
        Assert.Equal(2, to.Read(c => Sql.Scalar(c, "SELECT COUNT(*) FROM cases")));
    }

    [Fact]
    public async Task The_command_copies_says_what_and_checks_the_ledger_and_a_second_run_exits_2()
    {
        using var site = await Worked();
        var data = site.DataFolder;
        using var postgres = PostgresDatabase.Create();

        var run = await ComityCli.RunAsync(["migrate", "--data", data, "--store", postgres.ConnectionString]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{"cases",-24} {2,10} rows", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"into PostgreSQL database {postgres.Name}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("copied the ledger: ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("it verifies there to root", run.Stdout, StringComparison.Ordinal);
        var again = await ComityCli.RunAsync(["migrate", "--data", data, "--store", postgres.ConnectionString]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds entries", again.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("comity_test;", again.Stderr, StringComparison.Ordinal); // no password
    }

    /// <summary>A table's rows as text, in a fixed order (integers, text and bytes print alike on both).</summary>
    private static List<string> Rows(DbConnection c, string table)
    {
        var columns = Sql.List(c, $"SELECT * FROM {table} LIMIT 0", r => Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToList()).FirstOrDefault();
        using var command = Sql.Command(c, $"SELECT * FROM {table}");
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "rowid").Select(i => $"{reader.GetName(i)}={Text(reader.GetValue(i))}")));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
