using Comity.Cases;
using Comity.Ledger;

namespace Comity.Storage;

/// <summary>Opens Comity's databases where a <see cref="StoreLocation"/> says: the doors (server, CLI) open them through here.</summary>
public static class Stores
{
    /// <summary>The case database (cases, users, tokens, access log, webhooks).</summary>
    /// <exception cref="CaseStoreException">when it cannot be opened or is not one this build can use.</exception>
    public static CaseDatabase OpenCases(StoreLocation store) => CaseDatabase.Open(store);

    /// <summary>The ledger: the data folder's ledger.db, or the PostgreSQL database's <c>ledger</c> schema (its signing key stays in the data folder).</summary>
    /// <exception cref="LedgerException">when it cannot be opened.</exception>
    public static TransparencyLog OpenLedger(StoreLocation store, LedgerOptions? options = null) =>
        TransparencyLog.Open(store, options);
}
