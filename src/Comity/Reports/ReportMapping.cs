using System.Text.Json;
using Comity.Law;

namespace Comity.Reports;

/// <summary>A 7283.1(b) notice the reports count (T4): the stack's duty that requires it, and where its time to service starts.</summary>
public sealed record NoticeMapping(string Notice, string Rule, string Cites, bool FromNotified);

/// <summary>An offence category of T5, from most to least serious: the union of some of the stack's offence tables.</summary>
public sealed record OffenceCategory(string Category, string Title, string Cites, IReadOnlyList<string> Tables);

/// <summary>A unit the reports name, with its DOJ ORI code when one has been read in a source (null: unknown), and the unit it lies within (null: none).</summary>
public sealed record UnitMapping(string Unit, string Name, string Kind, string? Ori, string? Within = null);

/// <summary>A deny rule shown as "what the City never does", with its text and citations read from the stack in force.</summary>
public sealed record NeverDo(string Rule, string Citation, string Text);

/// <summary>
/// A stack's report mapping (reports.md section 1), kept as <c>reports/mapping.json</c> in the
/// stack's folder and reviewed like its rules (the time zone of its units is the stack's own
/// <c>time-zone</c>): the rules that are
/// 7283.1(b) notices, offence categories, the deny rules shown as "what the City never does", and
/// each law-enforcement and jail unit with its DOJ ORI code. Every rule, table and unit it names is
/// checked against the stack; a mistake is refused with its JSON path.
/// </summary>
public sealed class ReportMapping
{
    public const string FileName = "reports/mapping.json";

    public required string Stack { get; init; }
    public required TimeZoneInfo TimeZone { get; init; }
    public required string GoverningBody { get; init; }

    /// <summary>The layer of state law: its deny is "not permitted by state law" (C3 disposition 5); layers after it are local.</summary>
    public required string StateLayer { get; init; }
    public required IReadOnlyList<NoticeMapping> Notices { get; init; }
    public required IReadOnlyList<OffenceCategory> OffenceCategories { get; init; }
    public required IReadOnlyList<NeverDo> NeverDo { get; init; }

    /// <summary>
    /// The reports the law of this place asks for and the mapping supports (<c>truth-act</c>,
    /// <c>sb54</c>, <c>transparency</c>); all three when the file does not say. A state without
    /// California's TRUTH Act and SB 54 (Texas) publishes the transparency page only.
    /// </summary>
    public IReadOnlyList<string> Reports { get; init; } = ["truth-act", "sb54", "transparency"];

    /// <summary>The legal basis a transfer without a judicial warrant or probable-cause finding is counted under (R3): <c>gov-7282.5</c>, California's, unless the mapping names its own state's (<c>otherTransferBasis</c>).</summary>
    public string OtherTransferBasis { get; init; } = "gov-7282.5";

    /// <summary>Duties shown as "what the City must do" (must-comply rules), beside what it never does; empty in California's stacks.</summary>
    public IReadOnlyList<NeverDo> MustDo { get; init; } = [];

    /// <summary>Every unit of the stack (the reports' T11 and the transparency page cover them), with ORI codes where known.</summary>
    public required IReadOnlyList<UnitMapping> Units { get; init; }

    /// <summary>The SHA-256 of the mapping file as read, recorded in each report's manifest.</summary>
    public required string Digest { get; init; }

    public UnitMapping? Unit(string id) => Units.FirstOrDefault(u => u.Unit == id);

    /// <summary>Loads <c>reports/mapping.json</c> of the stack in <paramref name="stackDirectory"/>.</summary>
    /// <exception cref="ReportException">when the file is missing or names what the stack does not hold.</exception>
    public static ReportMapping Load(string stackDirectory, Stack stack)
    {
        var path = Path.Combine(stackDirectory, FileName);
        if (!File.Exists(path))
            throw new ReportException($"{path}: the stack {stack.Id} has no report mapping (reports.md section 1 asks each stack for one)");
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes, stack, path);
        }
        catch (JsonException e)
        {
            throw new ReportException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: {e.Message}");
        }
    }

    internal static ReportMapping Parse(byte[] bytes, Stack stack, string path)
    {
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        string Str(JsonElement e, string name, string at) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } s
                ? s
                : throw new ReportException($"{path}: {at}.{name}: expected a non-empty string");
        IEnumerable<(JsonElement, string)> Items(JsonElement e, string name, string at) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select((x, i) => (x, $"{at}.{name}[{i}]"))
                : throw new ReportException($"{path}: {at}.{name}: expected an array");

        var stackId = Str(root, "stack", "$");
        if (stackId != stack.Id)
            throw new ReportException($"{path}: $.stack: the mapping is for {stackId}, but the stack is {stack.Id}");
        // The units' time zone is the stack's (stack.law's time-zone), one setting for cases and reports alike.
        var zone = stack.TimeZoneOf(null);
        // A rule with versions over time is shown as its newest version: the law in force now, with its current citation.
        var provisions = stack.Provisions.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Period.From)!);
        Provision Rule(string id, string at) => provisions.TryGetValue(id, out var p)
            ? p
            : throw new ReportException($"{path}: {at}: the stack {stack.Id} has no rule or duty \"{id}\"");

        var notices = Items(root, "notices", "$").Select(x =>
        {
            var (e, at) = x;
            var rule = Str(e, "rule", at);
            Rule(rule, at + ".rule");
            var from = Str(e, "from", at);
            if (from is not ("received" or "notified"))
                throw new ReportException($"{path}: {at}.from: expected \"received\" or \"notified\"");
            return new NoticeMapping(Str(e, "notice", at), rule, Str(e, "cites", at), from == "notified");
        }).ToList();
        var tables = stack.Tables.Select(t => t.Id).ToHashSet();
        var categories = Items(root, "offenceCategories", "$").Select(x =>
        {
            var (e, at) = x;
            var names = Items(e, "tables", at).Select(t => t.Item1.GetString() is { } s && tables.Contains(s)
                ? s
                : throw new ReportException($"{path}: {t.Item2}: the stack {stack.Id} has no offence table \"{t.Item1}\"")).ToList();
            var category = Str(e, "category", at);
            if (category is "other" or "no-qualifying-offence")
                throw new ReportException($"{path}: {at}.category: \"{category}\" is kept for the rows every T5 has");
            return new OffenceCategory(category, Str(e, "title", at), Str(e, "cites", at), names);
        }).ToList();
        var neverDo = Items(root, "neverDo", "$").Select(x =>
        {
            var id = x.Item1.GetString() ?? throw new ReportException($"{path}: {x.Item2}: expected a rule id");
            var rule = Rule(id, x.Item2);
            if (rule.Effect is not Contract.Effect.Deny)
                throw new ReportException($"{path}: {x.Item2}: \"{id}\" is not a deny rule, so it cannot say what the City never does");
            return new NeverDo(id, string.Join("; ", rule.Citations), rule.Text);
        }).ToList();
        var mustDo = root.TryGetProperty("mustDo", out _) ? Items(root, "mustDo", "$").Select(x =>
        {
            var id = x.Item1.GetString() ?? throw new ReportException($"{path}: {x.Item2}: expected a rule id");
            var rule = Rule(id, x.Item2);
            if (rule.Effect is not Contract.Effect.Must)
                throw new ReportException($"{path}: {x.Item2}: \"{id}\" is not a must-comply rule, so it cannot say what the City must do");
            return new NeverDo(id, string.Join("; ", rule.Citations), rule.Text);
        }).ToList() : [];
        string[] known = ["truth-act", "sb54", "transparency"];
        var reports = root.TryGetProperty("reports", out _)
            ? Items(root, "reports", "$").Select(x => x.Item1.GetString() is { } r && known.Contains(r)
                ? r
                : throw new ReportException($"{path}: {x.Item2}: expected one of {string.Join(", ", known)}")).ToList()
            : [.. known];
        var ori = new Dictionary<string, string?>();
        foreach (var (e, at) in Items(root, "units", "$"))
        {
            var unit = Str(e, "unit", at);
            if (stack.Units.All(u => u.Id != unit))
                throw new ReportException($"{path}: {at}.unit: the stack {stack.Id} declares no unit \"{unit}\"");
            var code = e.TryGetProperty("ori", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            if (code is not null && (code.Length != 9 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1])))
                throw new ReportException($"{path}: {at}.ori: an ORI is nine characters starting with the state's two letters (CA, TX), or null when unknown");
            ori[unit] = code;
        }
        var units = stack.Units.Select(u => new UnitMapping(u.Id, u.Title, Contract.Vocabularies.ActorKinds.Name(u.Kind), ori.GetValueOrDefault(u.Id), u.Within)).ToList();
        return new ReportMapping
        {
            Stack = stackId,
            TimeZone = zone,
            GoverningBody = Str(root, "governingBody", "$"),
            StateLayer = stack.Layers.Any(l => l.Name == Str(root, "stateLayer", "$"))
                ? Str(root, "stateLayer", "$")
                : throw new ReportException($"{path}: $.stateLayer: the stack {stack.Id} has no layer \"{Str(root, "stateLayer", "$")}\""),
            Notices = notices,
            OffenceCategories = categories,
            NeverDo = neverDo,
            MustDo = mustDo,
            OtherTransferBasis = root.TryGetProperty("otherTransferBasis", out _) ? Str(root, "otherTransferBasis", "$") : "gov-7282.5",
            Reports = reports,
            Units = units,
            Digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
        };
    }
}

/// <summary>A report cannot be made as asked: bad arguments or a bad mapping (the CLI's exit 2), said in the user's terms.</summary>
public class ReportException(string message) : Exception(message);

/// <summary>What a caller asked for that cannot be: the message names the parameter (<see cref="Where"/>), as problem+json or a form's error says it.</summary>
public sealed class ReportRequestException(string where, string message) : ReportException(message)
{
    public string Where { get; } = where;
}
