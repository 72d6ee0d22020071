using System.Text;
using System.Text.Json;

namespace Comity.Anchors.Corpus;

/// <summary>
/// A reproducible corpus of contract requests for the Los Angeles subset (the acts of
/// <c>AnchorSubset.LosAngelesActs</c>): a fixed seed; days from 2013 to 2026, so that every
/// rule's effective date falls inside; units of every kind the stack binds differently; every
/// requesting agency, purpose and document; 0 to 2 convictions with codes from the offence tables,
/// their subdivisions and codes no table lists, asserted classes, Proposition 47 reductions and
/// look-back windows on both sides; probable-cause charges; data items with some already public.
///
/// Two limits keep every anchor's encoding exact on it, and are checked nowhere else: codes are
/// written as the tables write them (Comity also ignores case, spaces, dots and §; the anchors
/// compare the text), and no request is received on 29 February (the anchors count N years back
/// as yyyymmdd - N * 10000, which misses Comity's 28 February for that one day).
/// </summary>
/// <remarks>
/// The tests compile this file too (tests/Comity.Tests links it, without depending on the bench
/// projects), so it stands alone: nothing here may use the anchors' other types.
/// </remarks>
public static class LaCorpus
{
    /// <summary>The most convictions, and the most probable-cause charges, a request of the corpus has (<c>AnchorSubset.RecordSlots</c> is this).</summary>
    public const int RecordSlots = 2;

    private static readonly (string Unit, string Kind, int Weight)[] Actors =
    [
        ("lapd", "law-enforcement", 50), ("port-police", "law-enforcement", 8), ("county-jail", "jail", 10),
        ("library", "library", 12), ("lahsa", "shelter", 5), ("dhs-clinic", "health-facility", 5),
        ("lafd", "other-department", 5), ("parking-contractor", "contractor", 5),
    ];

    private static readonly (string Value, int Weight)[] Agencies =
    [
        ("ice-ero", 30), ("ice-hsi", 10), ("cbp", 10), ("uscis", 5), ("usms", 3), ("fbi", 5), ("dea", 2), ("atf", 2),
        ("doj", 5), ("other-federal", 2), ("california-agency", 9), ("california-local", 9), ("out-of-state", 4), ("private", 4),
    ];

    private static readonly (string Value, int Weight)[] Acts =
        [("hold", 20), ("notify-release", 25), ("transfer", 20), ("disclose", 25), ("alpr-search", 10)];

    private static readonly (string Value, int Weight)[] Purposes =
    [
        ("civil-immigration", 40), ("criminal-immigration", 15), ("criminal", 15), ("unknown", 18),
        ("victim-certification", 5), ("firearm-check", 4), ("public-safety-emergency", 3),
    ];

    private static readonly (string Value, int Weight)[] Documents =
    [
        ("none", 6), ("i-247a", 14), ("i-247d", 6), ("i-247n", 6), ("i-247x", 3), ("i-200", 6), ("i-205", 4),
        ("judicial-warrant", 16), ("judicial-probable-cause", 8), ("court-order", 8), ("administrative-subpoena", 7),
        ("grand-jury-subpoena", 4), ("letter", 8), ("ncic-civil-entry", 4),
    ];

    private static readonly (string Value, int Weight)[] Items =
    [
        ("release-date", 20), ("home-address", 12), ("immigration-status", 14), ("citizenship-status", 6), ("criminal-history", 12),
        ("alpr", 8), ("roster", 4), ("place-of-birth", 4), ("work-address", 5), ("contact", 4), ("personal-info", 4),
        ("probation-checkin", 4), ("booking-record", 4),
    ];

    /// <summary>Serious and violent felonies, 7282.5(a)(3) offences, subdivisions of listed codes, and codes no table lists.</summary>
    private static readonly string[] Codes =
    [
        "PC 187", "PC 211", "PC 215", "PC 245(a)(1)", "PC 664/187", "PC 261", "PC 261(a)(2)", "PC 288(a)", "PC 451(a)",
        "PC 12022.7", "PC 203", "PC 207",
        "PC 245", "PC 245(a)(4)", "PC 459", "PC 459(a)", "PC 487", "PC 496", "PC 273.5", "PC 422", "PC 69", "PC 530.5",
        "PC 243.4", "PC 4501", "PC 646.9", "PC 368", "PC 171b", "PC 12022.5", "PC 290", "PC 236", "VC 20001(c)",
        "PC 484", "PC 488", "PC 602", "HS 11350", "HS 11378", "VC 23152", "VC 23153", "VC 10851", "PC 148", "PC 647(f)",
        "PC 594", "PC 12020",
    ];

    private static readonly string[] Classes = ["serious-felony", "violent-felony", "state-prison-felony", "aggravated-felony", "dui-felony"];

    private static readonly DateOnly First = new(2013, 1, 1);
    private static readonly DateOnly Last = new(2026, 12, 31);

    public static IEnumerable<string> Generate(int count, int seed = 8)
    {
        var random = new Random(seed);
        var buffer = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(buffer))
                WriteOne(w, random, i);
            yield return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    public static void Write(Stream output, int count, int seed = 8)
    {
        using var stream = new BufferedStream(output, 1 << 16);
        foreach (var line in Generate(count, seed))
        {
            stream.Write(Encoding.UTF8.GetBytes(line));
            stream.WriteByte((byte)'\n');
        }
    }

    private static void WriteOne(Utf8JsonWriter w, Random r, int i)
    {
        var day = First.AddDays(r.Next(Last.DayNumber - First.DayNumber + 1));
        if (day is { Month: 2, Day: 29 })
            day = day.AddDays(1);
        var act = Pick(r, Acts);
        var actor = Actors[PickIndex(r, Actors.Select(a => a.Weight).ToArray())];
        var document = Pick(r, Documents);
        var judicial = document is "judicial-warrant" or "judicial-probable-cause" or "court-order";

        w.WriteStartObject();
        w.WriteString("id", $"LA-{i:D7}");
        w.WriteString("receivedAt", r.Next(4) == 0 ? $"{day:yyyy-MM-dd}T{r.Next(24):D2}:{r.Next(60):D2}:00-0{7 + r.Next(2)}:00" : $"{day:yyyy-MM-dd}");
        w.WriteString("jurisdiction", "us/ca/los-angeles");
        w.WriteStartObject("actor");
        w.WriteString("unit", actor.Unit);
        w.WriteString("kind", actor.Kind);
        w.WriteEndObject();
        w.WriteStartObject("requester");
        w.WriteString("agency", Pick(r, Agencies));
        w.WriteEndObject();
        w.WriteString("act", act);
        w.WriteString("purpose", Pick(r, Purposes));
        w.WriteStartObject("document");
        w.WriteString("type", document);
        // Judicial documents mostly meet 7284.4(h),(i), sometimes not; other documents rarely claim to.
        w.WriteBoolean("issuedByFederalJudge", judicial ? r.Next(3) != 0 : r.Next(12) == 0);
        w.WriteBoolean("federalCriminalImmigrationLaw", judicial ? r.Next(3) != 0 : r.Next(12) == 0);
        w.WriteBoolean("namesSubject", r.Next(5) != 0);
        w.WriteEndObject();
        if (act == "disclose" || (act == "notify-release" && r.Next(2) == 0))
            WriteData(w, r, act);
        WriteSubject(w, r, day);
        w.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter w, Random r, string act)
    {
        var items = new List<string> { act == "disclose" ? Pick(r, Items) : "release-date" };
        if (act == "disclose")
            for (var extra = r.Next(3); extra > 0; extra--)
            {
                var item = Pick(r, Items);
                if (!items.Contains(item))
                    items.Add(item);
            }
        w.WriteStartArray("data");
        foreach (var item in items)
            w.WriteStringValue(item);
        w.WriteEndArray();
        var open = items.Where(_ => r.Next(6) == 0).ToList();
        if (open.Count == 0)
            return;
        w.WriteStartArray("dataPublic");
        foreach (var item in open)
            w.WriteStringValue(item);
        w.WriteEndArray();
    }

    private static void WriteSubject(Utf8JsonWriter w, Random r, DateOnly received)
    {
        w.WriteStartObject("subject");
        w.WriteBoolean("inCustody", r.Next(10) < 7);
        w.WriteStartArray("convictions");
        for (var c = PickIndex(r, [45, 35, 20]); c > 0; c--)
        {
            var felony = r.Next(3) != 0;
            w.WriteStartObject();
            w.WriteString("code", Codes[r.Next(Codes.Length)]);
            w.WriteString("level", felony ? "felony" : "misdemeanor");
            w.WriteBoolean("wobbler", r.Next(3) == 0);
            // Up to 25 years back, so both look-back windows (5 and 15 years) are crossed.
            w.WriteString("date", received.AddDays(-r.Next(25 * 365)).ToString("yyyy-MM-dd"));
            w.WriteString("jurisdiction", PickIndex(r, [80, 12, 8]) switch { 0 => "ca", 1 => "federal", _ => "other-state" });
            if (r.Next(12) == 0)
                WriteClasses(w, r);
            w.WriteBoolean("reducedByProp47", !felony && r.Next(8) == 0);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("sexArsonRegistrant", r.Next(15) == 0);
        w.WriteBoolean("federalFelonyWarrant", r.Next(15) == 0);
        w.WriteStartArray("magistrateProbableCause");
        for (var c = r.Next(6) == 0 ? 1 + r.Next(RecordSlots) : 0; c > 0; c--)
        {
            w.WriteStartObject();
            w.WriteString("code", Codes[r.Next(Codes.Length)]);
            if (r.Next(10) == 0)
                WriteClasses(w, r);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("reentryAfterAggravatedFelony", r.Next(12) == 0);
        w.WriteBoolean("hateCrimeVictimOrWitnessNotCharged", r.Next(15) == 0);
        w.WriteEndObject();
    }

    private static void WriteClasses(Utf8JsonWriter w, Random r)
    {
        w.WriteStartArray("classes");
        w.WriteStringValue(Classes[r.Next(Classes.Length)]);
        w.WriteEndArray();
    }

    private static string Pick(Random r, (string Value, int Weight)[] choices) => choices[PickIndex(r, choices.Select(c => c.Weight).ToArray())].Value;

    private static int PickIndex(Random r, int[] weights)
    {
        var roll = r.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
            if ((roll -= weights[i]) < 0)
                return i;
        throw new InvalidOperationException("unreachable");
    }
}
