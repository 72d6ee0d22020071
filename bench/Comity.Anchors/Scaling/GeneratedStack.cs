using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Comity.Anchors.Scaling;

/// <summary>
/// Stacks of any number of generated rules, for measuring how decision time grows with the rules
/// (bench/sections/engine-scaling), and a corpus for them. Two layers, <c>state</c> and
/// <c>city</c>; every rule names one or two acts, tests two to four other facts (purpose,
/// requester, document, actor kind, a subject flag, now and then a conviction within some years),
/// is in force from a day between 2000 and 2020, binds all units or the law-enforcement ones, and
/// permits, denies or refers. One rule in five is an exception to an earlier rule of its layer
/// that is not itself one, so that exceptions are one level deep, as most law's are. Acts are
/// those that need no data, place or task force, so that every request is one question.
/// </summary>
public static class GeneratedStack
{
    public static readonly IReadOnlyList<string> Acts =
    [
        "hold", "notify-release", "transfer", "interview", "alpr-search", "operational-assistance", "civil-arrest",
        "agreement-287g", "office-space", "detention-contract", "interpreter", "grant-certification",
    ];

    private static readonly string[] Purposes = ["civil-immigration", "criminal-immigration", "criminal", "victim-certification", "unknown"];
    private static readonly string[] Agencies = ["ice-ero", "ice-hsi", "cbp", "uscis", "fbi", "doj", "california-agency", "private"];
    private static readonly string[] Documents = ["none", "i-247a", "i-200", "judicial-warrant", "court-order", "administrative-subpoena", "letter"];
    private static readonly string[] Kinds = ["law-enforcement", "jail", "library", "shelter"];
    private static readonly string[] Flags = ["subject.inCustody", "subject.sexArsonRegistrant", "subject.reentryAfterAggravatedFelony", "document.issuedByFederalJudge", "document.namesSubject"];
    private static readonly string[] Effects = ["permit", "permit", "deny", "refer"];

    public static void Write(string directory, int rules, int seed = 10)
    {
        var r = new Random(seed);
        Directory.CreateDirectory(Path.Combine(directory, "state"));
        Directory.CreateDirectory(Path.Combine(directory, "city"));
        File.WriteAllText(Path.Combine(directory, "stack.law"),
            $"stack generated/{rules}\n  title \"{rules} generated rules (benchmarks only)\"\n  layers state, city\n");
        var layers = new[] { new StringBuilder(), new StringBuilder() };
        var plain = new[] { new List<string>(), new List<string>() };
        for (var i = 0; i < rules; i++)
        {
            var layer = i % 2;
            var id = $"gen.{(layer == 0 ? "state" : "city")}.r{i:D5}";
            var s = layers[layer];
            s.AppendLine($"rule {id}");
            s.AppendLine($"  cites \"Generated rule {i}\"");
            s.AppendLine("  source primary");
            s.AppendLine($"  effective from {new DateOnly(2000, 1, 1).AddDays(r.Next(20 * 365)):yyyy-MM-dd}");
            s.AppendLine(r.Next(3) == 0 ? "  binds law-enforcement, jail" : "  binds all");
            if (plain[layer].Count > 0 && r.Next(5) == 0)
                s.AppendLine($"  exception to {plain[layer][r.Next(plain[layer].Count)]}");
            else
                plain[layer].Add(id);
            s.AppendLine($"  when {Condition(r)}");
            s.AppendLine($"  effect {Effects[r.Next(Effects.Length)]}");
            s.AppendLine("  text \"Generated for the scaling benchmark.\"");
            s.AppendLine();
        }
        File.WriteAllText(Path.Combine(directory, "state", "rules.law"), layers[0].ToString());
        File.WriteAllText(Path.Combine(directory, "city", "rules.law"), layers[1].ToString());
    }

    private static string Condition(Random r)
    {
        var tests = new List<string> { OneOf("act", Acts, r, 2) };
        var candidates = new List<Func<string>>
        {
            () => OneOf("purpose", Purposes, r, 2),
            () => OneOf("requester.agency", Agencies, r, 3),
            () => OneOf("document.type", Documents, r, 2),
            () => OneOf("actor.kind", Kinds, r, 2),
            () => (r.Next(2) == 0 ? "not " : "") + Flags[r.Next(Flags.Length)],
            () => $"any conviction (level is felony and within {5 + r.Next(11)} years)",
        };
        for (var n = 1 + r.Next(3); n > 0; n--)
        {
            var k = r.Next(candidates.Count);
            tests.Add(candidates[k]());
            candidates.RemoveAt(k);
        }
        return string.Join("\n   and ", tests);
    }

    private static string OneOf(string fact, IReadOnlyList<string> values, Random r, int most)
    {
        var chosen = values.OrderBy(_ => r.Next()).Take(1 + r.Next(most)).ToList();
        return chosen.Count == 1 ? $"{fact} is {chosen[0]}" : $"{fact} is one of {string.Join(", ", chosen)}";
    }

    /// <summary>Requests over the same facts, received between 2015 and 2026, with up to two convictions.</summary>
    public static IEnumerable<string> Corpus(int count, int seed = 11)
    {
        var r = new Random(seed);
        var first = new DateOnly(2015, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var day = first.AddDays(r.Next(12 * 365));
            if (day is { Month: 2, Day: 29 })
                day = day.AddDays(1);
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("id", $"GEN-{i:D6}");
                w.WriteString("receivedAt", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteStartObject("actor");
                w.WriteString("unit", "unit-" + r.Next(4));
                w.WriteString("kind", Kinds[r.Next(Kinds.Length)]);
                w.WriteEndObject();
                w.WriteStartObject("requester");
                w.WriteString("agency", Agencies[r.Next(Agencies.Length)]);
                w.WriteEndObject();
                w.WriteString("act", Acts[r.Next(Acts.Count)]);
                w.WriteString("purpose", Purposes[r.Next(Purposes.Length)]);
                w.WriteStartObject("document");
                w.WriteString("type", Documents[r.Next(Documents.Length)]);
                w.WriteBoolean("issuedByFederalJudge", r.Next(2) == 0);
                w.WriteBoolean("namesSubject", r.Next(2) == 0);
                w.WriteEndObject();
                w.WriteStartObject("subject");
                w.WriteBoolean("inCustody", r.Next(2) == 0);
                w.WriteBoolean("sexArsonRegistrant", r.Next(4) == 0);
                w.WriteBoolean("reentryAfterAggravatedFelony", r.Next(4) == 0);
                w.WriteStartArray("convictions");
                for (var c = r.Next(3); c > 0; c--)
                {
                    w.WriteStartObject();
                    w.WriteString("code", "PC 211");
                    w.WriteString("level", r.Next(2) == 0 ? "felony" : "misdemeanor");
                    w.WriteString("date", day.AddDays(-r.Next(20 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            yield return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
