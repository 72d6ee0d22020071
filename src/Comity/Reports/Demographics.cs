using Comity.Contract;

namespace Comity.Reports;

/// <summary>The categories of T6 (reports.md section 4) and how an identity's optional fields read into them; anything else is <c>not-recorded</c>.</summary>
public static class Demographics
{
    public static readonly string[] Genders = ["female", "male", "another-gender", "not-recorded"];

    public static readonly string[] AgeBands = ["under-20", "20-29", "30-39", "40-49", "50-59", "60-and-over", "not-recorded"];

    /// <summary>The California DOJ's RIPA stop-data categories (Gov. Code 12525.5).</summary>
    public static readonly string[] Races =
        ["asian", "black", "hispanic-latino", "middle-eastern-south-asian", "native-american", "pacific-islander", "white", "multiple", "not-recorded"];

    /// <summary>The languages of the consent form (Gov. Code 7283.1(a)), then <c>other</c>.</summary>
    public static readonly string[] ConsentLanguages = ["en", "es", "zh", "tl", "vi", "ko", "other"];

    public static byte Gender(string? g) => Index(Genders, g);

    public static byte Race(string? r) => Index(Races, r);

    public static byte AgeBand(DateOnly? birth, DateOnly on)
    {
        if (birth is not { } b || b > on)
            return (byte)(AgeBands.Length - 1);
        var age = on.Year - b.Year - (on < b.AddYears(on.Year - b.Year) ? 1 : 0);
        return (byte)(age < 20 ? 0 : Math.Min(5, age / 10 - 1));
    }

    public static ushort Country(string? iso)
    {
        if (iso is not { Length: 2 } || !char.IsAsciiLetter(iso[0]) || !char.IsAsciiLetter(iso[1]))
            return 0;
        return (ushort)((char.ToUpperInvariant(iso[0]) << 8) | char.ToUpperInvariant(iso[1]));
    }

    public static string CountryCode(ushort packed) => packed == 0 ? "not-recorded" : $"{(char)(packed >> 8)}{(char)(packed & 0xFF)}";

    public static byte Language(string? bcp47)
    {
        if (string.IsNullOrWhiteSpace(bcp47))
            return (byte)(ConsentLanguages.Length - 1);
        var primary = bcp47.Split('-')[0].ToLowerInvariant();
        var i = Array.IndexOf(ConsentLanguages, primary);
        return (byte)(i < 0 || i == ConsentLanguages.Length - 1 ? ConsentLanguages.Length - 1 : i);
    }

    private static byte Index(string[] names, string? value)
    {
        var i = value is null ? -1 : Array.IndexOf(names, value.Trim().ToLowerInvariant());
        return (byte)(i < 0 ? names.Length - 1 : i);
    }

    /// <summary>The demographic codes of an identity at the day received (no identity: every attribute not recorded).</summary>
    public static void Fill(ref RequestRow row, SubjectIdentity? identity, DateOnly receivedOn)
    {
        row.Gender = Gender(identity?.Gender);
        row.Race = Race(identity?.RaceEthnicity);
        row.AgeBand = AgeBand(identity?.DateOfBirth, receivedOn);
        row.Country = Country(identity?.CountryOfBirth);
    }
}
