using Microsoft.Data.Sqlite;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>Looks into the app's database directly, beside the app, the way an operator would.</summary>
public static class Database
{
    /// <summary>Runs a query that answers one value on the database of <paramref name="factory"/>, SQLite or PostgreSQL (name parameters <c>@name</c>).</summary>
    public static async Task<object?> Scalar(WebAppFactory factory, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var connection = factory.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteScalarAsync();
    }

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
