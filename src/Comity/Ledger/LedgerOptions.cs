namespace Comity.Ledger;

/// <summary>How <see cref="TransparencyLog.Open"/> opens a ledger.</summary>
public sealed record LedgerOptions
{
    /// <summary>
    /// The log's origin (checkpoint first line and key name), used only when the ledger is
    /// created; later opens take it from the key file. Default: <c>comity.local/ledger-</c> and
    /// eight random hexadecimal digits, unique per ledger as the checkpoint spec asks.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>The SQLite file; default <c>ledger.db</c> in the data folder. May be the cases' own file.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>
    /// Open for reading only: nothing is created, locked or signed, and the latest stored
    /// checkpoint is the latest there is. Another process may be appending meanwhile.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>The most appends one transaction (one sync) takes.</summary>
    public int MaxBatch { get; init; } = 16384;
}
