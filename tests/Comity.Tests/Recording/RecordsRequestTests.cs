using System.Globalization;
using System.Text;
using Comity.Cases;
using Comity.Engine;
using Comity.Recording;
using Comity.Tests.Support;
using Comity.Tests.Recording.Support;

namespace Comity.Tests.Recording;

/// <summary>
/// A records request's 10 days (issue 18, point 8): under the Los Angeles stack a request for
/// records about ICE access is due 10 calendar days from receipt, at the end of that day in the
/// unit's time zone (Gov. Code 7922.535(a), from the stack's duties.json); an extension for an
/// unusual circumstance runs at most 14 days past it (7922.535(b)); a determination closes it. The
/// Austin stack sets no time. Who asked and what for stay in the case database.
/// </summary>
public abstract class RecordsRequestTests(StoreProvider provider)
{
    private static readonly StackCatalog Stacks = StackCatalog.ForRoot(RepoRoot.Combine("stacks"));

    private const string Requester = "Marisol Quintanilla-Ferreira";

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private sealed class Desk : IDisposable
    {
        public Desk(StoreProvider provider)
        {
            Site = new RecordingSite(provider, Stacks);
            Records = new RecordsRequestDesk(Site.Ledger, Site.Cases.RecordsRequests, Stacks, TimeProvider.System);
        }

        public RecordingSite Site { get; }
        public RecordsRequestDesk Records { get; }

        public async Task<RecordsRequestDetail> Receive(string receivedAt, string unit = "lapd", string? jurisdiction = null)
        {
            var r = await Records.ReceiveAsync(jurisdiction, unit, receivedAt, "Every e-mail between the jail and ICE in May 2025", Requester, "clerk");
            Assert.Null(r.Error);
            return r.Value!;
        }

        public void Dispose() => Site.Dispose();
    }

    [Fact]
    public async Task A_request_is_due_at_the_end_of_the_tenth_day_after_receipt_in_the_units_time_zone_with_its_citation()
    {
        using var desk = new Desk(provider);

        // 23:30 on 2 June in Los Angeles is already 3 June in UTC: the day of receipt is the unit's, 2 June.
        var late = await desk.Receive("2025-06-02T23:30:00-07:00");
        // Midnight between 12 and 13 June in Los Angeles (PDT, UTC-7).
        Assert.Equal(Utc("2025-06-13T07:00:00Z"), late.Summary.DueAt);
        Assert.Equal(late.Summary.DueAt, late.Summary.FirstDueAt);
        Assert.Equal("Cal. Gov. Code § 7922.535(a)", late.Summary.Cites[0]);

        // A bare date is the unit's day; in winter the zone is PST (UTC-8).
        var winter = await desk.Receive("2024-12-30");
        Assert.Equal(Utc("2025-01-10T08:00:00Z"), winter.Summary.DueAt);

        Assert.Equal("Every e-mail between the jail and ICE in May 2025", late.Asked);
        Assert.Equal(Requester, late.Requester);
    }

    [Fact]
    public async Task A_stack_whose_law_sets_no_time_has_no_due_time_and_nothing_on_the_dashboard()
    {
        using var desk = new Desk(provider);
        var austin = await desk.Receive("2025-06-02T10:00:00-05:00", "apd", "us/tx/austin");

        Assert.Null(austin.Summary.DueAt);
        Assert.Empty(austin.Summary.Cites);
        Assert.DoesNotContain(desk.Site.Cases.OpenDuties(null, false, Utc("2030-01-01T00:00:00Z")).Items, d => d.Kind == "records-request");
        var extend = await desk.Records.ExtendAsync(austin.Summary.Id, "voluminous-records", "2025-06-20", "Many boxes of paper at a field office", "supervisor");
        Assert.Equal(RecordErrorKind.Conflict, extend.Error!.Kind);
    }

    [Fact]
    public async Task An_extension_within_14_days_of_the_first_limit_is_kept_and_one_beyond_is_refused()
    {
        using var desk = new Desk(provider);
        var r = await desk.Receive("2025-06-02T09:00:00-07:00"); // due at the end of 12 June

        var tooLong = await desk.Records.ExtendAsync(r.Summary.Id, "voluminous-records", "2025-06-27", "Thousands of pages across three offices", "supervisor");
        Assert.Equal(RecordErrorKind.Invalid, tooLong.Error!.Kind);
        Assert.Equal("expectedBy", tooLong.Error.Path);
        Assert.Contains("14 days", tooLong.Error.Message);
        Assert.Contains("2025-06-26", tooLong.Error.Message);
        var noReason = await desk.Records.ExtendAsync(r.Summary.Id, "we-are-busy", "2025-06-20", "Busy", "supervisor");
        Assert.Equal("reason", noReason.Error!.Path);

        var extended = await desk.Records.ExtendAsync(r.Summary.Id, "voluminous-records", "2025-06-26", "Thousands of pages across three offices", "supervisor");
        Assert.Null(extended.Error);
        var kept = desk.Site.Cases.RecordsRequests.Find(r.Summary.Id)!;
        Assert.Equal(Utc("2025-06-27T07:00:00Z"), kept.Summary.DueAt);
        Assert.Equal(Utc("2025-06-13T07:00:00Z"), kept.Summary.FirstDueAt);

        // The limit counts from the first due date, not from the extension.
        var again = await desk.Records.ExtendAsync(r.Summary.Id, "consultation-with-another-agency", "2025-06-28", "The sheriff must be consulted", "supervisor");
        Assert.Equal("expectedBy", again.Error!.Path);
        var earlier = await desk.Records.ExtendAsync(r.Summary.Id, "consultation-with-another-agency", "2025-06-20", "The sheriff must be consulted", "supervisor");
        Assert.Equal("expectedBy", earlier.Error!.Path);
    }

    [Fact]
    public async Task Overdue_requests_come_first_and_a_determination_takes_a_request_off_the_dashboard()
    {
        using var desk = new Desk(provider);
        var now = Utc("2025-06-10T12:00:00Z");
        var later = await desk.Receive("2025-06-05T09:00:00-07:00");   // due 16 June: not yet
        var overdue = await desk.Receive("2025-05-20T09:00:00-07:00"); // due 31 May: overdue on 10 June

        var board = desk.Site.Cases.OpenDuties("lapd", false, now).Items.Where(d => d.Kind == "records-request").ToList();
        Assert.Equal([overdue.Summary.Id, later.Summary.Id], board.Select(d => d.CaseId));
        Assert.True(board[0].Overdue);
        Assert.False(board[1].Overdue);
        Assert.Contains("Cal. Gov. Code § 7922.535(a)", board[0].Text);
        Assert.Equal([overdue.Summary.Id], desk.Site.Cases.OpenDuties(null, true, now).Items.Where(d => d.Kind == "records-request").Select(d => d.CaseId));
        Assert.DoesNotContain(desk.Site.Cases.OpenDuties("lapd-jail-division", false, now).Items, d => d.Kind == "records-request");

        var noDate = await desk.Records.DetermineAsync(overdue.Summary.Id, "disclosable", "The e-mails are public records under 7283.1(c)", null, "clerk");
        Assert.Equal("estimatedAvailableAt", noDate.Error!.Path);
        var determined = await desk.Records.DetermineAsync(overdue.Summary.Id, "partly-disclosable", "Public under 7283.1(c); personal identifying information redacted",
            "2025-06-20T16:00:00-07:00", "clerk");
        Assert.Null(determined.Error);

        Assert.Equal([later.Summary.Id], desk.Site.Cases.OpenDuties(null, false, now).Items.Where(d => d.Kind == "records-request").Select(d => d.CaseId));
        var closed = await desk.Records.ExtendAsync(overdue.Summary.Id, "voluminous-records", "2025-06-05", "Too late to extend it now", "supervisor");
        Assert.Equal(RecordErrorKind.Conflict, closed.Error!.Kind);
        var twice = await desk.Records.DetermineAsync(overdue.Summary.Id, "none-held", "No such records", null, "clerk");
        Assert.Equal(RecordErrorKind.Conflict, twice.Error!.Kind);
    }

    [Fact]
    public async Task Rebuilding_from_the_ledger_restores_the_requests_their_extensions_and_determinations()
    {
        using var desk = new Desk(provider);
        var open = await desk.Receive("2025-06-02T09:00:00-07:00");
        await desk.Records.ExtendAsync(open.Summary.Id, "compiling-data", "2025-06-20", "The data must be compiled from the booking system", "supervisor");
        var shut = await desk.Receive("2025-06-03");
        await desk.Records.DetermineAsync(shut.Summary.Id, "none-held", "The unit holds no such records", null, "clerk");
        var before = new[] { open.Summary.Id, shut.Summary.Id }.Select(i => desk.Site.Cases.RecordsRequests.Find(i)!).ToList();

        desk.Site.Execute("DELETE FROM records_request_events");
        desk.Site.Execute("DELETE FROM records_requests");
        Assert.Null(desk.Site.Cases.RecordsRequests.Find(open.Summary.Id));
        desk.Site.Cases.SetProjectedLedgerSize(0);
        var report = new CaseProjection(desk.Site.Ledger, desk.Site.Cases, Stacks).CatchUp();

        Assert.Empty(report.Problems);
        foreach (var b in before)
        {
            var after = desk.Site.Cases.RecordsRequests.Find(b.Summary.Id)!;
            // The ledger keeps the time it recorded to its own precision: the same instant, to the millisecond.
            Assert.Equal(b.Summary with { Cites = [], RecordedAt = default }, after.Summary with { Cites = [], RecordedAt = default });
            Assert.True((b.Summary.RecordedAt - after.Summary.RecordedAt).Duration() < TimeSpan.FromMilliseconds(1));
            Assert.Equal(b.Summary.Cites, after.Summary.Cites);
            Assert.Equal(b.Asked, after.Asked);
            Assert.Equal(b.Requester, after.Requester);
            Assert.Equal(b.Events.Select(e => (e.LedgerIndex, e.Kind, e.BodyJson)), after.Events.Select(e => (e.LedgerIndex, e.Kind, e.BodyJson)));
        }
        Assert.Equal(Utc("2025-06-21T07:00:00Z"), desk.Site.Cases.RecordsRequests.Find(open.Summary.Id)!.Summary.DueAt);
        Assert.Equal(0, new CaseProjection(desk.Site.Ledger, desk.Site.Cases, Stacks).CatchUp().Added);
    }

    [Fact]
    public async Task The_requesters_name_and_what_they_asked_are_in_no_ledger_entry_and_no_file_but_the_case_database()
    {
        using var desk = new Desk(provider);
        var r = await desk.Receive("2025-06-02T09:00:00-07:00");
        await desk.Records.ExtendAsync(r.Summary.Id, "field-facilities", "2025-06-19", "Records kept at a field facility", "supervisor");

        for (long i = 0; i < desk.Site.Ledger.Size; i++)
        {
            var body = desk.Site.Ledger.Read(i).Body.GetRawText();
            Assert.DoesNotContain("Quintanilla", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("e-mail between", body, StringComparison.OrdinalIgnoreCase);
        }
        var entry = desk.Site.Ledger.Read(r.Summary.Id).Body;
        Assert.StartsWith("sha256:", entry.GetProperty("particulars").GetString());
        foreach (var file in Directory.EnumerateFiles(desk.Site.DataFolder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(CaseDatabase.FileName, StringComparison.Ordinal) && !f.EndsWith(".lock", StringComparison.Ordinal)))
            Assert.DoesNotContain("Quintanilla", Encoding.UTF8.GetString(File.ReadAllBytes(file)), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(desk.Site.Cases.OpenDuties(null, false, DateTimeOffset.UtcNow).Items,
            d => (d.Text ?? "").Contains("Quintanilla", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_recorded()
    {
        using var desk = new Desk(provider);
        var size = desk.Site.Ledger.Size;
        async Task<string?> Path(string? unit, string? receivedAt, string? asked, string? requester, string? jurisdiction = null) =>
            (await desk.Records.ReceiveAsync(jurisdiction, unit, receivedAt, asked, requester, "clerk")).Error?.Path;

        Assert.Equal("unit", await Path("nowhere", "2025-06-02", "records", "A. Person"));
        Assert.Equal("jurisdiction", await Path("lapd", "2025-06-02", "records", "A. Person", "../etc"));
        Assert.Equal("receivedAt", await Path("lapd", "yesterday", "records", "A. Person"));
        Assert.Equal("receivedAt", await Path("lapd", "2999-01-01", "records", "A. Person"));
        Assert.Equal("receivedAt", await Path("lapd", "1989-12-31", "records", "A. Person"));
        Assert.Equal("asked", await Path("lapd", "2025-06-02", "  ", "A. Person"));
        Assert.Equal("asked", await Path("lapd", "2025-06-02", new string('x', RecordsRequestDesk.MaxAskedLength + 1), "A. Person"));
        Assert.Equal("requester", await Path("lapd", "2025-06-02", "records", "line\nbreak"));
        Assert.Equal(size, desk.Site.Ledger.Size);
        Assert.Equal(RecordErrorKind.NotFound, (await desk.Records.DetermineAsync(999, "exempt", "Exempt", null, "clerk")).Error!.Kind);
    }
}

public sealed class RecordsRequestTestsOnSqlite() : RecordsRequestTests(StoreProvider.Sqlite);

public sealed class RecordsRequestTestsOnPostgres() : RecordsRequestTests(StoreProvider.Postgres);
