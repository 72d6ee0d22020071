using System.Text;
using Comity.Cases;
using Comity.Ledger;

namespace Comity.Recording;

/// <summary>One ledger entry as the ledger page lists it: its index, kind, time, who recorded it and the case it belongs to (if any).</summary>
public sealed record LedgerLine(long Index, string Kind, DateTimeOffset RecordedAt, string Actor, long? CaseId);

/// <summary>A page of the ledger, newest first; <see cref="Older"/> is where the next page starts (null at the first entry).</summary>
/// <param name="Scanned">How many entries were read to fill the page (a filter may skip many).</param>
public sealed record LedgerPage(IReadOnlyList<LedgerLine> Lines, long Size, long? Older, long Scanned);

/// <summary>
/// Browses the ledger newest first, by kind and by who recorded the entries (one person's activity).
/// A page reads at most <see cref="MaxScan"/> entries, so a rare kind is found a stretch of the
/// ledger at a time rather than in one long read; the page says where to go on.
/// </summary>
public sealed class LedgerBrowser(TransparencyLog ledger, CaseStore cases)
{
    public const int PageSize = 50;
    public const int MaxScan = 20_000;

    /// <summary>The known kinds of entry, for a filter.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        CaseEventKinds.Decision, CaseEventKinds.Correction, CaseEventKinds.Referral, CaseEventKinds.Review, CaseEventKinds.Obligation,
        CaseEventKinds.Action, CaseEventKinds.Void, CaseEventKinds.Notice, CaseEventKinds.Document,
        "disclosure", "stack", "law-file", "report-input", "attestation", "report", Entries.AccessEntry.Kind,
    ];

    /// <param name="before">The page holds entries before this index (null: from the newest).</param>
    public LedgerPage Browse(string? kind, string? actor, long? before)
    {
        var size = ledger.Size;
        var start = Math.Min(before ?? size, size) - 1;
        var kindMark = string.IsNullOrEmpty(kind) ? null : Encoding.UTF8.GetBytes($"\"kind\":\"{kind}\"");
        var lines = new List<LedgerLine>();
        long scanned = 0, i = start;
        for (; i >= 0 && lines.Count < PageSize && scanned < MaxScan; i--, scanned++)
        {
            var entry = ledger.Read(i);
            // Most entries are of other kinds: only those that can match are parsed.
            if (kindMark is not null && entry.Canonical.AsSpan().IndexOf(kindMark) < 0)
                continue;
            if (kind is not null && kindMark is not null && entry.Kind != kind)
                continue;
            var by = EntryActor.Of(entry.Body);
            if (!string.IsNullOrEmpty(actor) && !string.Equals(by, actor, StringComparison.OrdinalIgnoreCase))
                continue;
            lines.Add(new LedgerLine(entry.Index, entry.Kind, entry.RecordedAt, by, CaseOf(entry)));
        }
        return new LedgerPage(lines, size, i >= 0 ? i + 1 : null, scanned);
    }

    private long? CaseOf(RecordedEntry entry)
    {
        var body = entry.Body;
        if (body.ValueKind == System.Text.Json.JsonValueKind.Object && body.TryGetProperty("case", out var c)
            && c.ValueKind == System.Text.Json.JsonValueKind.Number && c.TryGetInt64(out var id))
            return id;
        return entry.Kind == CaseEventKinds.Decision ? cases.FindByLedgerIndex(entry.Index) : null;
    }
}
