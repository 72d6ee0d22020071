using Npgsql;

namespace Comity.Storage;

/// <summary>
/// How Comity connects to PostgreSQL, the same for the ledger and the case database: the connection
/// string as given, plus automatic preparation of the statements it runs again and again (unless the
/// string sets <c>Max Auto Prepare</c> itself).
/// </summary>
/// <remarks>
/// Every recorded decision runs the same few statements (its ledger entry, its case, its duties).
/// Sent unprepared, PostgreSQL parsed, analysed and planned each one afresh: a third of its CPU per
/// recorded decision went there (perf on the cluster bench). Prepared once per pooled connection,
/// they are only bound and run. See docs/speed.md.
/// </remarks>
internal static class PostgresConnections
{
    /// <summary>Statements kept prepared on each connection: the writers' few, and the readers' most frequent.</summary>
    public const int AutoPrepared = 64;

    public static NpgsqlDataSource Open(NpgsqlConnectionStringBuilder builder)
    {
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPrepared;
            builder.AutoPrepareMinUsages = 2;
        }
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
