using Comity.Contract;
using Comity.Law;

namespace Comity.Analysis.Internal;

/// <summary>
/// A set of questions: for each <see cref="Dim"/> the values allowed (a bit mask), the days
/// received (<see cref="From"/> inclusive, <see cref="Until"/> exclusive), and, once the analysis
/// has split on them, what the subject's convictions and charges make true. Every question in a
/// leaf box gets the same answer, so one witness speaks for all of them.
/// </summary>
internal sealed class Box
{
    public Box(ulong[] masks, DateOnly from, DateOnly until)
    {
        Masks = masks;
        From = from;
        Until = until;
    }

    public ulong[] Masks { get; }
    public DateOnly From { get; }

    /// <summary>Exclusive; <see cref="DateOnly.MaxValue"/> for no end.</summary>
    public DateOnly Until { get; }

    public RecordChoice? Convictions { get; private init; }
    public RecordChoice? Charges { get; private init; }

    public ulong this[Dim d] => Masks[(int)d];

    public Box With(Dim d, ulong mask)
    {
        var masks = (ulong[])Masks.Clone();
        masks[(int)d] = mask;
        return new Box(masks, From, Until) { Convictions = Convictions, Charges = Charges };
    }

    public Box WithDays(DateOnly from, DateOnly until) => new(Masks, from, until) { Convictions = Convictions, Charges = Charges };

    public Box WithRecords(RecordKind kind, RecordChoice choice) => kind == RecordKind.Conviction
        ? new Box(Masks, From, Until) { Convictions = choice, Charges = Charges }
        : new Box(Masks, From, Until) { Convictions = Convictions, Charges = choice };

    public Box WithoutRecords(RecordKind kind) => kind == RecordKind.Conviction
        ? new Box(Masks, From, Until) { Charges = Charges }
        : new Box(Masks, From, Until) { Convictions = Convictions };

    /// <summary>Whether every question of this box is in <paramref name="other"/>.</summary>
    public bool Within(Box other)
    {
        for (var d = 0; d < Masks.Length; d++)
            if ((Masks[d] & ~other.Masks[d]) != 0)
                return false;
        return From >= other.From && Until <= other.Until
            && (other.Convictions is null || other.Convictions.Key == Convictions?.Key)
            && (other.Charges is null || other.Charges.Key == Charges?.Key);
    }

    public RecordChoice? Records(RecordKind kind) => kind == RecordKind.Conviction ? Convictions : Charges;

    /// <summary>
    /// Drops what the contract cannot send together: an item listed as public or held needs an item
    /// (<c>dataPublic</c> and <c>dataHeld</c> list items of <c>data</c>). Null when nothing is left.
    /// </summary>
    public Box? Normalized()
    {
        var box = this;
        if (box[Dim.ItemPublic] == 0b10)
            box = box.With(Dim.Item, box[Dim.Item] & ~(1UL << Space.AbsentItem));
        if (box[Dim.Item] == 1UL << Space.AbsentItem)
            box = box.With(Dim.ItemPublic, box[Dim.ItemPublic] & 0b01);
        // item.held is true or not given only of an item asked for; with no item it is false.
        if ((box[Dim.ItemHeld] & 0b01) == 0)
            box = box.With(Dim.Item, box[Dim.Item] & ~(1UL << Space.AbsentItem));
        if (box[Dim.Item] == 1UL << Space.AbsentItem)
            box = box.With(Dim.ItemHeld, box[Dim.ItemHeld] & 0b01);
        // The custody clock: past 48 hours only when past release, and both unknown or neither
        // (false, true, not given are values 0, 1, 2).
        if (box[Dim.PastRelease] == 0b001)
            box = box.With(Dim.Past48Hours, box[Dim.Past48Hours] & 0b001);
        if (box[Dim.Past48Hours] == 0b010)
            box = box.With(Dim.PastRelease, box[Dim.PastRelease] & 0b010);
        if (box[Dim.PastRelease] == 0b100)
            box = box.With(Dim.Past48Hours, box[Dim.Past48Hours] & 0b101);
        if (box[Dim.Past48Hours] == 0b100)
            box = box.With(Dim.PastRelease, box[Dim.PastRelease] & 0b110);
        // placeArea qualifies only some places, and document.court only a court's documents: where
        // one is given, the other is one of those; where none of those can be, it is not given.
        box = Qualifies(box, Dim.PlaceArea, Vocabularies.PlaceAreas.Count, Dim.Place, Bits(Comity.Contract.Internal.RequestCombinations.PlacesWithAreas));
        box = Qualifies(box, Dim.DocumentCourt, Vocabularies.Courts.Count, Dim.DocumentType, Bits(Comity.Contract.Internal.RequestCombinations.CourtDocuments));
        return box.Masks.Any(m => m == 0) ? null : box;
    }

    private static Box Qualifies(Box box, Dim qualifier, int notGiven, Dim qualified, ulong allowed)
    {
        var notGivenBit = 1UL << notGiven;
        if ((box[qualifier] & notGivenBit) == 0)
            box = box.With(qualified, box[qualified] & allowed);
        if ((box[qualified] & allowed) == 0)
            box = box.With(qualifier, box[qualifier] & notGivenBit);
        return box;
    }

    private static ulong Bits<T>(T[] values) where T : struct, Enum
    {
        var mask = 0UL;
        foreach (var v in values)
            mask |= 1UL << Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture);
        return mask;
    }
}
