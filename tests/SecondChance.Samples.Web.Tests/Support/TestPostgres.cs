using Npgsql;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>Where a test stores cases.</summary>
public enum TestStorage
{
    /// <summary>An SQLite file in the test's temporary folder.</summary>
    Sqlite,

    /// <summary>A database of its own on the PostgreSQL server named by SECONDCHANCE_TEST_POSTGRES.</summary>
    PostgreSql,
}

/// <summary>
/// The PostgreSQL server the tests use: <c>./test.sh</c> starts a throwaway one and puts a superuser's
/// connection string in SECONDCHANCE_TEST_POSTGRES. Each test folder gets a database named after it,
/// made on first use and dropped with the folder.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "SECONDCHANCE_TEST_POSTGRES";

    /// <summary>Gets the server's connection string, or fails the test saying how to get one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. Run the PostgreSQL tests through ./test.sh, which starts a throwaway server, e.g. ./test.sh --filter \"FullyQualifiedName~PostgreSql\".");

    /// <summary>The database name that belongs to a test folder.</summary>
    public static string DatabaseFor(string directory) => "sc_test_" + Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)).ToLowerInvariant();

    /// <summary>A connection string for <paramref name="database"/> on the test server.</summary>
    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, MaxPoolSize = 20 }.ConnectionString;

    /// <summary>The app settings that make it store in <paramref name="storage"/> for this folder (creating the database if needed).</summary>
    public static IReadOnlyDictionary<string, string?> Settings(TestStorage storage, string directory)
    {
        if (storage == TestStorage.Sqlite)
        {
            return new Dictionary<string, string?> { ["ConnectionStrings:SecondChance"] = "Data Source=" + Path.Combine(directory, "cases.db") };
        }

        var database = DatabaseFor(directory);
        Create(database);
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:SecondChance"] = ConnectionString(database),
        };
    }

    /// <summary>Creates an empty database unless it exists.</summary>
    public static void Create(string database)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name;", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\";", connection);
            create.ExecuteNonQuery();
        }
    }

    /// <summary>Drops the database that belongs to a test folder, if there is one.</summary>
    public static void DropFor(string directory)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 })
        {
            return;
        }

        Drop(DatabaseFor(directory));
    }

    /// <summary>Drops a database, closing whatever connections it still has.</summary>
    public static void Drop(string database)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE);", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>Runs a query that answers one number against a database of the test server.</summary>
    public static long Count(string database, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one statement against a database of the test server.</summary>
    public static void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
