using System.Security.Cryptography;
using Comity.Cases;
using Comity.Ledger;
using Comity.Recording.Entries;
using AccessEntry = Comity.Recording.Entries.AccessEntry;

namespace Comity.Recording;

/// <summary>
/// One staff read to record (reports.md P8): when, who with which roles, through which door
/// (<c>api</c> or <c>page</c>), what kind of read (<see cref="AccessActions"/>), the route read (its
/// pattern), the case shown, the search's parameters with their values (committed, never kept),
/// the purpose and note given, and how many case records the read returned.
/// </summary>
public sealed record StaffRead(
    DateTimeOffset At,
    string User,
    IReadOnlyList<Role> Roles,
    string Door,
    string Action,
    string Route,
    long? Case,
    IReadOnlyList<KeyValuePair<string, string>> Searched,
    AccessPurpose? Purpose,
    string? Note,
    long? Records);

/// <summary>An <c>access</c> entry read back from the ledger: its index, when it was recorded, and its body.</summary>
public sealed record RecordedAccess(long Index, DateTimeOffset At, AccessEntry Entry);

/// <summary>
/// Records every staff read as an <c>access</c> ledger entry through the ledger's normal append
/// (group commit: a read waits for one shared sync and checkpoint, no more), on SQLite or
/// PostgreSQL alike, and reads them back by day for the access audit. Every door calls this one
/// writer; <see cref="Between"/> is the one reader.
/// </summary>
public sealed class AccessRecorder(TransparencyLog ledger)
{
    /// <summary>Appends the read's entry; completes once it is durable and signed into a checkpoint.</summary>
    public Task<Receipt> RecordAsync(StaffRead read, CancellationToken cancellationToken = default)
    {
        var fields = read.Searched.Select(s => s.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var entry = new AccessEntry(AccessEntry.NewReadId(read.At), read.Action, read.Door, read.Route, read.Case, fields, Commit(read.Searched), read.Purpose, read.Note, read.Records,
            [.. read.Roles.Distinct().Order().Select(Roles.Names.Name)], read.User);
        return ledger.AppendAsync(entry.ToLedgerEntry(read.At), cancellationToken);
    }

    /// <summary>
    /// The commitment of what was searched: <c>sha256:HEX</c> of a fresh salt and the canonical JSON
    /// of the parameters and their values, as a decision commits the identity
    /// (<see cref="CaseIdentity.Commit"/>). The salt is not kept anywhere: the entry proves that a
    /// search with these parameters was made, and no one can test a guessed name against it.
    /// Null when nothing was searched.
    /// </summary>
    public static string? Commit(IReadOnlyList<KeyValuePair<string, string>> searched)
    {
        if (searched.Count == 0)
            return null;
        var json = JsonCanonicalizer.Canonicalize(EntryJson.Object(w =>
        {
            foreach (var (key, value) in searched.GroupBy(s => s.Key, StringComparer.Ordinal).Select(g => g.Last()))
                w.WriteString(key, value);
        }));
        return CaseIdentity.Commit(RandomNumberGenerator.GetBytes(CaseIdentity.SaltLength), json);
    }

    /// <summary>
    /// The access entries recorded from <paramref name="from"/> to <paramref name="to"/> (UTC days,
    /// inclusive), oldest first, found by their day keys (one look-up under the days' common
    /// prefix) rather than by reading the whole ledger.
    /// </summary>
    public static IReadOnlyList<RecordedAccess> Between(TransparencyLog ledger, DateOnly from, DateOnly to)
    {
        var (first, last) = (AccessEntry.DayKey(from), AccessEntry.DayKey(to));
        var common = 0;
        while (common < first.Length && first[common] == last[common])
            common++;
        var found = new List<RecordedAccess>();
        foreach (var (key, index) in ledger.FindKeys(first[..common]))
        {
            if (key.Length < first.Length || string.CompareOrdinal(key, 0, first, 0, first.Length) < 0 || string.CompareOrdinal(key, 0, last, 0, last.Length) > 0)
                continue;
            var entry = ledger.Read(index);
            if (entry.Kind != AccessEntry.Kind)
                throw new LedgerException($"ledger entry {index} is kept under an access key but is a {entry.Kind} entry; run 'comity ledger verify'");
            found.Add(new RecordedAccess(index, entry.RecordedAt, AccessEntry.Read(entry.Body)));
        }
        return found;
    }
}

/// <summary>The kinds of staff read an access entry names (reports.md P8).</summary>
public static class AccessActions
{
    /// <summary>One case (its page, API record, verification, notices, documents, access log, correction form).</summary>
    public const string CaseRead = "case-read";
    /// <summary>The case list filtered without words (status, outcome, act, unit, overdue).</summary>
    public const string CaseList = "case-list";
    /// <summary>The case list searched by words, which find people by name, date of birth and numbers: a purpose is required.</summary>
    public const string IdentitySearch = "identity-search";
    /// <summary>Records taken out: the case list as CSV (every page of it), or a disclosure's cut export. A purpose is required.</summary>
    public const string Export = "export";
    /// <summary>A disclosure's manifest (its cut export is an <see cref="Export"/>).</summary>
    public const string DisclosureRead = "disclosure-read";
    /// <summary>A report: a published version, a file of it, a draft, the compliance report.</summary>
    public const string ReportFetch = "report-fetch";
    /// <summary>The access log or the access audit itself.</summary>
    public const string AuditRead = "audit-read";

    /// <summary>Whether a read of this kind needs a purpose (P8: identity searches and exports).</summary>
    public static bool NeedsPurpose(string action) => action is IdentitySearch or Export;
}
