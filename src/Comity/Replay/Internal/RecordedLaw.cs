using System.Collections.Concurrent;
using Comity.Engine;
using Comity.Law;
using Comity.Ledger;
using Comity.Recording;

namespace Comity.Replay.Internal;

/// <summary>
/// The stacks recorded in a ledger, each read back and compiled once, shared by every worker:
/// the law a recorded decision was made under, from the ledger alone.
/// </summary>
internal sealed class RecordedLaw(TransparencyLog ledger)
{
    private readonly StackVersions versions = new(ledger, TimeProvider.System);
    private readonly ConcurrentDictionary<string, Lazy<(Stack? Stack, DecisionEngine? Engine, string? Problem)>> loaded = new(StringComparer.Ordinal);

    /// <summary>The engine of the stack a case was decided under (by its stack entry, or else its digest), or why there is none.</summary>
    public (Stack? Stack, DecisionEngine? Engine, string? Problem) Of(RecordedCase c)
    {
        var key = c.StackEntry is { } e ? "entry:" + e : "digest:" + c.StackDigest;
        return loaded.GetOrAdd(key, _ => new(() => Load(c))).Value;
    }

    private (Stack?, DecisionEngine?, string?) Load(RecordedCase c)
    {
        try
        {
            var stored = c.StackEntry is { } entry ? versions.Read(entry) : versions.Read(c.StackDigest);
            if (stored.Digest != c.StackDigest)
                return (null, null, $"it names digest {c.StackDigest} but points at stack entry {stored.Entry}, which holds {stored.Digest}");
            var stack = stored.Load();
            return (stack, DecisionEngine.Compile(stack), null);
        }
        catch (LedgerException e)
        {
            return (null, null, e.Message);
        }
    }
}
