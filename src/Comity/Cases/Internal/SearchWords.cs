namespace Comity.Cases.Internal;

/// <summary>How the case list compares words: lower case, and numbers also without their punctuation.</summary>
internal static class SearchWords
{
    /// <summary>Letters and digits only: <c>a-123-456-789</c> becomes <c>a123456789</c>.</summary>
    public static string Compact(string word) => new([.. word.Where(char.IsLetterOrDigit)]);

    /// <summary>The words of a query, lower case.</summary>
    public static string[] Of(string? query) =>
        (query ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
