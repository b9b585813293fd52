using Microsoft.Data.Sqlite;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>Looks into the app's SQLite file directly, beside the app, the way an operator would.</summary>
public static class Database
{
    public static async Task<object?> Scalar(string directory, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "cases.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}
