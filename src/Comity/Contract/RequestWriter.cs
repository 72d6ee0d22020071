using System.Text.Json;

namespace Comity.Contract;

/// <summary>
/// Writes a request as contract v1 JSON, leaving out every property that holds its default
/// (false, empty, absent), so that a request built in code (a witness of <c>comity check</c>)
/// reads as short as a person would write it. <see cref="RequestReader"/> reads it back unchanged.
/// </summary>
public static class RequestWriter
{
    public static void Write(Utf8JsonWriter w, DecisionRequest r)
    {
        w.WriteStartObject();
        if (r.Id is not null)
            w.WriteString("id"u8, r.Id);
        w.WriteString("receivedAt"u8, r.ReceivedAt);
        if (r.Jurisdiction is not null)
            w.WriteString("jurisdiction"u8, r.Jurisdiction);
        w.WriteStartObject("actor"u8);
        w.WriteString("unit"u8, r.Actor.Unit);
        w.WriteString("kind"u8, Vocabularies.ActorKinds.Name(r.Actor.Kind));
        w.WriteEndObject();
        w.WriteStartObject("requester"u8);
        w.WriteString("agency"u8, Vocabularies.Agencies.Name(r.Requester.Agency));
        if (r.Requester.Office is not null)
            w.WriteString("office"u8, r.Requester.Office);
        if (r.Requester.Officer is not null)
            w.WriteString("officer"u8, r.Requester.Officer);
        w.WriteEndObject();
        w.WriteString("act"u8, Vocabularies.Acts.Name(r.Act));
        w.WriteString("purpose"u8, Vocabularies.Purposes.Name(r.Purpose));
        w.WriteStartObject("document"u8);
        w.WriteString("type"u8, Vocabularies.DocumentTypes.Name(r.Document.Type));
        True(w, "issuedByFederalJudge"u8, r.Document.IssuedByFederalJudge);
        True(w, "federalCriminalImmigrationLaw"u8, r.Document.FederalCriminalImmigrationLaw);
        True(w, "namesSubject"u8, r.Document.NamesSubject);
        True(w, "coversPlace"u8, r.Document.CoversPlace);
        w.WriteEndObject();
        Items(w, "data"u8, r.Data);
        Items(w, "dataPublic"u8, r.DataPublic);
        if (r.Place is { } place)
            w.WriteString("place"u8, Vocabularies.Places.Name(place));
        if (r.TaskForce is { } t)
        {
            w.WriteStartObject("taskForce"u8);
            w.WriteBoolean("primaryPurposeImmigration"u8, t.PrimaryPurposeImmigration);
            w.WriteBoolean("dutiesPrimarilyImmigration"u8, t.DutiesPrimarilyImmigration);
            w.WriteBoolean("dedicatedResources"u8, t.DedicatedResources);
            w.WriteBoolean("federalMembers"u8, t.FederalMembers);
            w.WriteEndObject();
        }
        WriteSubject(w, r.Subject);
        w.WriteEndObject();
    }

    public static string ToJson(DecisionRequest r, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, indented ? AnswerWriter.Indented : AnswerWriter.Compact))
            Write(w, r);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSubject(Utf8JsonWriter w, Subject s)
    {
        if (!s.InCustody && !s.SexArsonRegistrant && !s.FederalFelonyWarrant && !s.ReentryAfterAggravatedFelony
            && !s.HateCrimeVictimOrWitnessNotCharged && s.Convictions.Count == 0 && s.MagistrateProbableCause.Count == 0)
            return;
        w.WriteStartObject("subject"u8);
        True(w, "inCustody"u8, s.InCustody);
        if (s.Convictions.Count > 0)
        {
            w.WriteStartArray("convictions"u8);
            foreach (var c in s.Convictions)
            {
                w.WriteStartObject();
                w.WriteString("code"u8, c.Code);
                w.WriteString("level"u8, Vocabularies.Levels.Name(c.Level));
                True(w, "wobbler"u8, c.Wobbler);
                w.WriteString("date"u8, c.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("jurisdiction"u8, Vocabularies.ConvictionJurisdictions.Name(c.Jurisdiction));
                Classes(w, c.Classes);
                True(w, "reducedByProp47"u8, c.ReducedByProp47);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        True(w, "sexArsonRegistrant"u8, s.SexArsonRegistrant);
        True(w, "federalFelonyWarrant"u8, s.FederalFelonyWarrant);
        if (s.MagistrateProbableCause.Count > 0)
        {
            w.WriteStartArray("magistrateProbableCause"u8);
            foreach (var c in s.MagistrateProbableCause)
            {
                w.WriteStartObject();
                w.WriteString("code"u8, c.Code);
                Classes(w, c.Classes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        True(w, "reentryAfterAggravatedFelony"u8, s.ReentryAfterAggravatedFelony);
        True(w, "hateCrimeVictimOrWitnessNotCharged"u8, s.HateCrimeVictimOrWitnessNotCharged);
        w.WriteEndObject();
    }

    private static void True(Utf8JsonWriter w, ReadOnlySpan<byte> name, bool value)
    {
        if (value)
            w.WriteBoolean(name, true);
    }

    private static void Items(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<DataItem> items)
    {
        if (items.Count == 0)
            return;
        w.WriteStartArray(name);
        foreach (var i in items)
            w.WriteStringValue(Vocabularies.DataItems.Name(i));
        w.WriteEndArray();
    }

    private static void Classes(Utf8JsonWriter w, IReadOnlyList<OffenceClass> classes)
    {
        if (classes.Count == 0)
            return;
        w.WriteStartArray("classes"u8);
        foreach (var c in classes)
            w.WriteStringValue(Vocabularies.OffenceClasses.Name(c));
        w.WriteEndArray();
    }
}
