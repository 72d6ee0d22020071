using Comity.Ledger;
using Comity.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Comity.Tests.Ledger;

/// <summary>
/// Raw SQL on a test store's ledger tables, as a tamperer (or a buggy second writer) would run it,
/// beside the ledger's own code: the file <c>ledger.db</c>, or the schema <c>ledger</c> in PostgreSQL.
/// The statements used by the provider suite are written in SQL both understand.
/// </summary>
internal static class LedgerStoreSql
{
    public static void Execute(TestStore store, string sql, params object[] parameters)
    {
        using var connection = Connect(store);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, parameters);
        command.ExecuteNonQuery();
    }

    public static T Scalar<T>(TestStore store, string sql, params object[] parameters)
    {
        using var connection = Connect(store);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, parameters);
        var value = command.ExecuteScalar();
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static System.Data.Common.DbConnection Connect(TestStore store)
    {
        System.Data.Common.DbConnection connection = store.Provider == StoreProvider.Postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.Location.PostgresConnectionString) { SearchPath = "ledger", Pooling = false }.ConnectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(store.DataFolder, TransparencyLog.DatabaseFileName), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Parameters are $1, $2, ... in both dialects.</summary>
    private static void Bind(System.Data.Common.DbCommand command, object[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            if (command is SqliteCommand)
                parameter.ParameterName = "$" + (i + 1);
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }
    }
}
