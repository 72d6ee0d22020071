using System.Runtime.InteropServices;

namespace Comity.Reports;

/// <summary>
/// One request as the reports see it (reports.md section 10): one narrow row per recorded
/// decision, holding only what the counting rules read, its effective state after corrections,
/// reviews, actions and voids. Times are whole minutes since 2000-01-01T00:00Z (0: none); codes
/// are indexes into the contract's vocabularies and the stack's report mapping. No identity is
/// kept: the person is a keyed hash (<see cref="PersonKey"/>) and the demographic codes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct RequestRow
{
    public const byte None = byte.MaxValue;

    /// <summary>The decision entry's ledger index: the row's identity, and the case's link.</summary>
    public long Ledger;

    /// <summary>HMAC-SHA-256 of the person's strongest identifier under the reports' key (first 8 bytes); 0 without identity.</summary>
    public ulong PersonKey;

    /// <summary>When the request was received, and the local calendar day it belongs to (DateOnly.DayNumber in the mapping's zone).</summary>
    public int ReceivedAt;
    public int LocalDay;

    public short Unit;          // index into ReportMapping.Units
    public byte UnitKind;       // ActorKind
    public byte Act;            // Act
    public byte Agency;         // Agency
    public byte Purpose;        // Purpose
    public byte Decided;        // Outcome of the decision (after corrections)
    public byte StateOutcome;   // Outcome of the state layer, None when no rule applied
    public byte ReviewOutcome;  // Outcome of counsel's latest review, None when none
    public byte Flags;          // RowFlags
    public int ReviewedAt;

    public int TransferredAt;
    public int InterviewAt;
    public int RespondedAt;     // notified, information-given, or a disclosure to the requester
    public int NotifiedAt;
    public int DeclinedAt;
    public int ReleasedAt;
    public byte ReceivingAgency;
    public byte ConsentFlags;   // ConsentFlags
    public byte FormLanguage;   // index into ConsentLanguages, None when no form was served
    public byte OffenceCategory; // index into the mapping's categories; OtherCategory, NoOffence

    public byte Gender;
    public byte Race;
    public byte AgeBand;
    public byte NoticesDue;     // bit i: the mapping's notice i is due

    public ushort Country;      // ISO 3166-1 alpha-2 packed as two bytes, 0 when not recorded
    public byte LegalBasis;     // Sb54.LegalBasis for transfers
    public byte Reserved;

    public int Served0;
    public int Served1;
    public int Served2;

    public const byte OtherCategory = 254;
    public const byte NoOffence = 255;

    public readonly bool Has(RowFlags f) => (Flags & (byte)f) != 0;
    public void Set(RowFlags f, bool on = true) => Flags = on ? (byte)(Flags | (byte)f) : (byte)(Flags & ~(byte)f);
    public readonly bool Has(ConsentFlags f) => (ConsentFlags & (byte)f) != 0;

    public readonly int Served(int notice) => notice switch { 0 => Served0, 1 => Served1, 2 => Served2, _ => 0 };

    public void SetServed(int notice, int at)
    {
        switch (notice)
        {
            case 0: Served0 = at; break;
            case 1: Served1 = at; break;
            case 2: Served2 = at; break;
        }
    }
}

[Flags]
public enum RowFlags : byte
{
    Voided = 1,
    FederalParticipation = 2,
    LowerLayerDenies = 4,
    HasIdentity = 8,
    InterviewWithAttorney = 16,
    Disclosed = 32,
    Referred = 64,
}

[Flags]
public enum ConsentFlags : byte
{
    FormServedKnown = 1,
    FormServed = 2,
    ConsentedKnown = 4,
    Consented = 8,
    AttorneyPresent = 16,
}

/// <summary>Whole minutes since 2000-01-01T00:00Z: small enough for a narrow row, fine enough for hours to service.</summary>
public static class RowTime
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static int Of(DateTimeOffset t) => Math.Max(1, (int)Math.Clamp((t - Epoch).TotalMinutes, 1, int.MaxValue));

    public static DateTimeOffset At(int minutes) => Epoch.AddMinutes(minutes);
}
