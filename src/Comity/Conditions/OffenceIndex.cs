using System.Collections.Frozen;
using Comity.Contract;
using Comity.Law;

namespace Comity.Conditions;

/// <summary>
/// Classifies offence codes by the stack's tables. Each table and each contract offence class
/// is one bit; a code's mask has the bit of every table that lists it, directly or through
/// <c>includes</c>. A listed code also covers its subdivisions: "PC 245" covers "PC 245(a)(1)".
/// </summary>
internal sealed class OffenceIndex
{
    private readonly FrozenDictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> _byCode;
    private readonly ulong[] _asserted;

    public OffenceIndex(IReadOnlyList<OffenceTable> tables)
    {
        var names = Vocabularies.OffenceClasses.Names.Concat(tables.Select(t => t.Id)).Distinct().ToList();
        if (names.Count > 64)
            throw new LawException([new(tables[0].At, $"a stack may define at most {64 - Vocabularies.OffenceClasses.Count} offence tables besides the contract's classes")]);
        // Plain loops and one dictionary type with the hot lookup below: this runs at every start,
        // and each other generic over ulong or a tuple would be JIT-compiled there.
        var bits = new Dictionary<string, ulong>(names.Count);
        for (var i = 0; i < names.Count; i++)
            bits.Add(names[i], 1UL << i);
        Bits = bits;
        var byId = tables.ToDictionary(t => t.Id);
        // An asserted class counts as membership of the table of that name, and so of every
        // table that includes it, directly or through other tables.
        var classes = Vocabularies.OffenceClasses.Names;
        _asserted = new ulong[classes.Count];
        for (var c = 0; c < classes.Count; c++)
        {
            var mask = bits[classes[c]];
            foreach (var t in tables)
                if (Includes(t, classes[c], byId, []))
                    mask |= bits[t.Id];
            _asserted[c] = mask;
        }

        var codes = new Dictionary<string, ulong>();
        foreach (var table in tables)
            foreach (var code in CodesOf(table, byId, []).Select(Normalize))
            {
                codes.TryGetValue(code, out var mask);
                codes[code] = mask | bits[table.Id];
            }
        _byCode = codes.ToFrozenDictionary().GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The bit of each class name: the contract's classes and the stack's table ids.</summary>
    public IReadOnlyDictionary<string, ulong> Bits { get; }

    /// <summary>The classes of a code as the caller wrote it, plus those the caller asserts. Allocates nothing.</summary>
    public ulong Classify(string code, IReadOnlyList<OffenceClass> asserted)
    {
        var mask = 0UL;
        for (var i = 0; i < asserted.Count; i++)
            mask |= _asserted[Vocabulary<OffenceClass>.Index(asserted[i])];
        Span<char> buffer = code.Length <= 64 ? stackalloc char[code.Length] : new char[code.Length];
        ReadOnlySpan<char> key = buffer[..Normalize(code, buffer)];
        while (true)
        {
            if (_byCode.TryGetValue(key, out var m))
                mask |= m;
            var cut = key.LastIndexOf('(');
            if (cut <= 0 || key[^1] != ')')
                return mask;
            key = key[..cut];
        }
    }

    /// <summary>"pc 245 (a)(1)", "PC245(a)(1)" and "PC § 245(A)(1)" are one code: case, spaces, dots and § do not matter.</summary>
    public static string Normalize(string code)
    {
        Span<char> buffer = code.Length <= 64 ? stackalloc char[code.Length] : new char[code.Length];
        return new string(buffer[..Normalize(code, buffer)]);
    }

    private static int Normalize(string code, Span<char> into)
    {
        var n = 0;
        foreach (var c in code)
            if (!char.IsWhiteSpace(c) && c is not '.' and not '§')
                into[n++] = char.ToUpperInvariant(c);
        return n;
    }

    private static bool Includes(OffenceTable table, string id, Dictionary<string, OffenceTable> byId, HashSet<string> seen) =>
        seen.Add(table.Id) && table.Includes.Any(i => i == id || (byId.TryGetValue(i, out var inner) && Includes(inner, id, byId, seen)));

    private static IEnumerable<string> CodesOf(OffenceTable table, Dictionary<string, OffenceTable> byId, HashSet<string> seen)
    {
        if (!seen.Add(table.Id))
            return [];
        return table.Codes.Concat(table.Includes.SelectMany(i => CodesOf(byId[i], byId, seen)));
    }

    /// <summary>Whether a code matches a listed code: the same, or one of its subdivisions.</summary>
    public static bool Matches(string normalizedCode, string normalizedListed) =>
        normalizedCode == normalizedListed
        || (normalizedCode.StartsWith(normalizedListed, StringComparison.Ordinal) && normalizedCode[normalizedListed.Length] == '(');
}
