using Comity.Contract;

namespace Comity.Conditions;

/// <summary>
/// A request flattened for the compiled conditions: enumerations as small integers, booleans as
/// bits, convictions with their offence classes already looked up. Filled once per request (one
/// instance per thread and engine, kept in its DecisionRun); the per-item fields are set for each
/// data item in turn.
/// </summary>
/// <remarks>
/// A fact that is not given (contract 1.1, <see cref="Law.Fact.CanBeUnknown"/>) is told apart from
/// false: an enumerated fact holds <see cref="Absent"/>, a boolean fact has its bit clear in
/// <see cref="Given"/> (and in <see cref="Bools"/>, so a test of it reads false until conditions are
/// evaluated in three values). <see cref="Value"/> reads a boolean in three values.
/// </remarks>
internal sealed class RequestFacts
{
    public const int Absent = -1;

    public readonly int[] Enums = new int[Enum.GetValues<Law.FactId>().Length];

    /// <summary>The boolean facts that are true, one bit per <see cref="Law.FactId"/>.</summary>
    public ulong Bools;

    /// <summary>The boolean facts that are given (true or false); a v1 fact always is.</summary>
    public ulong Given;

    /// <summary>
    /// The facts that can be left out (<see cref="Law.Fact.CanBeUnknown"/>, boolean or enumerated)
    /// and are, one bit per <see cref="Law.FactId"/>: a condition that reads none of them is
    /// decided in two values, as fast as ever; one that does is read in three.
    /// </summary>
    public ulong Unknown;
    public string Unit = "";
    public DateOnly Day;
    public ConvictionFacts[] Convictions = [];
    public ChargeFacts[] Charges = [];
    public ActorKind Kind;

    // Record arrays kept by length and reused from one request to the next: the compiled
    // conditions loop to the array's length, so each length has its own array. Only short ones:
    // a rare long list is allocated, not kept.
    private const int ReusedUpTo = 8;
    private ConvictionFacts[][] _convictionArrays = [];
    private ChargeFacts[][] _chargeArrays = [];

    public ConvictionFacts[] ConvictionArray(int length) => Reused(ref _convictionArrays, length);

    public ChargeFacts[] ChargeArray(int length) => Reused(ref _chargeArrays, length);

    private static T[] Reused<T>(ref T[][] arrays, int length)
    {
        if (length > ReusedUpTo)
            return new T[length];
        if (length >= arrays.Length)
            Array.Resize(ref arrays, length + 1);
        return arrays[length] ??= new T[length];
    }

    /// <summary>Sets an enumerated fact that can be left out; null marks it not given.</summary>
    public void SetUnknowable(Law.FactId fact, int? value)
    {
        Enums[(int)fact] = value ?? Absent;
        if (value is null)
            Unknown |= 1UL << (int)fact;
        else
            Unknown &= ~(1UL << (int)fact);
    }

    public bool Is(Law.FactId fact) => (Bools & (1UL << (int)fact)) != 0;

    public bool IsGiven(Law.FactId fact) => (Given & (1UL << (int)fact)) != 0;

    /// <summary>A boolean fact in three values: null when the request does not give it.</summary>
    public bool? Value(Law.FactId fact) => IsGiven(fact) ? Is(fact) : null;

    public void Set(Law.FactId fact, bool value) => Set(fact, (bool?)value);

    /// <summary>Sets a boolean fact; null marks it not given.</summary>
    public void Set(Law.FactId fact, bool? value)
    {
        var bit = 1UL << (int)fact;
        if (value == true)
            Bools |= bit;
        else
            Bools &= ~bit;
        if (value is null)
        {
            Given &= ~bit;
            Unknown |= bit;
        }
        else
        {
            Given |= bit;
            Unknown &= ~bit;
        }
    }
}

/// <summary>
/// A conviction with its classes looked up; <c>Code</c> as the caller wrote it. <c>Juvenile</c> is
/// null when not given; <see cref="IsJuvenile"/> reads that as false, which is exact only where no
/// record leaves it out: otherwise the conditions reading it are read in three values
/// (<see cref="KleeneTree"/>, <see cref="RequestFacts.Unknown"/>'s juvenile bit).
/// </summary>
internal readonly record struct ConvictionFacts(
    string Code, ConvictionLevel Level, ConvictionJurisdiction Jurisdiction, bool? Wobbler, bool ReducedByProp47, DateOnly Date, ulong Classes,
    bool? Juvenile)
{
    /// <summary>Marked a wobbler; a mark not given reads false here, as v1 read it (<c>wobbler is given</c> tells them apart).</summary>
    public bool IsWobbler => Wobbler == true;

    public bool WobblerGiven => Wobbler is not null;

    public bool IsJuvenile => Juvenile == true;

    public bool JuvenileGiven => Juvenile is not null;
}

internal readonly record struct ChargeFacts(string Code, ulong Classes);
