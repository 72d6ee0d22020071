using System.Text;
using System.Text.Json;

namespace Comity.Benchmarks;

/// <summary>
/// A reproducible corpus of contract requests for the demonstration stack: a fixed seed, a spread
/// of acts, documents, dates (before and after each rule took effect), convictions and data items.
/// </summary>
public static class RequestCorpus
{
    private static readonly string[] Acts = ["hold", "notify-release", "transfer", "disclose", "interview", "facility-access"];
    private static readonly string[] Documents = ["i-247a", "i-247d", "i-247n", "i-200", "judicial-warrant", "letter"];
    private static readonly string[] Dates = ["2016-07-01", "2019-03-14", "2024-12-08", "2025-03-14T09:30:00-07:00"];
    private static readonly string[] Codes = ["PC 211", "PC 459", "PC 487", "PC 245(a)(2)", "PC 484", "VC 23152"];
    private static readonly string[] Items = ["release-date", "home-address", "immigration-status", "criminal-history"];

    public static IEnumerable<string> Generate(int count, int seed = 1)
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

    public static int Write(Stream output, int count)
    {
        using var stream = new BufferedStream(output, 1 << 16);
        foreach (var line in Generate(count))
        {
            stream.Write(Encoding.UTF8.GetBytes(line));
            stream.WriteByte((byte)'\n');
        }
        return 0;
    }

    private static void WriteOne(Utf8JsonWriter w, Random r, int i)
    {
        var act = Acts[r.Next(Acts.Length)];
        w.WriteStartObject();
        w.WriteString("id", $"BENCH-{i:D7}");
        w.WriteString("receivedAt", Dates[r.Next(Dates.Length)]);
        w.WriteString("jurisdiction", "demo");
        w.WriteStartObject("actor");
        w.WriteString("unit", "lapd");
        w.WriteString("kind", r.Next(4) == 0 ? "jail" : "law-enforcement");
        w.WriteEndObject();
        w.WriteStartObject("requester");
        w.WriteString("agency", r.Next(3) == 0 ? "cbp" : "ice-ero");
        w.WriteEndObject();
        w.WriteString("act", act);
        w.WriteString("purpose", r.Next(5) == 0 ? "criminal" : "civil-immigration");
        w.WriteStartObject("document");
        w.WriteString("type", Documents[r.Next(Documents.Length)]);
        w.WriteBoolean("issuedByFederalJudge", r.Next(6) == 0);
        w.WriteBoolean("namesSubject", true);
        w.WriteEndObject();
        if (act == "disclose")
        {
            w.WriteStartArray("data");
            var first = r.Next(Items.Length);
            w.WriteStringValue(Items[first]);
            if (r.Next(2) == 0)
                w.WriteStringValue(Items[(first + 1) % Items.Length]);
            w.WriteEndArray();
        }
        if (act == "facility-access")
            w.WriteString("place", "jail");
        w.WriteStartObject("subject");
        w.WriteBoolean("inCustody", true);
        w.WriteStartArray("convictions");
        for (var c = r.Next(3); c > 0; c--)
        {
            w.WriteStartObject();
            w.WriteString("code", Codes[r.Next(Codes.Length)]);
            w.WriteString("level", r.Next(3) == 0 ? "misdemeanor" : "felony");
            w.WriteString("date", $"{2000 + r.Next(16)}-{1 + r.Next(12):D2}-{1 + r.Next(28):D2}");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
