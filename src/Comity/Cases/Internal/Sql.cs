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
