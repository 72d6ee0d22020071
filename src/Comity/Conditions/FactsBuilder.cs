using Comity.Contract;
using Comity.Law;

namespace Comity.Conditions;

/// <summary>Flattens a request into <see cref="RequestFacts"/>, classifying each offence once.</summary>
internal static class FactsBuilder
{
    /// <summary>Fills <paramref name="f"/> (a decision's scratch, reused) with the facts of <paramref name="r"/>.</summary>
    public static void Build(DecisionRequest r, OffenceIndex offences, RequestFacts f)
    {
        f.Day = r.ReceivedOn;
        f.Unit = r.Actor.Unit;
        f.Kind = r.Actor.Kind;
        f.Bools = 0;
        f.Given = 0;
        f.Enums[(int)FactId.Act] = (int)r.Act;
        f.Enums[(int)FactId.Purpose] = (int)r.Purpose;
        f.Enums[(int)FactId.DocumentType] = (int)r.Document.Type;
        f.Enums[(int)FactId.Agency] = (int)r.Requester.Agency;
        f.Enums[(int)FactId.ActorKind] = (int)r.Actor.Kind;
        f.Enums[(int)FactId.ActorUnit] = RequestFacts.Absent; // units are matched by name: RequestFacts.Unit
        f.Enums[(int)FactId.Place] = r.Place is { } place ? (int)place : RequestFacts.Absent;
        f.Enums[(int)FactId.Item] = RequestFacts.Absent;
        f.Enums[(int)FactId.Outcome] = RequestFacts.Absent;
        f.Unknown = 0;
        f.SetUnknowable(FactId.DocumentCourt, (int?)r.Document.Court);
        f.SetUnknowable(FactId.PlaceArea, (int?)r.PlaceArea);
        f.SetUnknowable(FactId.ActorRole, (int?)r.Actor.Role);
        f.SetUnknowable(FactId.Agreement287g, (int?)r.Actor.Agreement287g);
        f.SetUnknowable(FactId.SubjectRole, (int?)r.Subject.Role);
        f.Set(FactId.AdministrativeWarrantAttached, r.Document.AdministrativeWarrantAttached);
        f.Set(FactId.ServedOnSubject, r.Document.ServedOnSubject);
        f.Set(FactId.FederalParticipation, r.Requester.FederalParticipation);
        f.Set(FactId.IssuedByFederalJudge, r.Document.IssuedByFederalJudge);
        f.Set(FactId.FederalCriminalImmigrationLaw, r.Document.FederalCriminalImmigrationLaw);
        f.Set(FactId.NamesSubject, r.Document.NamesSubject);
        f.Set(FactId.CoversPlace, r.Document.CoversPlace);
        var s = r.Subject;
        f.Set(FactId.InCustody, s.InCustody);
        f.Set(FactId.SexArsonRegistrant, s.SexArsonRegistrant);
        f.Set(FactId.FederalFelonyWarrant, s.FederalFelonyWarrant);
        f.Set(FactId.ReentryAfterAggravatedFelony, s.ReentryAfterAggravatedFelony);
        f.Set(FactId.HateCrimeVictimOrWitnessNotCharged, s.HateCrimeVictimOrWitnessNotCharged);
        f.Set(FactId.PastRelease, CustodyClock.PastRelease(r));
        f.Set(FactId.Past48Hours, CustodyClock.Past48Hours(r));
        f.Set(FactId.CitizenshipProof, s.CitizenshipProof);
        f.Set(FactId.InterviewFormServed, s.InterviewConsent?.FormServed);
        f.Set(FactId.InterviewConsented, s.InterviewConsent?.Consented);
        f.Set(FactId.InterviewAttorneyPresent, s.InterviewConsent?.AttorneyPresent);
        // A task force's prongs are all required when it is given; without one they read false, as in v1.
        if (r.TaskForce is { } t)
        {
            f.Set(FactId.PrimaryPurposeImmigration, t.PrimaryPurposeImmigration);
            f.Set(FactId.DutiesPrimarilyImmigration, t.DutiesPrimarilyImmigration);
            f.Set(FactId.DedicatedResources, t.DedicatedResources);
            f.Set(FactId.FederalMembers, t.FederalMembers);
        }
        f.Convictions = [];
        f.Charges = [];
        if (s.Convictions.Count > 0)
        {
            f.Convictions = f.ConvictionArray(s.Convictions.Count);
            for (var i = 0; i < f.Convictions.Length; i++)
            {
                var c = s.Convictions[i];
                f.Convictions[i] = new(c.Code, c.Level, c.Jurisdiction, c.Wobbler, c.ReducedByProp47, c.Date, offences.Classify(c.Code, c.Classes), c.Juvenile);
            }
        }
        if (s.MagistrateProbableCause.Count > 0)
        {
            f.Charges = f.ChargeArray(s.MagistrateProbableCause.Count);
            for (var i = 0; i < f.Charges.Length; i++)
            {
                var c = s.MagistrateProbableCause[i];
                f.Charges[i] = new(c.Code, offences.Classify(c.Code, c.Classes));
            }
        }
    }

    /// <summary>
    /// Points the facts at one data item (or at none, for acts that ask for no data). <c>item.held</c>
    /// is unknown when the request has no <c>dataHeld</c>, and false when no item is asked for.
    /// </summary>
    public static void SetItem(RequestFacts f, DecisionRequest r, DataItem? item)
    {
        f.Enums[(int)FactId.Item] = item is { } i ? (int)i : RequestFacts.Absent;
        f.Set(FactId.ItemPublic, item is { } j && r.DataPublic.Contains(j));
        f.Set(FactId.ItemHeld, item is not { } k ? false : r.DataHeld is { } held ? held.Contains(k) : null);
    }
}
