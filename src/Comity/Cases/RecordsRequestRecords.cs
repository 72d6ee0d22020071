using Comity.Contract;

namespace Comity.Cases;

/// <summary>What an agency determined on a records request (Gov. Code 7922.535(a)): the records asked for are disclosable, partly, not held, or exempt.</summary>
public enum RecordsDetermination { Disclosable, PartlyDisclosable, NoneHeld, Exempt }

/// <summary>The unusual circumstances that allow an extension (Gov. Code 7922.535(c), as the lead's reading of it lists them).</summary>
public enum RecordsExtensionReason { FieldFacilities, VoluminousRecords, ConsultationWithAnotherAgency, CompilingData }

/// <summary>The spellings of a records request's vocabularies, as the ledger, the API and the database write them.</summary>
public static class RecordsVocabularies
{
    public static readonly Vocabulary<RecordsDetermination> Determinations = new("determination",
        "disclosable", "partly-disclosable", "none-held", "exempt");
    public static readonly Vocabulary<RecordsExtensionReason> ExtensionReasons = new("extension reason",
        "field-facilities", "voluminous-records", "consultation-with-another-agency", "compiling-data");
}

/// <summary>The kinds of ledger entry of a records request.</summary>
public static class RecordsEntryKinds
{
    public const string Request = "records-request";
    public const string Extension = "records-extension";
    public const string Determination = "records-determination";
}

/// <summary>
/// Who asked and what for, as given: kept in the case database only (a member of the public's
/// name and words), committed in the ledger by <see cref="Commitment"/> (<c>sha256:HEX</c> of
/// salt || <see cref="Json"/>), as a case's identity is.
/// </summary>
public sealed record RecordsParticulars(string Asked, string Requester, byte[] Json, byte[] Salt, string Commitment);

/// <summary>
/// A records request as the case database keeps it. <see cref="Id"/> is the ledger index of its
/// <c>records-request</c> entry. <see cref="DueAt"/> is when the determination is due (UTC; after
/// an extension, the extended time; null where the stack's law sets no time); <see cref="FirstDueAt"/>
/// the time before any extension. <see cref="Asked"/> and <see cref="Requester"/> are the case
/// store's alone (null when it no longer keeps them).
/// </summary>
public sealed record RecordsRequestSummary(
    long Id, string Jurisdiction, string Unit, string ReceivedAt, DateTimeOffset? FirstDueAt, DateTimeOffset? DueAt,
    IReadOnlyList<string> Cites, string? Determination, string RecordedBy, DateTimeOffset RecordedAt)
{
    public bool Open => Determination is null;

    /// <summary>Open and past its due time at <paramref name="now"/>.</summary>
    public bool OverdueAt(DateTimeOffset now) => Open && DueAt is { } due && due < now;
}

/// <summary>A records request with what was asked, by whom (as given) and its entries in ledger order.</summary>
public sealed record RecordsRequestDetail(RecordsRequestSummary Summary, string? Asked, string? Requester, IReadOnlyList<CaseEvent> Events);
