using Comity.Contract;

namespace Comity.Recording;

/// <summary>
/// Why staff read, searched or exported (reports.md P8): work on the case, counsel's review, a
/// public records request, an audit, a report, or something else said in a note.
/// </summary>
public enum AccessPurpose { CaseWork, CounselReview, RecordsRequest, Audit, Report, Other }

/// <summary>
/// The purpose a caller gave with a read (<c>purpose</c>, and <c>note</c> for <c>other</c>), checked
/// once for every door. A purpose is required for an identity search and an export; the note goes
/// into the ledger, so it is held to the rule of a public note (<see cref="PublicNote"/>): it may not
/// repeat what was searched nor hold anything shaped like personal data.
/// </summary>
public static class AccessPurposes
{
    public static readonly Vocabulary<AccessPurpose> Names = new("purpose", "case-work", "counsel-review", "records-request", "audit", "report", "other");

    /// <summary>The query parameters a purpose is given in.</summary>
    public const string PurposeParameter = "purpose";
    public const string NoteParameter = "note";

    /// <summary>The longest note kept.</summary>
    public const int MaxNoteLength = 200;

    /// <summary>
    /// The purpose and note as given (each null when absent or blank), or what is wrong and with
    /// which parameter. <paramref name="searched"/> are the words a note may not repeat.
    /// </summary>
    public static AccessPurposeCheck Check(string? purpose, string? note, bool required, SubjectIdentityWords searched)
    {
        purpose = string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim();
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (purpose is null)
        {
            if (required)
                return AccessPurposeCheck.Fail(PurposeParameter, $"purpose: say why you search or export: {Names.Expected} (with a note for other)");
            return note is null ? AccessPurposeCheck.None : AccessPurposeCheck.Fail(PurposeParameter, "purpose: a note goes with a purpose; give the purpose too");
        }
        if (!Names.TryParse(purpose, out var p))
            return AccessPurposeCheck.Fail(PurposeParameter, $"purpose: expected {Names.Expected}");
        if (note is null)
            return p == AccessPurpose.Other ? AccessPurposeCheck.Fail(NoteParameter, "note: the purpose other needs a note saying what it is") : new(p, null, null, null);
        if (note.Length > MaxNoteLength)
            return AccessPurposeCheck.Fail(NoteParameter, $"note: at most {MaxNoteLength} characters");
        if (PublicNote.Problem(note, searched) is { } problem)
            return AccessPurposeCheck.Fail(NoteParameter, "note: " + problem.Replace("a public note", "the note", StringComparison.Ordinal)
                .Replace("(it is published with the reports)", "(it is kept in the ledger)", StringComparison.Ordinal));
        return new(p, note, null, null);
    }

    /// <summary>The words of searched values a note may not repeat: each word of three letters or more, lower-case.</summary>
    public static SubjectIdentityWords WordsOf(IEnumerable<string> values) => new([.. values
        .SelectMany(v => v.ToLowerInvariant().Split([' ', '-', ',', '.', '\'', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Where(w => w.Length >= 3).Distinct()]);
}

/// <summary>A purpose and note as checked; <see cref="Parameter"/> and <see cref="Problem"/> say what was wrong.</summary>
public sealed record AccessPurposeCheck(AccessPurpose? Purpose, string? Note, string? Parameter, string? Problem)
{
    public static readonly AccessPurposeCheck None = new(null, null, null, null);

    public static AccessPurposeCheck Fail(string parameter, string problem) => new(null, null, parameter, problem);

    public bool Ok => Problem is null;
}
