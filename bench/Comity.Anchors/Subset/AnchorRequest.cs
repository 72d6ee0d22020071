using System.Text.Json;
using System.Text.Json.Serialization;

namespace Comity.Anchors.Subset;

/// <summary>
/// A contract request read by a .NET anchor: System.Text.Json into plain records (source
/// generated), then flattened into one <see cref="AnchorFacts"/> per question, as the Node
/// harness does in JavaScript (bench/anchors/node/facts.mjs). No validation: the corpus is valid.
/// </summary>
public sealed record AnchorRequest(string? Id, AnchorFacts[] Questions)
{
    public static AnchorRequest Read(ReadOnlySpan<byte> utf8, OffenceClasses offences)
    {
        var r = JsonSerializer.Deserialize(utf8, RequestJsonContext.Default.RequestJson) ?? throw new JsonException("null request");
        var s = r.Subject ?? new SubjectJson();
        if (s.Custody is not null)
            throw new NotSupportedException("subject.custody: the anchors do not compute the 48 hours of 8 C.F.R. 287.7(d) (see AnchorFacts)");
        var facts = new AnchorFacts
        {
            Act = r.Act,
            Purpose = r.Purpose,
            DocumentType = r.Document.Type,
            RequesterAgency = r.Requester.Agency,
            ActorKind = r.Actor.Kind,
            ActorUnit = r.Actor.Unit,
            Place = r.Place ?? "",
            DocumentIssuedByFederalJudge = r.Document.IssuedByFederalJudge,
            DocumentFederalCriminalImmigrationLaw = r.Document.FederalCriminalImmigrationLaw,
            DocumentNamesSubject = r.Document.NamesSubject,
            DocumentCoversPlace = r.Document.CoversPlace,
            SubjectInCustody = s.InCustody,
            SubjectSexArsonRegistrant = s.SexArsonRegistrant,
            SubjectFederalFelonyWarrant = s.FederalFelonyWarrant,
            SubjectReentryAfterAggravatedFelony = s.ReentryAfterAggravatedFelony,
            SubjectHateCrimeVictimOrWitnessNotCharged = s.HateCrimeVictimOrWitnessNotCharged,
            TaskForcePrimaryPurposeImmigration = r.TaskForce?.PrimaryPurposeImmigration ?? false,
            TaskForceDutiesPrimarilyImmigration = r.TaskForce?.DutiesPrimarilyImmigration ?? false,
            TaskForceDedicatedResources = r.TaskForce?.DedicatedResources ?? false,
            TaskForceFederalMembers = r.TaskForce?.FederalMembers ?? false,
            RequesterFederalParticipation = r.Requester.FederalParticipation == true,
            RequesterFederalParticipationGiven = r.Requester.FederalParticipation is not null,
            Day = AnchorSubset.Day(r.ReceivedAt),
            Convictions = (s.Convictions ?? []).Select(c => new AnchorRecord
            {
                Codes = AnchorRecord.CodesOf(c.Code),
                Classes = offences.Of(c.Code, c.Classes, AnchorSubset.Day(c.Date)),
                Level = c.Level,
                Jurisdiction = c.Jurisdiction ?? "ca",
                Wobbler = c.Wobbler == true,
                WobblerGiven = c.Wobbler is not null,
                ReducedByProp47 = c.ReducedByProp47,
                Juvenile = c.Juvenile == true,
                JuvenileGiven = c.Juvenile is not null,
                Day = AnchorSubset.Day(c.Date),
            }).ToArray(),
            // A charge is classified on the day the request was received (offence tables' periods).
            Charges = (s.MagistrateProbableCause ?? []).Select(c => new AnchorRecord { Codes = AnchorRecord.CodesOf(c.Code), Classes = offences.Of(c.Code, c.Classes, AnchorSubset.Day(r.ReceivedAt)) }).ToArray(),
        };
        if (r.Data is not { Length: > 0 } data)
            return new AnchorRequest(r.Id, [facts]);
        var questions = new AnchorFacts[data.Length];
        for (var i = 0; i < data.Length; i++)
            questions[i] = facts.ForItem(data[i], r.DataPublic is { } pub && Array.IndexOf(pub, data[i]) >= 0, r.DataHeld);
        return new AnchorRequest(r.Id, questions);
    }
}

internal sealed record RequestJson(
    string? Id, string ReceivedAt, string? Jurisdiction, ActorJson Actor, RequesterJson Requester, string Act, string Purpose,
    DocumentJson Document, string[]? Data, string[]? DataPublic, string? Place, TaskForceJson? TaskForce, SubjectJson? Subject,
    string[]? DataHeld = null);

internal sealed record ActorJson(string Unit, string Kind);

internal sealed record RequesterJson(string Agency, string? Office, string? Officer, bool? FederalParticipation = null);

internal sealed record DocumentJson(string Type, bool IssuedByFederalJudge, bool FederalCriminalImmigrationLaw, bool NamesSubject, bool CoversPlace);

internal sealed record TaskForceJson(bool PrimaryPurposeImmigration, bool DutiesPrimarilyImmigration, bool DedicatedResources, bool FederalMembers);

internal sealed record SubjectJson(
    bool InCustody = false, RecordJson[]? Convictions = null, bool SexArsonRegistrant = false, bool FederalFelonyWarrant = false,
    RecordJson[]? MagistrateProbableCause = null, bool ReentryAfterAggravatedFelony = false, bool HateCrimeVictimOrWitnessNotCharged = false,
    JsonElement? Custody = null);

internal sealed record RecordJson(
    string Code, string Level = "", bool? Wobbler = null, string Date = "0000-00-00", string? Jurisdiction = null,
    string[]? Classes = null, bool ReducedByProp47 = false, bool? Juvenile = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RequestJson))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
