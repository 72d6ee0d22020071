namespace Comity.Ledger;

/// <summary>
/// What is to be recorded: a kind (<c>decision</c>, <c>review</c>, <c>obligation</c>,
/// <c>disclosure</c>, ...: lower-case letters, digits and hyphens), a JSON body, the time it was
/// recorded (an input, never read from a clock here), and for a correction the index of the
/// entry it corrects. Nothing recorded is ever edited: a correction is a new entry pointing back.
/// </summary>
/// <param name="Body">UTF-8 JSON (I-JSON); it is stored in RFC 8785 canonical form.</param>
public sealed record LedgerEntry(string Kind, ReadOnlyMemory<byte> Body, DateTimeOffset RecordedAt, long? Corrects = null)
{
    /// <summary>
    /// For a content-addressed entry (a file of law, a stack version): the key it is found by with
    /// <see cref="TransparencyLog.Find"/>, such as its content's SHA-256; for an entry found by a
    /// prefix (<see cref="TransparencyLog.FindKeys"/>), such as a staff read under its day
    /// (<c>access:2026-12-07:</c> and a random part). The key is an index kept beside the log, not
    /// part of the entry; the first entry recorded with a key keeps it.
    /// </summary>
    public string? Key { get; init; }
}
