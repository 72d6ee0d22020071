namespace Comity.Disclosure.Internal;

internal static class JsonMessages
{
    /// <summary>A JSON reader's message without the position it appends: the error names the place itself.</summary>
    public static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
