using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Comity.Contract;
using Comity.Ledger;

namespace Comity.Cases.Internal;

/// <summary>
/// <c>subject.identity</c> as JSON, in the contract's property names, written in RFC 8785
/// canonical form (the bytes a commitment hashes) and read back.
/// </summary>
internal static class IdentityJson
{
    public static byte[] Write(SubjectIdentity i)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Text(w, "aNumber", i.ANumber);
            if (i.Attorney is { } a)
            {
                w.WriteStartObject("attorney");
                Text(w, "contact", a.Contact);
                Text(w, "name", a.Name);
                w.WriteEndObject();
            }
            Text(w, "bookingNumber", i.BookingNumber);
            Text(w, "ciiNumber", i.CiiNumber);
            Text(w, "countryOfBirth", i.CountryOfBirth);
            Text(w, "dateOfBirth", i.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Text(w, "fbiNumber", i.FbiNumber);
            Text(w, "gender", i.Gender);
            Text(w, "language", i.Language);
            Text(w, "name", i.Name);
            Text(w, "raceEthnicity", i.RaceEthnicity);
            w.WriteEndObject();
        }
        return JsonCanonicalizer.Canonicalize(buffer.WrittenSpan);
    }

    /// <exception cref="FormatException">when the JSON is not an identity's.</exception>
    public static SubjectIdentity Read(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var e = document.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
                throw new FormatException("a kept identity is a JSON object");
            Attorney? attorney = null;
            if (e.TryGetProperty("attorney", out var a) && a.ValueKind == JsonValueKind.Object)
                attorney = new Attorney { Name = Text(a, "name"), Contact = Text(a, "contact") };
            return new SubjectIdentity
            {
                Name = Text(e, "name"),
                DateOfBirth = Text(e, "dateOfBirth") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                BookingNumber = Text(e, "bookingNumber"),
                CiiNumber = Text(e, "ciiNumber"),
                FbiNumber = Text(e, "fbiNumber"),
                ANumber = Text(e, "aNumber"),
                Language = Text(e, "language"),
                Gender = Text(e, "gender"),
                RaceEthnicity = Text(e, "raceEthnicity"),
                CountryOfBirth = Text(e, "countryOfBirth"),
                Attorney = attorney,
            };
        }
        catch (JsonException x)
        {
            throw new FormatException($"a kept identity is not JSON: {x.Message}", x);
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
