using System.Text.RegularExpressions;
using Comity.Cases;

namespace Comity.Recording;

/// <summary>
/// The note of a correction or a void is public (reports list it in <c>corrections.csv</c>), so it
/// must not name the person: it may not contain the case's name, date of birth or numbers, nor
/// anything shaped like an A-number, a Social Security number, a long number, an e-mail address or
/// a telephone number. Checked before anything is recorded.
/// </summary>
public static partial class PublicNote
{
    public const int MaxLength = 500;

    /// <summary>Null when the note may be published; otherwise what is wrong with it.</summary>
    public static string? Problem(string note, SubjectIdentityWords identity)
    {
        if (note.Length > MaxLength)
            return $"a public note is at most {MaxLength} characters";
        if (note.Any(char.IsControl))
            return "a public note is one line of text, without control characters";
        var lower = note.ToLowerInvariant();
        foreach (var word in identity.Words)
            if (lower.Contains(word, StringComparison.Ordinal))
                return "the note names the person or one of their numbers; a public note must not (it is published with the reports)";
        if (Personal().IsMatch(note))
            return "the note holds what looks like personal data (an A-number, a Social Security or other long number, an e-mail address or a telephone number); a public note must not";
        return null;
    }

    [GeneratedRegex(@"\bA[- ]?\d{3}[- ]?\d{3}[- ]?\d{2,3}\b|\b\d{3}-\d{2}-\d{4}\b|\d{7,}|[^\s@]+@[^\s@]+\.[a-z]{2,}|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}", RegexOptions.IgnoreCase)]
    private static partial Regex Personal();
}

/// <summary>The lower-case words of an identity a public note may not contain: the name's parts of three letters or more, the date of birth and the numbers.</summary>
public sealed record SubjectIdentityWords(IReadOnlyList<string> Words)
{
    public static readonly SubjectIdentityWords None = new([]);

    public static SubjectIdentityWords Of(CaseIdentity? kept)
    {
        if (kept?.Identity is not { } i)
            return None;
        var words = new List<string>();
        foreach (var part in (i.Name ?? "").ToLowerInvariant().Split([' ', '-', ',', '.', '\''], StringSplitOptions.RemoveEmptyEntries))
            if (part.Length >= 3)
                words.Add(part);
        if (i.DateOfBirth is { } dob)
            words.Add(dob.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var n in new[] { i.BookingNumber, i.ANumber, i.CiiNumber, i.FbiNumber, i.Attorney?.Name, i.Attorney?.Contact })
            if (!string.IsNullOrWhiteSpace(n) && n.Trim().Length >= 3)
                words.Add(n.Trim().ToLowerInvariant());
        return new SubjectIdentityWords(words);
    }
}
