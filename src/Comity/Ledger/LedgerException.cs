namespace Comity.Ledger;

/// <summary>
/// The ledger cannot do what was asked, and the message says why in an auditor's terms: an entry
/// that does not exist, a store that does not verify, a note not signed by the expected key.
/// </summary>
public sealed class LedgerException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The ledger could not be opened for writing because another process (a running server) holds it.</summary>
    public bool HeldByAnotherProcess { get; init; }
}
