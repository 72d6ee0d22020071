using System.Security.Cryptography;
using System.Text;
using Comity.Contract;
using Comity.Law.Internal;

namespace Comity.Law;

/// <summary>
/// Loads a stack from its folder: <c>stack.law</c> names the stack and its layers, highest
/// authority first; each layer is the folder of that name, and every <c>*.law</c> file in it
/// (in name order) holds that layer's rules, duties, risks and offence tables. A clause
/// <c>layer federal from "../../federal"</c> reads a layer from a folder elsewhere instead,
/// relative to the stack folder, so that several stacks share one copy of a layer (federal law is
/// the same in Los Angeles and in Austin); further folders after a comma add their files to the
/// layer (a circuit's precedent: <c>"../../federal", "../../federal/fifth-circuit"</c>).
/// </summary>
public static class StackLoader
{
    public const string StackFile = "stack.law";

    /// <exception cref="LawException">with every error found, each with file:line:column.</exception>
    public static Stack Load(string directory)
    {
        var errors = new List<LawError>();
        var stackPath = Path.Combine(directory, StackFile);
        if (!File.Exists(stackPath))
            throw new LawException([new(new(stackPath, 1, 1), $"no {StackFile} here: a stack folder starts with a {StackFile} naming the stack and its layers")]);

        var files = new List<SourceFile>();
        var sourceFiles = new List<StackSource>();
        var stackText = ReadSource(stackPath, StackFile, StackFile, sourceFiles);
        files.Add(new SourceFile(StackFile, stackText));
        var (id, title, layerNames, sources, timeZone) = ReadHeader(stackPath, stackText, errors);
        var units = UnitDeclarations.Read(stackPath, stackText, errors);

        var layers = new List<Layer>();
        var tables = new List<OffenceTable>();
        var definitions = new List<Definition>();
        foreach (var layerName in layerNames)
        {
            var layerDir = Path.Combine(directory, layerName.Text);
            List<string> folders = [layerDir];
            if (sources.TryGetValue(layerName.Text, out var from))
            {
                folders = from.Select(f => LayerFolder(directory, f, errors)).OfType<string>().ToList();
                if (folders.Count < from.Count)
                    continue;
                if (Directory.Exists(layerDir))
                    errors.Add(new(from[0].At, $"layer \"{layerName.Text}\" is read from \"{from[0].Text}\", but the stack also has a folder {layerDir}: remove one of them"));
            }
            else if (!Directory.Exists(layerDir))
            {
                errors.Add(new(layerName.At, $"layer \"{layerName.Text}\" has no folder {layerDir}"));
                continue;
            }
            var parser = new RuleFileParser(layerName.Text, errors);
            foreach (var folder in folders)
                foreach (var file in Directory.GetFiles(folder, "*.law").Order(StringComparer.Ordinal))
                {
                    // Named as the stack sees it (layer/file, a further folder's files by their path
                    // from the first): the digest does not depend on where a shared layer is kept.
                    var name = $"{layerName.Text}/{Path.GetRelativePath(folders[0], file).Replace(Path.DirectorySeparatorChar, '/')}";
                    var text = ReadSource(file, name, Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/'), sourceFiles);
                    files.Add(new SourceFile(name, text));
                    parser.Parse(file, text);
                }
            layers.Add(new Layer(layerName.Text, parser.Provisions));
            tables.AddRange(parser.Tables);
            definitions.AddRange(parser.Definitions);
        }
        var named = new Definitions(definitions, errors);
        layers = layers.Select(l => l with { Provisions = l.Provisions.Select(named.Resolve).ToList() }).ToList();
        var resolvedDefinitions = named.All();
        if (errors.Count == 0 && units.Count > 0)
            layers = UnitDeclarations.Expand(layers, units, errors);
        if (errors.Count == 0)
            Validate(layers, tables, resolvedDefinitions, errors);
        // The duty schedule says whose each duty is and when it falls due, never what is decided;
        // it is hashed and recorded with the law all the same, so that a digest names one set of
        // files and a recorded case's duties can be read back with the law that decided it.
        var declaredDuties = layers.SelectMany(l => l.Provisions).Where(p => p.Kind == ProvisionKind.Duty).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var dutiesPath = Path.Combine(directory, DutySchedule.FileName);
        var duties = DutySchedule.Empty;
        if (File.Exists(dutiesPath))
        {
            var dutiesText = ReadSource(dutiesPath, DutySchedule.FileName, DutySchedule.FileName, sourceFiles);
            files.Add(new SourceFile(DutySchedule.FileName, dutiesText));
            duties = DutySchedule.Read(dutiesPath, sourceFiles[^1].Bytes, declaredDuties, errors);
        }
        if (errors.Count > 0)
            throw new LawException(errors);
        return new Stack(id, title, layers, tables, Digest(files)) { Units = units, Definitions = resolvedDefinitions, TimeZone = timeZone, Sources = sourceFiles, Duties = duties };
    }

    /// <summary>
    /// Reads a file of the stack once, as bytes kept for the ledger (a stack version is recorded
    /// with every file it was read from, so that it can be written back byte for byte), and as
    /// the text the parser and the digest read (File.ReadAllText's decoding: a byte-order mark is not text).
    /// </summary>
    private static string ReadSource(string file, string name, string path, List<StackSource> sources)
    {
        var bytes = File.ReadAllBytes(file);
        sources.Add(new StackSource(name, path, bytes));
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static (string Id, string Title, List<Token> Layers, Dictionary<string, List<Token>> Sources, string? TimeZone) ReadHeader(string path, string text, List<LawError> errors)
    {
        var blocks = Blocks.Group(Lexer.Lex(path, text, errors), k => k is "title" or "layers" or "layer" or "time-zone", errors);
        blocks.RemoveAll(b => b.Keyword.Is("unit")); // read by UnitDeclarations
        if (blocks.Count != 1 || !blocks[0].Keyword.Is("stack") || blocks[0].Head.Count != 1)
        {
            errors.Add(new(new(path, 1, 1), "expected one block: stack ID, then indented \"title\" and \"layers\" clauses"));
            return ("", "", [], [], null);
        }
        var block = blocks[0];
        if (block.Damage is { } damage)
            errors.Add(damage);
        var title = "";
        string? timeZone = null;
        var layers = new List<Token>();
        var sourceNames = new List<Token>();
        var sources = new Dictionary<string, List<Token>>();
        foreach (var clause in block.Clauses)
        {
            try
            {
                var cursor = new TokenCursor(clause.Tokens, clause.End);
                if (clause.Keyword.Is("title"))
                    title = cursor.Expect(TokenKind.String, "the stack's title in quotes").Text;
                else if (clause.Keyword.Is("layers"))
                    layers = cursor.List(TokenKind.Word, "layer names, highest authority first, separated by commas");
                else if (clause.Keyword.Is("time-zone"))
                    timeZone = TimeZoneClause.Read(cursor, "the stack's");
                else
                {
                    var name = cursor.Expect(TokenKind.Word, "the name of a layer of the stack");
                    cursor.ExpectWord("from", " and the layer's folder in quotes, relative to the stack folder");
                    var folders = cursor.List(TokenKind.String, "the layer's folders in quotes, relative to the stack folder, separated by commas");
                    if (!sources.TryAdd(name.Text, folders))
                        errors.Add(new(name.At, $"layer \"{name.Text}\" is already read from \"{sources[name.Text][0].Text}\" ({sources[name.Text][0].At})"));
                    else
                        sourceNames.Add(name);
                }
                cursor.ExpectEnd($"the {clause.Keyword.Text}");
            }
            catch (ParseFailure failure)
            {
                errors.Add(failure.Error);
            }
        }
        foreach (var name in sourceNames.Where(n => !layers.Any(l => l.Text == n.Text)))
            errors.Add(new(name.At, $"\"{name.Text}\" is not one of the stack's layers ({string.Join(", ", layers.Select(l => l.Text))}); name it in \"layers\" too"));
        if (layers.Count == 0)
            errors.Add(new(block.Keyword.At, "the stack names no layers: add \"layers federal, state, city\", highest authority first"));
        foreach (var dup in layers.GroupBy(l => l.Text).Where(g => g.Count() > 1))
            errors.Add(new(dup.Skip(1).First().At, $"layer \"{dup.Key}\" is named twice"));
        // A layer's name is the folder beside stack.law it is read from: "." or ".." would read
        // law from outside the stack's own folder without saying so ("layer X from" says so).
        foreach (var outside in layers.Where(l => l.Text is "." or ".." || l.Text.Contains('/') || l.Text.Contains('\\')).ToList())
        {
            errors.Add(new(outside.At, $"layer name \"{outside.Text}\" is not a folder inside the stack: name the layer and read it from elsewhere with layer NAME from \"PATH\""));
            layers.Remove(outside);
        }
        return (block.Head[0].Text, title, layers, sources, timeZone);
    }

    /// <summary>
    /// The folder a <c>layer ... from "PATH"</c> clause names, resolved against the stack folder and
    /// written without "..", so that errors in its files read stacks/us/federal/x.law:3:1; null
    /// (with an error at the path) when there is no such folder.
    /// </summary>
    private static string? LayerFolder(string stackDir, Token from, List<LawError> errors)
    {
        var full = Path.GetFullPath(Path.Combine(stackDir, from.Text));
        var folder = Path.IsPathRooted(stackDir) ? full : Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        if (from.Text.Length == 0 || full.TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(stackDir).TrimEnd(Path.DirectorySeparatorChar))
        {
            errors.Add(new(from.At, "a layer's folder must be another folder than the stack's own"));
            return null;
        }
        if (!Directory.Exists(full))
        {
            errors.Add(new(from.At, $"no folder \"{from.Text}\" (resolved to {folder}): a layer read from elsewhere names its folder relative to the stack folder"));
            return null;
        }
        return folder;
    }

    private static void Validate(List<Layer> layers, List<OffenceTable> tables, List<Definition> definitions, List<LawError> errors)
    {
        var provisions = layers.SelectMany(l => l.Provisions).ToList();
        foreach (var group in provisions.GroupBy(p => p.Id))
        {
            var versions = group.ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                var first = versions[0];
                var p = versions[i];
                if (p.Layer != first.Layer || p.Kind != first.Kind)
                    errors.Add(new(p.At, $"id {p.Id} is already used at {first.At}; versions of one provision share its layer and kind") { Provision = p.Id });
                foreach (var earlier in versions.Take(i).Where(e => e.Period.Overlaps(p.Period)))
                    errors.Add(new(p.At, $"{p.Id} is in force {p.Period}, overlapping its version at {earlier.At} ({earlier.Period})")
                    {
                        Kind = LawErrorKind.OverlappingPeriods, Provision = p.Id,
                    });
            }
        }

        var tableIds = new Dictionary<string, OffenceTable>();
        foreach (var t in tables)
            if (!tableIds.TryAdd(t.Id, t))
                errors.Add(new(t.At, $"table {t.Id} is already defined at {tableIds[t.Id].At}"));
        foreach (var t in tables)
            foreach (var inc in t.Includes.Where(i => !tableIds.ContainsKey(i)))
                errors.Add(new(t.At, $"table {t.Id} includes {inc}, which no layer defines"));
        if (errors.Count == 0)
            foreach (var cycle in Cycles(tables.Select(t => new GraphNode(t.Id, t.Includes, t.At))))
                errors.Add(new(cycle.At, $"tables include each other in a cycle: {cycle.Path}"));

        var classes = new HashSet<string>(tableIds.Keys.Concat(Vocabularies.OffenceClasses.Names));
        foreach (var d in definitions)
            foreach (var c in Walk(d.When, definitions: false).OfType<HasClass>().Where(c => !classes.Contains(c.Class)))
                errors.Add(new(c.At, $"no offence table or class named {c.Class}; expected one of {string.Join(", ", classes.Order(StringComparer.Ordinal))}")
                {
                    Kind = LawErrorKind.UnknownValue,
                });
        foreach (var p in provisions)
            foreach (var c in Walk(p.When, definitions: false).OfType<HasClass>().Where(c => !classes.Contains(c.Class)))
                errors.Add(new(c.At, $"no offence table or class named {c.Class}; expected one of {string.Join(", ", classes.Order(StringComparer.Ordinal))}")
                {
                    Kind = LawErrorKind.UnknownValue, Provision = p.Id,
                });

        // Inside "any (...)" each record passes or fails: a request fact that may be left out is read
        // there as a plain test, so it would read false when not given. Refused: test it outside.
        var reported = new HashSet<SourceLocation>();
        foreach (var p in provisions)
            foreach (var x in Walk(p.When).OfType<Exists>())
                foreach (var t in Walk(x.Where).Where(t => t is IsTrue { Fact: { Scope: FactScope.Request, CanBeUnknown: true } } or IsOneOf { Fact: { Scope: FactScope.Request, CanBeUnknown: true } }))
                {
                    if (!reported.Add(t.At))
                        continue; // a definition used by several rules: once, where it is written
                    var fact = t is IsTrue b ? b.Fact : ((IsOneOf)t).Fact;
                    errors.Add(new(t.At, $"{fact.Name} may be left out of a request, and inside \"any (...)\" it cannot be read as unknown: test it outside \"any\"") { Provision = p.Id });
                }

        foreach (var layer in layers)
        {
            var ids = layer.Provisions.Where(p => p.Kind == ProvisionKind.Rule).Select(p => p.Id).ToHashSet();
            foreach (var p in layer.Provisions)
                foreach (var target in p.ExceptionTo)
                {
                    if (target == p.Id)
                        errors.Add(new(p.At, $"{p.Id} names itself as an exception") { Kind = LawErrorKind.ExceptionCycle, Provision = p.Id });
                    else if (!ids.Contains(target))
                        errors.Add(new(p.At, provisions.FirstOrDefault(o => o.Id == target) switch
                        {
                            null => $"{p.Id} is an exception to {target}, which no layer defines",
                            { Kind: not ProvisionKind.Rule } other =>
                                $"{p.Id} is an exception to {target}, which is a {other.Kind.ToString().ToLowerInvariant()}; only rules can be set aside",
                            _ => $"{p.Id} is an exception to {target}, which is not a rule of layer {layer.Name}; exceptions work inside one layer",
                        }) { Provision = p.Id });
                }
            foreach (var p in layer.Provisions.Where(p => p.ConflictsWith.Count > 0))
                ValidateConflicts(p, layers, errors);
            if (errors.Count == 0)
                foreach (var cycle in Cycles(layer.Provisions.DistinctBy(p => p.Id).Select(p => new GraphNode(p.Id, layer.Provisions.Where(v => v.Id == p.Id).SelectMany(v => v.ExceptionTo).ToList(), p.At))))
                    errors.Add(new(cycle.At, $"exceptions form a cycle: {cycle.Path}") { Kind = LawErrorKind.ExceptionCycle, Provision = cycle.Path.Split(" -> ")[0] });
        }
    }

    /// <summary><c>conflicts with</c> names floor rules of higher layers, and only a deny can restrict a floor.</summary>
    private static void ValidateConflicts(Provision p, List<Layer> layers, List<LawError> errors)
    {
        if (p.Effect != Effect.Deny)
        {
            errors.Add(new(p.At, $"{p.Id} says it conflicts with a floor, but only a deny can restrict a floor; its effect is {Vocabularies.Effects.Name(p.Effect ?? Effect.Refer)}") { Provision = p.Id });
            return;
        }
        var above = layers.TakeWhile(l => l.Name != p.Layer).SelectMany(l => l.Provisions).ToList();
        foreach (var id in p.ConflictsWith.Where(id => !above.Any(a => a.Id == id && a.Effect == Effect.Floor)))
            errors.Add(new(p.At, $"{p.Id} conflicts with {id}, which is not a floor rule of a layer above {p.Layer}") { Provision = p.Id });
    }

    // Classes, not tuples: the framework's generics (lists, dictionaries, LINQ) over tuples would be
    // JIT-compiled at every start, since ReadyToRun cannot precompile them; over classes they share
    // the framework's precompiled code.
    private sealed record GraphNode(string Id, IReadOnlyList<string> Edges, SourceLocation At);

    private sealed record Cycle(SourceLocation At, string Path);

    private sealed record SourceFile(string Name, string Text);

    /// <summary>Each cycle in a graph of named nodes, reported once at the first node found on it.</summary>
    private static List<Cycle> Cycles(IEnumerable<GraphNode> nodes)
    {
        var graph = nodes.ToDictionary(n => n.Id);
        var state = new Dictionary<string, int>();
        var stack = new List<string>();
        var found = new List<Cycle>();

        void Visit(string id)
        {
            state[id] = 1;
            stack.Add(id);
            foreach (var next in graph[id].Edges.Where(graph.ContainsKey))
            {
                state.TryGetValue(next, out var seen);
                if (seen == 1)
                {
                    var path = stack.Skip(stack.IndexOf(next)).Append(next);
                    found.Add(new Cycle(graph[next].At, string.Join(" -> ", path)));
                }
                else if (seen == 0)
                    Visit(next);
            }
            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
        }

        foreach (var id in graph.Keys.Where(id => !state.ContainsKey(id)).ToList())
            Visit(id);
        return found;
    }

    /// <summary>A condition and every condition inside it; with <paramref name="definitions"/>, through the definitions it uses too.</summary>
    internal static IEnumerable<Condition> Walk(Condition c, bool definitions = true)
    {
        yield return c;
        IEnumerable<Condition> children = c switch
        {
            AllOf a => a.Parts,
            AnyOf a => a.Parts,
            Not n => [n.Inner],
            Exists e => [e.Where],
            Defined { Meaning: { } meaning } when definitions => [meaning],
            _ => [],
        };
        foreach (var child in children)
            foreach (var d in Walk(child, definitions))
                yield return d;
    }

    /// <summary>SHA-256 over every file of the stack, by name, with line endings normalised.</summary>
    private static string Digest(List<SourceFile> files)
    {
        var sb = new StringBuilder();
        foreach (var (name, text) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            sb.Append(name).Append('\n').Append(text.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\0');
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
