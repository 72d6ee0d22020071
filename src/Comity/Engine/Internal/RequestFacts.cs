using Comity.Contract;

namespace Comity.Engine.Internal;

/// <summary>
/// A request flattened for the compiled conditions: enumerations as small integers, booleans as
/// bits, convictions with their offence classes already looked up. Filled once per request (one
/// instance per thread and engine, kept in its DecisionRun); the per-item fields are set for each
/// data item in turn.
/// </summary>
internal sealed class RequestFacts
{
    public const int Absent = -1;

    public readonly int[] Enums = new int[(int)Law.FactId.Outcome + 1];
    public ulong Bools;
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

    public bool Is(Law.FactId fact) => (Bools & (1UL << (int)fact)) != 0;

    public void Set(Law.FactId fact, bool value)
    {
        if (value)
            Bools |= 1UL << (int)fact;
        else
            Bools &= ~(1UL << (int)fact);
    }
}

/// <summary>A conviction with its classes looked up; <c>Code</c> as the caller wrote it.</summary>
internal readonly record struct ConvictionFacts(
    string Code, ConvictionLevel Level, ConvictionJurisdiction Jurisdiction, bool Wobbler, bool ReducedByProp47, DateOnly Date, ulong Classes);

internal readonly record struct ChargeFacts(string Code, ulong Classes);
