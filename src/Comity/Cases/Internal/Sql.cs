using System.Data.Common;
using System.Globalization;

namespace Comity.Cases.Internal;

/// <summary>
/// Small helpers that keep the stores' SQL readable: commands with named <c>@parameters</c>, and
/// typed reads. They take ADO.NET's base types, so one store runs on SQLite and PostgreSQL alike.
/// </summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, string text, DbTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        return command;
    }

    /// <summary>A command to run many times: its parameters, in order, take values in <see cref="Run"/>.</summary>
    public static DbCommand Prepare(DbConnection connection, Dialect dialect, string text, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameters)
            Add(command, name, null);
        if (dialect.PreparesCommands)
            command.Prepare();
        return command;
    }

    /// <summary>Adds a statement to <paramref name="batch"/>, its parameters named in order and given <paramref name="values"/>.</summary>
    public static void Add(DbBatch batch, string text, string[] parameters, object?[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = text;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = parameters[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        batch.BatchCommands.Add(command);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Runs a <see cref="Prepare">prepared</see> command with its parameters' values, in order; returns the first column of the first row.</summary>
    public static object? Run(DbCommand command, DbTransaction tx, params object?[] values)
    {
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteScalar();
    }

    public static int Execute(DbConnection connection, string text, DbTransaction? tx = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, text, tx, parameters);
        return command.ExecuteNonQuery();
    }

    public static long Scalar(DbConnection connection, string text, DbTransaction? tx = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, text, tx, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static List<T> List<T>(DbConnection connection, string text, Func<DbDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = Command(connection, text, null, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(map(reader));
        return list;
    }

    public static string? NullableString(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? NullableInt64(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
