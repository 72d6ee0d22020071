namespace Comity.Replay;

/// <summary>A recorded decision that did not come out the same: its entry and the first place its answer differs (or why it could not be decided again).</summary>
public sealed record Irreproducible(long Entry, string Kind, string Problem);

/// <summary>
/// What reproducing recorded decisions found: how many entries were read, how many were
/// decisions (or corrections) decided again, and those whose answer was not the same bytes.
/// <see cref="Differences"/> holds the first <see cref="Reproducer.MaxListed"/> in entry order;
/// <see cref="Irreproducible"/> counts them all.
/// </summary>
public sealed record Reproduction(long From, long To, long Entries, long Decisions, long IrreproducibleCount, IReadOnlyList<Irreproducible> Differences)
{
    public bool Ok => IrreproducibleCount == 0;
}
