namespace Comity.Law.Internal;

/// <summary>
/// A <c>time-zone "America/Los_Angeles"</c> clause, of the stack block or of a unit: an IANA id
/// the machine's time-zone data knows, refused at its place otherwise.
/// </summary>
internal static class TimeZoneClause
{
    public static string Read(TokenCursor cursor, string whose)
    {
        var id = cursor.Expect(TokenKind.String, $"{whose} time zone in quotes, an IANA id such as \"America/Los_Angeles\"");
        if (!TimeZones.TryFind(id.Text, out _))
            throw cursor.Fail($"\"{id.Text}\" is not an IANA time-zone id (Area/Location, such as \"America/Los_Angeles\", \"America/Chicago\" or \"UTC\")", id.At);
        return id.Text;
    }
}
