namespace Comity.Notices;

/// <summary>How far a notice's text in one language can be trusted.</summary>
public enum ReviewStatus
{
    /// <summary>The English text: the one the others translate.</summary>
    Authoritative,

    /// <summary>A translation certified for the county (dropped in by the county).</summary>
    Certified,

    /// <summary>A translation reviewed by counsel, not certified.</summary>
    Reviewed,

    /// <summary>A draft translation: printed with the English beside it.</summary>
    Unreviewed,
}

/// <summary>What a block of a notice is: it decides how the block is printed.</summary>
public enum BlockKind { Heading, Text, Field, Checkbox, Signature, Reasons, Footer }

/// <summary>
/// One block of a notice: a heading, a paragraph, a labelled value, a box to tick, a line to sign,
/// the decision's reasons (the decision copy only), or the small print at the end. Text and values
/// may hold placeholders such as <c>{person.name}</c> (<see cref="NoticeFacts"/> lists them).
/// </summary>
public sealed record NoticeBlock(BlockKind Kind, string? Text, string? Label, string? Value);

/// <summary>A template's review: its status and who or what says so.</summary>
public sealed record NoticeReview(ReviewStatus Status, string Note);

/// <summary>
/// One notice in one language, as its data file says (<c>notices/NOTICE/LANG.json</c>). A
/// translation has the English template's blocks, one for one and of the same kinds, so that an
/// unreviewed translation can be printed beside the English block by block.
/// </summary>
public sealed record NoticeTemplate(
    string Notice,
    string Language,
    string Version,
    string? Translates,
    NoticeReview Review,
    IReadOnlyList<string> Cites,
    IReadOnlyList<string> Duties,
    string Title,
    IReadOnlyList<NoticeBlock> Blocks,
    string Path,
    string Digest)
{
    /// <summary>A duty pattern that calls for the notice on every case (the decision copy).</summary>
    public const string EveryCase = "*";
}

/// <summary>The words a language uses for the contract's values (agencies, acts, outcomes, ...), keyed as <c>act.hold</c>.</summary>
public sealed record PhraseBook(string Language, string Version, NoticeReview Review, IReadOnlyDictionary<string, string> Phrases, string Path);
