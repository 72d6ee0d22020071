namespace Comity.Law.Internal;

/// <summary>
/// Resolves the definitions a stack's conditions use by name: each use gets the definition's
/// condition as its meaning. A name that is no definition (a misspelt one, or a misspelt fact) is
/// refused where it is used; so is a definition that uses itself, directly or through others.
/// </summary>
internal sealed class Definitions
{
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
        _visiting.Add(id);
        var meaning = Resolve(_byId[id].When);
        _visiting.RemoveAt(_visiting.Count - 1);
        return _resolved[id] = meaning;
    }
}
