using Microsoft.Data.Sqlite;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>The outbox's and intake log's connections to the SQLite file are set up like the store's own.</summary>
public sealed class SqliteDataSourceTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    [Fact]
    public async Task Connection_OpenedSyncOrAsync_IsPooledAndSetUpLikeTheStoresSessions()
    {
        await using var source = new SqliteDataSource($"Data Source={Path.Combine(_directory, "cases.db")};Pooling=False");

        new SqliteConnectionStringBuilder(source.ConnectionString).Pooling.Should().BeTrue();
        await using (var connection = await source.OpenConnectionAsync())
        {
            Pragma(connection, "synchronous").Should().Be(1, "NORMAL, as the store's sessions");
            Pragma(connection, "busy_timeout").Should().Be(10000);
        }

        await using (var connection = source.OpenConnection())
        {
            Pragma(connection, "synchronous").Should().Be(1);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }

    private static long Pragma(System.Data.Common.DbConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)command.ExecuteScalar()!;
    }
}
