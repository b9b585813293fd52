using Microsoft.Data.Sqlite;
using SecondChance.Samples.Web.Storage;

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

    /// <summary>
    /// Builds the database of <paramref name="directory"/> as the version before the reminder outbox left it (every
    /// schema step before the one that made the outbox) and returns its connection string.
    /// </summary>
    public static string MigrateToTheVersionBeforeTheOutbox(TestStorage storage, string directory)
    {
        var connectionString = TestPostgres.Settings(storage, directory)["ConnectionStrings:SecondChance"]!;
        var migrations = storage == TestStorage.Sqlite ? SqliteCaseStore.Migrations : PostgreSqlCaseStore.Migrations;
        var previous = migrations.First(m => m.Script.Contains("CREATE TABLE reminder_outbox", StringComparison.Ordinal)).Version - 1;
        var steps = migrations.Where(m => m.Version <= previous);
        if (storage == TestStorage.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            SchemaMigrator.Upgrade(DbUp.DeployChanges.To.SqliteDatabase(connectionString), steps.Select(m => m with { Script = m.Script + $"\nPRAGMA user_version = {m.Version};" }), "old");
            SqliteConnection.ClearAllPools();
        }
        else
        {
            SchemaMigrator.Upgrade(DbUp.DeployChanges.To.PostgresqlDatabase(connectionString), steps, "old");
        }

        return connectionString;
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
