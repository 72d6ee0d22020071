using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Comity.Cases.Internal;

/// <summary>Small helpers that keep the stores' SQL readable: commands with named parameters, and typed reads.</summary>
internal static class Sql
{
    public static SqliteCommand Command(SqliteConnection connection, string text, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>A command to run many times: its parameters, in order, take values in <see cref="Run"/>.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string text, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    /// <summary>Runs a <see cref="Prepare">prepared</see> command with its parameters' values, in order; returns the first column of the first row.</summary>
    public static object? Run(SqliteCommand command, SqliteTransaction tx, params object?[] values)
    {
        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteScalar();
    }

    public static int Execute(SqliteConnection connection, string text, SqliteTransaction? tx = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, text, tx, parameters);
        return command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string text, SqliteTransaction? tx = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, text, tx, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static List<T> List<T>(SqliteConnection connection, string text, Func<SqliteDataReader, T> map, params (string, object?)[] parameters)
    {
        using var command = Command(connection, text, null, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(map(reader));
        return list;
    }

    public static string? NullableString(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long? NullableInt64(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
