using System.Numerics;
using Comity.Engine;

namespace Comity.Analysis.Internal;

/// <summary>
/// A set of sets of standings, bit per value below 128: what the analysis does not yet know about
/// a whole box (which of several sets it is), over what the stack itself leaves open for one
/// question (the standings its referring layers' choices lead to, a byte with bit per
/// <see cref="Standing"/>). The analysis never meets <see cref="Standing.Referred"/> (the engine's
/// name for choices that disagree), so every member fits in seven bits.
/// </summary>
internal readonly record struct ChoiceSet(UInt128 Bits)
{
    public static readonly ChoiceSet Empty = new(UInt128.Zero);

    public static ChoiceSet Of(byte member) => new(UInt128.One << member);

    public ChoiceSet With(byte member) => new(Bits | (UInt128.One << member));

    public ChoiceSet Union(ChoiceSet other) => new(Bits | other.Bits);

    public bool IsEmpty => Bits == UInt128.Zero;

    public bool IsSingle => Bits != UInt128.Zero && (Bits & (Bits - UInt128.One)) == UInt128.Zero;

    public IEnumerable<byte> Members
    {
        get
        {
            var b = Bits;
            while (b != UInt128.Zero)
            {
                yield return (byte)(int)UInt128.TrailingZeroCount(b);
                b &= b - UInt128.One;
            }
        }
    }

    /// <summary>Whether every standing of <paramref name="member"/> absorbs: no lower layer can move it.</summary>
    public static bool Absorbing(byte member)
    {
        for (var s = 0; s < 8; s++)
            if ((member & (1 << s)) != 0 && !Combining.Absorbs((Standing)s))
                return false;
        return true;
    }

    /// <summary>Each standing of a member.</summary>
    public static IEnumerable<Standing> Standings(byte member)
    {
        for (var s = 0; s < 8; s++)
            if ((member & (1 << s)) != 0)
                yield return (Standing)s;
    }

    public static bool Single(byte member) => member != 0 && (member & (member - 1)) == 0;

    public override string ToString() => string.Join(" ", Members.Select(m => Convert.ToString(m, 2)));
}
