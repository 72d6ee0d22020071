using Comity.Contract;

namespace Comity.Reports.Counting;

/// <summary>C0: which recorded requests a report counts, and why the others are left out (the methods section counts them by reason).</summary>
public static class Scope
{
    public const string Voided = "voided";
    public const string OwnArrest = "own-arrest";
    public const string NotImmigrationAuthority = "not-from-an-immigration-authority";
    public const string NotImmigrationPurpose = "not-an-immigration-purpose";
    public const string NotLawEnforcementOrJail = "not-a-law-enforcement-or-jail-unit";

    /// <summary>Null when <paramref name="row"/> counts; otherwise why not. <paramref name="lawEnforcementOnly"/>: R1 and R2 (Gov. Code 7283(e)); R3 covers every city unit.</summary>
    public static string? Excluded(in RequestRow row, bool lawEnforcementOnly)
    {
        if (row.Has(RowFlags.Voided))
            return Voided;
        if ((Act)row.Act == Act.OwnArrest)
            return OwnArrest;
        var agency = (Agency)row.Agency;
        if (agency is not (Agency.IceEro or Agency.IceHsi or Agency.Cbp or Agency.Uscis) && !row.Has(RowFlags.FederalParticipation))
            return NotImmigrationAuthority;
        if ((Purpose)row.Purpose is not (Purpose.CivilImmigration or Purpose.CriminalImmigration or Purpose.Unknown))
            return NotImmigrationPurpose;
        if (lawEnforcementOnly && (ActorKind)row.UnitKind is not (ActorKind.LawEnforcement or ActorKind.Jail))
            return NotLawEnforcementOrJail;
        return null;
    }

    /// <summary>The key C1 counts individuals by: the person key, or the request itself when it names no one.</summary>
    public static ulong Person(in RequestRow row) => row.Has(RowFlags.HasIdentity) ? row.PersonKey : (1UL << 63) | (ulong)row.Ledger;

    /// <summary>C3: the one disposition of a request at the end of a period (minutes, inclusive), first rule that matches.</summary>
    public static Disposition DispositionAt(in RequestRow row, int end)
    {
        static bool Done(int at, int end) => at != 0 && at <= end;
        var act = (Act)row.Act;
        if (Done(row.TransferredAt, end))
            return Disposition.Transferred;
        if (act == Act.Interview && Done(row.InterviewAt, end))
            return row.Has(RowFlags.InterviewWithAttorney) ? Disposition.InterviewWithAttorney : Disposition.InterviewWithoutAttorney;
        var reviewed = row.ReviewOutcome != RequestRow.None && Done(row.ReviewedAt, end);
        var effective = reviewed ? (Outcome)row.ReviewOutcome : (Outcome)row.Decided;
        if (act == Act.Interview && effective is Outcome.Permit or Outcome.MustComply && row.Has(ConsentFlags.ConsentedKnown) && !row.Has(ConsentFlags.Consented))
            return Disposition.DeclinedByPerson;
        if (Done(row.RespondedAt, end))
            return Disposition.Responded;
        if (effective == Outcome.Deny && row.StateOutcome == (byte)Outcome.Deny)
            return Disposition.NotPermittedByStateLaw;
        // A deny that state law did not make is the City's: a lower layer's, or counsel's override.
        if (effective == Outcome.Deny || Done(row.DeclinedAt, end))
            return Disposition.DeclinedByLocalPolicy;
        if (effective == Outcome.ReferToCounsel && !reviewed)
            return Disposition.AwaitingCounsel;
        if (Done(row.ReleasedAt, end))
            return Disposition.ReleasedBeforeAction;
        return Disposition.PendingAtPeriodEnd;
    }
}
