using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording.Entries;

namespace Comity.Recording;

/// <summary>
/// Requests for public records about ICE access (Gov. Code 7283.1(c)), with the time the stack's
/// law gives to answer them (<see cref="RecordsRequestTerms"/>; California: 7922.535): a request
/// is recorded when received, due at the end of the <c>determineWithinDays</c>th calendar day after
/// the day of receipt in the unit's time zone; an extension for an unusual circumstance moves it
/// to the end of a later day, never more than <c>extendAtMostDays</c> days past the first limit; a
/// determination closes it. Each is a ledger entry; who asked and what for stay in the case
/// database, the ledger holding their salted commitment.
/// </summary>
public sealed class RecordsRequestDesk(TransparencyLog ledger, RecordsRequestStore requests, StackCatalog catalog, TimeProvider time)
{
    public const int MaxAskedLength = 4000;
    public const int MaxRequesterLength = 300;
    public const int MaxReasonsLength = 2000;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly DateOnly Earliest = new(1990, 1, 1);

    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Records a records request received by <paramref name="unit"/>; answers the request as kept.</summary>
    public async Task<Recorded<RecordsRequestDetail>> ReceiveAsync(string? jurisdiction, string? unit, string? receivedAt, string? asked, string? requester, string recordedBy)
    {
        unit = unit?.Trim() ?? "";
        if (unit.Length == 0)
            return new RecordError(RecordErrorKind.Invalid, "name the unit that received the request", "unit");
        DecisionEngine? engine;
        ContractError? error;
        try
        {
            engine = catalog.FindForUnit(string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim(), unit, out error);
        }
        catch (LawException e)
        {
            return new RecordError(RecordErrorKind.Unavailable, e.Message);
        }
        if (engine is null)
            return new RecordError(RecordErrorKind.Invalid, error?.Message ?? "no stack serves this unit", error?.Path == "$.jurisdiction" ? "jurisdiction" : "unit");
        var stack = engine.Stack;
        var received = receivedAt?.Trim() ?? "";
        if (!ReceivedAt.TryParse(received, out var moment))
            return new RecordError(RecordErrorKind.Invalid, "give the time the request was received as an ISO 8601 date-time with its offset, such as 2025-06-02T09:15-07:00, or a date", "receivedAt");
        var zone = stack.TimeZoneOf(unit);
        var day = LocalDay(moment, zone);
        if (day is not { } receivedDay || receivedDay < Earliest)
            return new RecordError(RecordErrorKind.Invalid, "the request was received on a day from 1990 on", "receivedAt");
        if (receivedDay > DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow() + ClockSkew, zone).DateTime))
            return new RecordError(RecordErrorKind.Invalid, "the request was received in the future", "receivedAt");
        var what = asked?.Trim() ?? "";
        if (what.Length == 0 || what.Length > MaxAskedLength)
            return new RecordError(RecordErrorKind.Invalid, $"say what records are asked for, in at most {MaxAskedLength} characters", "asked");
        var who = requester?.Trim() ?? "";
        if (who.Length == 0 || who.Length > MaxRequesterLength || who.Any(char.IsControl))
            return new RecordError(RecordErrorKind.Invalid, $"name the requester as they gave it (a name, an organisation, or \"anonymous\"), one line of at most {MaxRequesterLength} characters", "requester");

        var terms = stack.Duties.RecordsRequests;
        var due = terms is null ? null : EndOfDay(receivedDay.AddDays(terms.DetermineWithinDays), zone);
        var particulars = Seal(what, who);
        requests.KeepParticulars(particulars);
        var entry = new RecordsRequestEntry(stack.Id, unit, received, particulars.Commitment, due, terms?.Cites ?? [], stack.Digest, recordedBy);
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            var at = time.GetUtcNow();
            var receipt = await ledger.AppendAsync(new LedgerEntry(RecordsRequestEntry.Kind, entry.Write(), at, null)).ConfigureAwait(false);
            requests.Add(receipt.Index, stack.Id, unit, received, particulars.Commitment, entry.Cites, due, recordedBy, at);
            return requests.Find(receipt.Index)!;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Extends the time to answer for an unusual circumstance: the determination is expected by the
    /// end of <paramref name="expectedBy"/> (a date) in the unit's time zone, which must be later than
    /// the time in force and at most <c>extendAtMostDays</c> days past the first limit.
    /// </summary>
    public Task<Recorded<CaseEvent>> ExtendAsync(long id, string? reason, string? expectedBy, string? note, string recordedBy) => Change(id, (r, stack) =>
    {
        if (!RecordsVocabularies.ExtensionReasons.TryParse(reason ?? "", out var why))
            return new RecordError(RecordErrorKind.Invalid, $"name the unusual circumstance: {RecordsVocabularies.ExtensionReasons.Expected}", "reason");
        var text = note?.Trim() ?? "";
        if (text.Length == 0)
            return new RecordError(RecordErrorKind.Invalid, "set forth the reasons for the extension in a public note", "note");
        if (PublicNote.Problem(text, SubjectIdentityWords.None) is { } problem)
            return new RecordError(RecordErrorKind.Invalid, problem, "note");
        var terms = stack?.Duties.RecordsRequests;
        if (terms is null || r.FirstDueAt is not { } first || r.DueAt is not { } current)
            return new RecordError(RecordErrorKind.Conflict, $"the law of {r.Jurisdiction} sets no time to answer a records request, so there is none to extend");
        if (!DateOnly.TryParseExact(expectedBy?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new RecordError(RecordErrorKind.Invalid, "give the date the determination is expected as yyyy-MM-dd", "expectedBy");
        var zone = stack!.TimeZoneOf(r.Unit);
        var firstDay = LastDay(first, zone);
        var latest = firstDay.AddDays(terms.ExtendAtMostDays);
        if (date > latest)
            return new RecordError(RecordErrorKind.Invalid,
                $"an extension may not run more than {terms.ExtendAtMostDays} days past the first limit ({firstDay:yyyy-MM-dd}): the latest date is {latest:yyyy-MM-dd} ({terms.Cites.FirstOrDefault(c => c.EndsWith("(b)", StringComparison.Ordinal)) ?? string.Join("; ", terms.Cites)})",
                "expectedBy");
        var due = EndOfDay(date, zone)!.Value;
        if (due <= current)
            return new RecordError(RecordErrorKind.Invalid, $"the determination is already due by the end of {LastDay(current, zone):yyyy-MM-dd}: an extension names a later date", "expectedBy");
        var entry = new RecordsExtensionEntry(r.Id, why, text, date, due, recordedBy);
        return new Planned(RecordsExtensionEntry.Kind, entry.Write(), e => requests.AddExtension(r.Id, e, due));
    }, recordedBy);

    /// <summary>
    /// Records the determination, which closes the request: its reasons (public), and when the
    /// records are disclosable in whole or part the estimated date and time they will be available.
    /// </summary>
    public Task<Recorded<CaseEvent>> DetermineAsync(long id, string? determination, string? reasons, string? estimatedAvailableAt, string recordedBy) => Change(id, (r, stack) =>
    {
        if (!RecordsVocabularies.Determinations.TryParse(determination ?? "", out var d))
            return new RecordError(RecordErrorKind.Invalid, $"determination: expected {RecordsVocabularies.Determinations.Expected}", "determination");
        var text = reasons?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxReasonsLength)
            return new RecordError(RecordErrorKind.Invalid, $"give the reasons for the determination, in at most {MaxReasonsLength} characters", "reasons");
        var disclosable = d is RecordsDetermination.Disclosable or RecordsDetermination.PartlyDisclosable;
        var estimate = estimatedAvailableAt?.Trim();
        if (disclosable && !ReceivedAt.TryParse(estimate ?? "", out _))
            return new RecordError(RecordErrorKind.Invalid, "records that are disclosable come with the estimated date and time they will be available (ISO 8601)", "estimatedAvailableAt");
        if (!disclosable && !string.IsNullOrEmpty(estimate))
            return new RecordError(RecordErrorKind.Invalid, "only a determination that records are disclosable gives a date they will be available", "estimatedAvailableAt");
        var entry = new RecordsDeterminationEntry(r.Id, d, text, disclosable ? estimate : null, recordedBy);
        return new Planned(RecordsDeterminationEntry.Kind, entry.Write(), e => requests.AddDetermination(r.Id, e, d));
    }, recordedBy);

    private async Task<Recorded<CaseEvent>> Change(long id, Func<RecordsRequestSummary, Stack?, Recorded<Planned>> plan, string recordedBy)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            if (requests.Find(id) is not { } r)
                return new RecordError(RecordErrorKind.NotFound, $"there is no records request {id}");
            if (!r.Summary.Open)
                return new RecordError(RecordErrorKind.Conflict, $"records request {id} is closed: determined {r.Summary.Determination}");
            Stack? stack;
            try
            {
                stack = catalog.FindForUnit(r.Summary.Jurisdiction, r.Summary.Unit, out _)?.Stack;
            }
            catch (LawException broken)
            {
                return new RecordError(RecordErrorKind.Unavailable, broken.Message);
            }
            var planned = plan(r.Summary, stack);
            if (planned.Error is { } error)
                return error;
            var (kind, body, keep) = planned.Value!;
            var at = time.GetUtcNow();
            var receipt = await ledger.AppendAsync(new LedgerEntry(kind, body, at, null)).ConfigureAwait(false);
            var e = new CaseEvent(receipt.Index, kind, recordedBy, at, Encoding.UTF8.GetString(body), Encoding.UTF8.GetString(ReceiptJson.Of(receipt)));
            keep(e);
            return e;
        }
        finally
        {
            _changes.Release();
        }
    }

    private sealed record Planned(string Kind, byte[] Body, Action<CaseEvent> Keep);

    /// <summary>Seals who asked and what for: their canonical JSON (<c>{"asked","requester"}</c>), a fresh salt, and the commitment.</summary>
    public static RecordsParticulars Seal(string asked, string requester)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
        {
            w.WriteStartObject();
            w.WriteString("asked"u8, asked);
            w.WriteString("requester"u8, requester);
            w.WriteEndObject();
        }
        var json = buffer.WrittenSpan.ToArray();
        var salt = RandomNumberGenerator.GetBytes(CaseIdentity.SaltLength);
        return new RecordsParticulars(asked, requester, json, salt, CaseIdentity.Commit(salt, json));
    }

    /// <summary>The day a moment falls on in <paramref name="zone"/> (a bare date or a time without offset: as written); null when it does not convert.</summary>
    public static DateOnly? LocalDay(Moment moment, TimeZoneInfo zone)
    {
        if (moment.Offset is not { } offset)
            return moment.Day;
        try
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(new DateTimeOffset(moment.Clock, offset), zone).DateTime);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The end of <paramref name="day"/> in <paramref name="zone"/> (the first instant of the next day), as an instant; null at the calendar's edge.</summary>
    public static DateTimeOffset? EndOfDay(DateOnly day, TimeZoneInfo zone)
    {
        if (day >= DateOnly.MaxValue.AddDays(-1))
            return null;
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight (a few do, for daylight saving) ends the day at the first hour that exists.
        while (zone.IsInvalidTime(midnight))
            midnight = midnight.AddMinutes(30);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(midnight, zone), TimeSpan.Zero);
    }

    /// <summary>The day whose end is <paramref name="due"/> in <paramref name="zone"/>.</summary>
    private static DateOnly LastDay(DateTimeOffset due, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(due.AddTicks(-1), zone).DateTime);
}
