namespace Comity.Law.Internal;

/// <summary>
/// Resolves the definitions a stack's conditions use by name: each use gets the definition's
/// condition as its meaning. A name that is no definition (a misspelt one, or a misspelt fact) is
/// refused where it is used; so is a definition that uses itself, directly or through others.
/// </summary>
internal sealed class Definitions
{
    // Bounds that keep a hostile or mistaken stack from exhausting the stack or the processor:
    // resolving a definition recurses once per definition it uses, and every tool that walks a
    // condition (the compiler, check, diff, explain) sees a definition's meaning written out, so a
    // chain of definitions each using the next twice grows exponentially. Real law nests a few deep.
    public const int MaxChain = 32;
    public const long MaxExpandedTests = 100_000;

    private readonly Dictionary<string, long> _size = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Definition> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Condition> _resolved = new(StringComparer.Ordinal);
    private readonly List<string> _visiting = [];
    private readonly List<LawError> _errors;

    public Definitions(IEnumerable<Definition> definitions, List<LawError> errors)
    {
        _errors = errors;
        foreach (var d in definitions)
            if (!_byId.TryAdd(d.Id, d))
                errors.Add(new(d.At, $"definition {d.Id} is already defined at {_byId[d.Id].At}; definitions are named once for the whole stack"));
    }

    /// <summary>Every definition, with its own uses of others resolved.</summary>
    public List<Definition> All() => _byId.Values.Select(d => d with { When = Meaning(d.Id, d.At) }).ToList();

    public Provision Resolve(Provision p)
    {
        var start = _errors.Count;
        var when = Resolve(p.When);
        for (var i = start; i < _errors.Count; i++)
            _errors[i] = _errors[i] with { Provision = p.Id };
        return ReferenceEquals(when, p.When) ? p : p with { When = when };
    }

    private Condition Resolve(Condition c) => c switch
    {
        Defined d => d with { Meaning = Use(d) },
        AllOf a => a with { Parts = a.Parts.Select(Resolve).ToList() },
        AnyOf a => a with { Parts = a.Parts.Select(Resolve).ToList() },
        Not n => n with { Inner = Resolve(n.Inner) },
        Exists x => x with { Where = Resolve(x.Where) },
        _ => c,
    };

    private Condition Use(Defined d)
    {
        if (!_byId.ContainsKey(d.Name))
        {
            var defined = _byId.Count == 0 ? "the stack has no definitions" : $"definitions: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}";
            _errors.Add(new(d.At, $"unknown fact \"{d.Name}\": no fact or definition has this name ({defined}; facts: {string.Join(", ", Facts.All.Where(f => f.Scope == FactScope.Request).Select(f => f.Name))})")
            {
                Kind = LawErrorKind.UnknownFact,
            });
            return new Always(d.At);
        }
        var meaning = Meaning(d.Name, d.At);
        if (d.InsideRecord && StackLoader.Walk(meaning).Any(x => x is Exists))
            _errors.Add(new(d.At, $"definition {d.Name} tests records (\"any ...\"), so it cannot be used inside \"any\""));
        return meaning;
    }

    private Condition Meaning(string id, SourceLocation usedAt)
    {
        if (_resolved.TryGetValue(id, out var done))
            return done;
        if (_visiting.Contains(id))
        {
            var path = _visiting.Skip(_visiting.IndexOf(id)).Append(id);
            _errors.Add(new(usedAt, $"definitions use each other in a cycle: {string.Join(" -> ", path)}") { Kind = LawErrorKind.ExceptionCycle });
            return new Always(usedAt);
        }
        if (_visiting.Count >= MaxChain)
        {
            _errors.Add(new(usedAt, $"definitions use each other more than {MaxChain} deep here ({string.Join(" -> ", _visiting.Take(3))} -> ... -> {id}): name fewer layers of definitions"));
            return _resolved[id] = new Always(usedAt);
        }
        _visiting.Add(id);
        var meaning = Resolve(_byId[id].When);
        _visiting.RemoveAt(_visiting.Count - 1);
        var size = ExpandedTests(_byId[id].When);
        _size[id] = size;
        if (size > MaxExpandedTests)
        {
            _errors.Add(new(_byId[id].At, $"definition {id} expands to more than {MaxExpandedTests:N0} tests when the definitions it uses are written out"));
            return _resolved[id] = new Always(usedAt);
        }
        return _resolved[id] = meaning;
    }

    /// <summary>How many tests a condition holds once every definition it uses is written out,
    /// counted from the sizes of the definitions already resolved (so never walked exponentially).</summary>
    private long ExpandedTests(Condition c) => c switch
    {
        Defined d => 1 + _size.GetValueOrDefault(d.Name, 1),
        AllOf a => 1 + a.Parts.Sum(ExpandedTests),
        AnyOf a => 1 + a.Parts.Sum(ExpandedTests),
        Not n => 1 + ExpandedTests(n.Inner),
        Exists x => 1 + ExpandedTests(x.Where),
        _ => 1,
    };
}
