using System.Globalization;
using System.Text.Json;

namespace Comity.Reports.TruthAct.Forum;

/// <summary>Who to ask for an accommodation or an interpreter: a name or office, with a phone number, an email address or both.</summary>
public sealed record ForumContact(string Contact, string? Phone, string? Email);

/// <summary>
/// A unit's policy on immigration enforcement named in the forum file, listed in R1's appendix with
/// its SHA-256 (reports.md section 4, "Packaging"), so that a resident can check that the document
/// they are handed is the one the report names.
/// </summary>
public sealed record ForumPolicy(string Unit, string Title, string Sha256);

/// <summary>
/// The TRUTH Act community forum a notice announces (reports.md section 4, "Packaging"; Cal. Gov.
/// Code 7283.1(d): open to the public, in an accessible location, with at least 30 days' notice),
/// read from the <c>--forum</c> file: governing body, date, time, place, the accessibility and
/// interpretation contacts, and where the report is. Its words are the county's; the notice's
/// own words come from the stack's templates.
/// </summary>
public sealed record ForumDetails(string GoverningBody, DateOnly Date, TimeOnly Time, string Place, ForumContact Accessibility, ForumContact Interpretation, string ReportAt)
{
    private static readonly string[] Fields = ["governingBody", "date", "time", "place", "accessibility", "interpretation", "reportAt", "policies"];
    private static readonly string[] PolicyFields = ["unit", "title", "file", "sha256"];

    /// <summary>The units' policies the report's appendix lists (optional in the file).</summary>
    public IReadOnlyList<ForumPolicy> Policies { get; init; } = [];
    private static readonly string[] ContactFields = ["contact", "phone", "email"];

    /// <summary>The days of notice the forum needs at least (Gov. Code 7283.1(d)).</summary>
    public const int NoticeDays = 30;

    /// <summary>The last day the notice can be published and still give 30 days' notice: the forum's date less 30 days.</summary>
    public DateOnly PublishBy => Date.AddDays(-NoticeDays);

    /// <summary>Reads a forum file; a mistake is a <see cref="ReportException"/> naming <c>file:line:column</c> (not JSON) or the JSON path (a field wrong or missing).</summary>
    /// <param name="readPolicy">Reads a policy's <c>file</c> (relative to the forum file) to hash it; null where no file may be read (the server: give <c>sha256</c>).</param>
    public static ForumDetails Parse(byte[] bytes, string path, Func<string, byte[]>? readPolicy = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
            throw new ReportException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not JSON: {(cut > 0 ? message[..cut] : message).TrimEnd()}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ReportException($"{path}: $: expected an object with {string.Join(", ", Fields)}");
            Unknown(root, Fields, "$", path);
            var dateText = Text(root, "date", "$", path);
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year is < 2000 or > 9998)
                throw new ReportException($"{path}: $.date: \"{dateText}\" is not a date: give the forum's day as YYYY-MM-DD, such as 2026-03-12");
            var timeText = Text(root, "time", "$", path);
            if (!TimeOnly.TryParseExact(timeText, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                throw new ReportException($"{path}: $.time: \"{timeText}\" is not a time: give the local time the forum starts as HH:mm on a 24-hour clock, such as 18:00");
            return new ForumDetails(Text(root, "governingBody", "$", path), date, time, Text(root, "place", "$", path),
                Contact(root, "accessibility", path), Contact(root, "interpretation", path), Text(root, "reportAt", "$", path))
            {
                Policies = ReadPolicies(root, path, readPolicy),
            };
        }
    }

    /// <summary>Checks that every policy names a unit of the report mapping.</summary>
    /// <exception cref="ReportException">naming the policy's path and the units there are.</exception>
    public void CheckUnits(ReportMapping mapping, string path)
    {
        for (var i = 0; i < Policies.Count; i++)
            if (!mapping.Units.Any(u => u.Unit == Policies[i].Unit))
                throw new ReportException($"{path}: $.policies[{i}].unit: \"{Policies[i].Unit}\" is not a unit of {mapping.Stack}; give one of: {string.Join(", ", mapping.Units.Select(u => u.Unit))}");
    }

    private static List<ForumPolicy> ReadPolicies(JsonElement root, string path, Func<string, byte[]>? readPolicy)
    {
        if (!root.TryGetProperty("policies", out var list))
            return [];
        if (list.ValueKind != JsonValueKind.Array)
            throw new ReportException($"{path}: $.policies: expected an array of {{unit, title, file or sha256}}");
        var policies = new List<ForumPolicy>();
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            var at = $"$.policies[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
                throw new ReportException($"{path}: {at}: expected an object with unit, title, and file or sha256");
            Unknown(e, PolicyFields, at, path);
            var (hasFile, hasHash) = (e.TryGetProperty("file", out _), e.TryGetProperty("sha256", out _));
            if (hasFile == hasHash)
                throw new ReportException($"{path}: {at}: give the policy's file (its SHA-256 is computed) or its sha256, one of the two");
            string sha256;
            if (hasHash)
            {
                sha256 = Text(e, "sha256", at, path).ToLowerInvariant();
                if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
                    throw new ReportException($"{path}: {at}.sha256: expected 64 hexadecimal digits");
            }
            else
            {
                var file = Text(e, "file", at, path);
                if (readPolicy is null)
                    throw new ReportException($"{path}: {at}.file: no file is read here; give the policy's sha256");
                byte[] bytes;
                try
                {
                    bytes = readPolicy(file);
                }
                catch (Exception x) when (x is IOException or UnauthorizedAccessException)
                {
                    throw new ReportException($"{path}: {at}.file: \"{file}\" cannot be read: {x.Message}");
                }
                sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            }
            policies.Add(new ForumPolicy(Text(e, "unit", at, path), Text(e, "title", at, path), sha256));
        }
        return policies;
    }

    private static ForumContact Contact(JsonElement root, string name, string path)
    {
        var at = "$." + name;
        if (!root.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Object)
            throw new ReportException($"{path}: {at}: expected an object with contact and a phone, an email or both (who to ask, Gov. Code 7283.1(d) asks for an accessible forum)");
        Unknown(e, ContactFields, at, path);
        var phone = e.TryGetProperty("phone", out _) ? Text(e, "phone", at, path) : null;
        var email = e.TryGetProperty("email", out _) ? Text(e, "email", at, path) : null;
        if (phone is null && email is null)
            throw new ReportException($"{path}: {at}: give a phone, an email or both, so that a person knows how to ask");
        if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@')))
            throw new ReportException($"{path}: {at}.email: \"{email}\" is not an email address");
        return new ForumContact(Text(e, "contact", at, path), phone, email);
    }

    private static void Unknown(JsonElement e, string[] known, string at, string path)
    {
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name, StringComparer.Ordinal))
                throw new ReportException($"{path}: {at}.{p.Name}: not a field of a forum file (expected {string.Join(", ", known)})");
    }

    private static string Text(JsonElement e, string name, string at, string path) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString()!.Trim() is { Length: > 0 } s
            ? s
            : throw new ReportException($"{path}: {at}.{name}: expected a non-empty string");
}
