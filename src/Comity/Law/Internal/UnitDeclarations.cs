using Comity.Contract;

namespace Comity.Law.Internal;

/// <summary>
/// The <c>unit</c> blocks of stack.law (semantics.md, "Units"):
/// <code>
/// unit lapd-jail-division
///   kind jail
///   title "LAPD Jail Division"
///   within lapd
/// </code>
/// Each unit has a kind, optionally a title and the unit it belongs to. A rule that binds a unit
/// binds every unit beneath it; <see cref="Expand"/> writes that into each rule's binding.
/// </summary>
internal static class UnitDeclarations
{
    public static List<Unit> Read(string path, string text, List<LawError> errors)
    {
        // The header's reader reports the file's lexical errors; these would be the same ones again.
        var blocks = Blocks.Group(Lexer.Lex(path, text, []), k => k is "title" or "layers" or "layer" or "time-zone" or "kind" or "within", []);
        var units = new List<Unit>();
        foreach (var block in blocks.Where(b => b.Keyword.Is("unit")))
        {
            try
            {
                units.Add(ReadOne(block));
            }
            catch (ParseFailure failure)
            {
                errors.Add(failure.Error);
            }
        }
        var byId = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var u in units)
            if (!byId.TryAdd(u.Id, u))
                errors.Add(new(u.At, $"unit {u.Id} is already declared at {byId[u.Id].At}"));
        foreach (var u in units.Where(u => u.Within is { } parent && !byId.ContainsKey(parent)))
            errors.Add(new(u.At, $"unit {u.Id} is within {u.Within}, which stack.law does not declare; declared units: {string.Join(", ", byId.Keys)}"));
        foreach (var u in units)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { u.Id };
            for (var p = u.Within; p is not null && byId.TryGetValue(p, out var parent); p = parent.Within)
                if (!seen.Add(p))
                {
                    errors.Add(new(u.At, $"units lie within each other in a cycle: {string.Join(" -> ", seen)} -> {p}"));
                    break;
                }
        }
        return units;
    }

    private static Unit ReadOne(Block block)
    {
        if (block.Damage is { } damage)
            throw new ParseFailure(damage);
        if (block.Head.Count != 1 || block.Head[0].Kind != TokenKind.Word)
            throw Fail(block.Keyword.At, "expected one id after \"unit\", such as lapd-jail-division");
        var id = block.Head[0].Text;
        ActorKind? kind = null;
        string title = "", within = "";
        string? timeZone = null;
        foreach (var clause in block.Clauses)
        {
            var cursor = new TokenCursor(clause.Tokens, clause.End);
            switch (clause.Keyword.Text)
            {
                case "kind":
                    var k = cursor.Expect(TokenKind.Word, $"the unit's kind: {Vocabularies.ActorKinds.Expected}");
                    if (!Vocabularies.ActorKinds.TryParse(k.Text, out var parsed))
                        throw Fail(k.At, $"{k.Describe()} is not an actor kind; expected {Vocabularies.ActorKinds.Expected}");
                    kind = parsed;
                    break;
                case "title":
                    title = cursor.Expect(TokenKind.String, "the unit's name in quotes").Text;
                    break;
                case "within":
                    within = cursor.Expect(TokenKind.Word, "the id of the unit it belongs to").Text;
                    break;
                case "time-zone":
                    timeZone = TimeZoneClause.Read(cursor, "the unit's");
                    break;
                default:
                    throw Fail(clause.Keyword.At, $"a unit has no \"{clause.Keyword.Text}\" clause; expected kind, title, within or time-zone");
            }
            cursor.ExpectEnd($"the {clause.Keyword.Text}");
        }
        if (kind is null)
            throw Fail(block.Keyword.At, $"unit {id} has no \"kind\" clause: give its kind ({Vocabularies.ActorKinds.Expected})");
        return new Unit(id, kind.Value, title, within.Length == 0 ? null : within, block.Keyword.At) { TimeZone = timeZone };
    }

    /// <summary>
    /// Each rule's binding with the units beneath the units it names, and an error for a unit a
    /// binding or an <c>actor.unit</c> test names that stack.law does not declare.
    /// </summary>
    public static List<Layer> Expand(List<Layer> layers, List<Unit> units, List<LawError> errors)
    {
        var byId = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var declared = string.Join(", ", units.Select(u => u.Id));
        List<string> Beneath(string id)
        {
            var all = new List<string> { id };
            for (var i = 0; i < all.Count; i++)
                foreach (var u in units.Where(u => u.Within == all[i] && !all.Contains(u.Id)))
                    all.Add(u.Id);
            return all;
        }
        return layers.Select(l => l with
        {
            Provisions = l.Provisions.Select(p =>
            {
                foreach (var name in p.Binds.Units.Where(n => !byId.ContainsKey(n)))
                    errors.Add(new(p.At, $"{p.Id} binds unit {name}, which stack.law does not declare; declared units: {declared}") { Provision = p.Id, Kind = LawErrorKind.UnknownValue });
                foreach (var test in StackLoader.Walk(p.When, definitions: false).OfType<IsOneOf>().Where(t => t.Fact.Type == FactType.Identifier))
                    foreach (var name in test.Values.Where(n => !byId.ContainsKey(n)))
                        errors.Add(new(test.At, $"no unit {name} in stack.law; declared units: {declared}") { Provision = p.Id, Kind = LawErrorKind.UnknownValue });
                if (p.Binds.Units.Count == 0)
                    return p;
                return p with { Binds = p.Binds with { Units = p.Binds.Units.SelectMany(Beneath).Distinct().ToArray() } };
            }).ToList(),
        }).ToList();
    }

    private static ParseFailure Fail(SourceLocation at, string message) => new(new LawError(at, message));
}
