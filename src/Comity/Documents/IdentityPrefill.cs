using System.Globalization;

namespace Comity.Documents;

/// <summary>A value read from a form, offered for one fact of <c>subject.identity</c>, and the field it came from.</summary>
/// <param name="Fact">The identity's property, as the contract names it: <c>name</c>, <c>dateOfBirth</c>, <c>aNumber</c>, ...</param>
public sealed record PrefillValue(string Fact, string Value, string FromField);

/// <summary>
/// Which fields of a filled form say who the person is, offered to prefill the intake form: the
/// clerk sees each value with the field it came from and confirms it on the check step, so a
/// wrong match costs a correction before recording, never a wrong record. Field names are matched
/// by their letters and digits only, case aside, against the names such forms use for the person;
/// the names DHS's fillable forms give their fields are not published, so the list holds the
/// usual names and is extended as forms arrive, never guessed per document.
/// </summary>
public static class IdentityPrefill
{
    /// <summary>Each identity fact and the field names (letters and digits, lower case) that carry it.</summary>
    public static readonly IReadOnlyList<(string Fact, string[] Names)> Names =
    [
        ("name", ["name", "fullname", "subjectname", "nameofsubject", "alienname", "nameofalien", "detaineename", "personname"]),
        ("dateOfBirth", ["dob", "dateofbirth", "birthdate", "subjectdob", "aliendob"]),
        ("aNumber", ["anumber", "ano", "aliennumber", "alienregistrationnumber", "afilenumber", "afile"]),
        ("bookingNumber", ["bookingnumber", "bookingno", "booking"]),
        ("fbiNumber", ["fbinumber", "fbino", "fbi"]),
        ("ciiNumber", ["ciinumber", "ciino", "cii", "sidnumber"]),
    ];

    public static IReadOnlyList<PrefillValue> From(IReadOnlyList<FormField> fields)
    {
        var found = new List<PrefillValue>();
        foreach (var (fact, names) in Names)
        {
            var field = fields.FirstOrDefault(f => names.Contains(Letters(LastPart(f.Name))));
            if (field is null)
                continue;
            var value = fact == "dateOfBirth" ? Date(field.Value) : field.Value;
            if (value is not null)
                found.Add(new PrefillValue(fact, value, field.Name));
        }
        return found;
    }

    /// <summary>A date as the contract writes it (YYYY-MM-DD) from the ways forms write one; null when it is not a date.</summary>
    private static string? Date(string text)
    {
        string[] formats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "MM-dd-yyyy", "MM/dd/yy"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>A nested field's own name (<c>form1[0].Subject[0].Name[0]</c> is <c>Name</c>).</summary>
    private static string LastPart(string name)
    {
        var part = name[(name.LastIndexOf('.') + 1)..];
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? part[..bracket] : part;
    }

    private static string Letters(string name) => new([.. name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
}
