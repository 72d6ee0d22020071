using Comity.Notices;

namespace Comity.Tests.Notices;

/// <summary>
/// Each notice speaks to its reader: the notices handed to the person say "you"; the decision copy
/// is the attorney's, and says what was asked about the person, in every language.
/// </summary>
public sealed class DecisionCopyReaderTests
{
    [Theory]
    [MemberData(nameof(Languages))]
    public void The_decision_copy_tells_the_attorney_what_was_asked_about_the_person_not_about_you(string language)
    {
        var library = NoticeCases.Library();
        var phrases = library.Phrases(language).Phrases;

        var copy = FilledNotice.Fill(library, "decision-copy", language, NoticeCases.Facts(language));
        var request = FilledNotice.Fill(library, "request-notice", language, NoticeCases.Facts(language));

        var copyText = Text(copy);
        Assert.Contains(phrases["act-about.hold"], copyText, StringComparison.Ordinal);
        Assert.DoesNotContain(phrases["act.hold"], copyText, StringComparison.Ordinal);
        if (language == "en")
            Assert.DoesNotContain("keep you in custody", copyText, StringComparison.Ordinal);
        // The request notice is the person's: it keeps speaking to them.
        Assert.Contains(phrases["act.hold"], Text(request), StringComparison.Ordinal);
    }

    public static TheoryData<string> Languages() => [.. NoticeCases.Languages];

    private static string Text(FilledNotice n) => string.Join("\n", n.Rows.SelectMany(r => new[] { r.Block, r.English })
        .Where(b => b is not null).SelectMany(b => new[] { b!.Text, b.Label, b.Value }).Where(t => t is not null));
}
