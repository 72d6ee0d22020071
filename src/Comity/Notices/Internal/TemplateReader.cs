using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Comity.Notices.Internal;

/// <summary>
/// Reads one notice template or phrase book from its data file. A file that is not JSON is refused
/// at its line and column; a file that is JSON but not a template is refused at the JSON path of
/// the first property that is wrong, with what was expected.
/// </summary>
internal static partial class TemplateReader
{
    private static readonly Dictionary<string, ReviewStatus> Statuses = new()
    {
        ["authoritative"] = ReviewStatus.Authoritative,
        ["certified"] = ReviewStatus.Certified,
        ["reviewed"] = ReviewStatus.Reviewed,
        ["unreviewed"] = ReviewStatus.Unreviewed,
    };

    private static readonly Dictionary<string, BlockKind> Kinds = new()
    {
        ["heading"] = BlockKind.Heading,
        ["text"] = BlockKind.Text,
        ["field"] = BlockKind.Field,
        ["checkbox"] = BlockKind.Checkbox,
        ["signature"] = BlockKind.Signature,
        ["reasons"] = BlockKind.Reasons,
        ["footer"] = BlockKind.Footer,
    };

    /// <summary>Files larger than this are not templates.</summary>
    public const int MaxFileBytes = 256 * 1024;

    public static NoticeTemplate ReadTemplate(string path)
    {
        var (root, digest) = Parse(path);
        var notice = String(root, path, "notice");
        var language = String(root, path, "language");
        if (!string.Equals(notice, Directory.GetParent(path)!.Name, StringComparison.Ordinal))
            throw Error(path, "notice", $"expected \"{Directory.GetParent(path)!.Name}\", the name of the template's folder");
        if (!string.Equals(language, System.IO.Path.GetFileNameWithoutExtension(path), StringComparison.Ordinal))
            throw Error(path, "language", $"expected \"{System.IO.Path.GetFileNameWithoutExtension(path)}\", the name of the file");
        var review = Review(root, path);
        if ((language == NoticeLibrary.English) != (review.Status == ReviewStatus.Authoritative))
            throw Error(path, "review.status", language == NoticeLibrary.English
                ? "the English text is \"authoritative\""
                : "only the English text is authoritative: a translation is \"certified\", \"reviewed\" or \"unreviewed\"");
        var blocksElement = Property(root, path, "blocks", JsonValueKind.Array);
        var blocks = new List<NoticeBlock>();
        var i = 0;
        foreach (var b in blocksElement.EnumerateArray())
        {
            blocks.Add(Block(b, path, $"blocks[{i}]"));
            i++;
        }
        if (blocks.Count == 0)
            throw Error(path, "blocks", "expected at least one block");
        return new NoticeTemplate(notice, language, String(root, path, "version"),
            root.TryGetProperty("translates", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null,
            review, Strings(root, path, "cites"), language == NoticeLibrary.English ? Strings(root, path, "duties") : [],
            Placeholders(String(root, path, "title"), path, "title"), blocks, path, digest);
    }

    public static PhraseBook ReadPhrases(string path)
    {
        var (root, _) = Parse(path);
        var language = String(root, path, "language");
        if (!string.Equals(language, System.IO.Path.GetFileNameWithoutExtension(path), StringComparison.Ordinal))
            throw Error(path, "language", $"expected \"{System.IO.Path.GetFileNameWithoutExtension(path)}\", the name of the file");
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Property(root, path, "phrases", JsonValueKind.Object).EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw Error(path, $"phrases.{p.Name}", "expected a string");
            phrases[p.Name] = p.Value.GetString()!;
        }
        return new PhraseBook(language, String(root, path, "version"), Review(root, path), phrases, path);
    }

    private static (JsonElement Root, string Digest) Parse(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
                throw new NoticeException($"{path}: a template is at most {MaxFileBytes / 1024} KB; this file has {info.Length} bytes");
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new NoticeException($"{path}: cannot read the file: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new NoticeException($"{path}: cannot read the file: {e.Message}", e);
        }
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new NoticeException($"{path}:1:1: expected a JSON object");
            return (document.RootElement.Clone(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (JsonException e)
        {
            // JsonException counts lines and bytes from 0.
            throw new NoticeException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not JSON: {e.Message}", e);
        }
    }

    private static NoticeReview Review(JsonElement root, string path)
    {
        var review = Property(root, path, "review", JsonValueKind.Object);
        var status = String(review, path, "status", "review.");
        if (!Statuses.TryGetValue(status, out var s))
            throw Error(path, "review.status", $"expected one of {string.Join(", ", Statuses.Keys)}, not \"{status}\"");
        return new NoticeReview(s, review.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "");
    }

    private static NoticeBlock Block(JsonElement b, string path, string at)
    {
        if (b.ValueKind != JsonValueKind.Object)
            throw Error(path, at, "expected an object with a \"kind\"");
        var kindName = String(b, path, "kind", at + ".");
        if (!Kinds.TryGetValue(kindName, out var kind))
            throw Error(path, at + ".kind", $"expected one of {string.Join(", ", Kinds.Keys)}, not \"{kindName}\"");
        string? Need(string name) => Placeholders(String(b, path, name, at + "."), path, $"{at}.{name}");
        return kind switch
        {
            BlockKind.Field => new NoticeBlock(kind, null, Need("label"), Need("value")),
            BlockKind.Signature => new NoticeBlock(kind, null, Need("label"), null),
            BlockKind.Reasons => new NoticeBlock(kind, null, null, null),
            _ => new NoticeBlock(kind, Need("text"), null, null),
        };
    }

    /// <summary>Checks that every <c>{name}</c> in <paramref name="text"/> is a placeholder <see cref="NoticeFacts"/> fills.</summary>
    private static string Placeholders(string text, string path, string at)
    {
        foreach (Match m in Placeholder().Matches(text))
            if (!NoticeFacts.Placeholders.Contains(m.Groups[1].Value))
                throw Error(path, at, $"unknown placeholder {{{m.Groups[1].Value}}}: expected one of {string.Join(", ", NoticeFacts.Placeholders.Select(p => "{" + p + "}"))}");
        return text;
    }

    [GeneratedRegex(@"\{([A-Za-z.]+)\}")]
    internal static partial Regex Placeholder();

    private static JsonElement Property(JsonElement o, string path, string name, JsonValueKind kind, string prefix = "")
    {
        if (!o.TryGetProperty(name, out var p) || p.ValueKind != kind)
            throw Error(path, prefix + name, $"expected {(kind == JsonValueKind.Array ? "an array" : kind == JsonValueKind.Object ? "an object" : "a string")}");
        return p;
    }

    private static string String(JsonElement o, string path, string name, string prefix = "")
    {
        var s = Property(o, path, name, JsonValueKind.String, prefix).GetString()!;
        if (s.Trim().Length == 0)
            throw Error(path, prefix + name, "expected a text that is not empty");
        return s;
    }

    private static IReadOnlyList<string> Strings(JsonElement o, string path, string name)
    {
        if (!o.TryGetProperty(name, out var p))
            return [];
        if (p.ValueKind != JsonValueKind.Array || p.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw Error(path, name, "expected an array of strings");
        return [.. p.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static NoticeException Error(string path, string at, string message) => new($"{path}: {at}: {message}");
}
