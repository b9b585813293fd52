using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>
/// The SQLite store's commit stamp, which lets the case cache skip asking for a case's version: a stamp
/// repeats only while nothing at all is committed, by the store or by any other connection to the file.
/// </summary>
public sealed class SqliteCommitWatchTests : IDisposable
{
    private readonly string _directory = TempDirectory.Create();

    [Fact]
    public async Task Stamp_StaysTheSame_WhileNothingIsCommitted_AndChangesWithEveryCommit_OfTheStoreOrAnotherConnection()
    {
        await using var store = TestStores.OpenSqlite(_directory);
        await store.CreateAsync("acme", "c1", new CaseRow("a", "Alex", "Contoso", null, "rules", "UTC"), CancellationToken.None);

        var first = store.CommitStamp();
        first.Should().BePositive();
        store.CommitStamp().Should().Be(first);
        (await store.GetAsync("acme", "c1", CancellationToken.None)).Should().NotBeNull();
        store.CommitStamp().Should().Be(first, "reading commits nothing");

        await using (var other = Open())
        {
            await using var touch = other.CreateCommand();
            touch.CommandText = "UPDATE cases SET version = version + 1 WHERE id = 'c1';";
            (await touch.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var afterOther = store.CommitStamp();
        afterOther.Should().BePositive().And.NotBe(first);
        store.CommitStamp().Should().Be(afterOther);

        await store.CreateAsync("acme", "c2", new CaseRow("b", "Sam", "Contoso", null, "rules", "UTC"), CancellationToken.None);
        store.CommitStamp().Should().NotBe(first).And.NotBe(afterOther);
    }

    [Fact]
    public async Task ConcurrentCallers_AfterACommitFinished_NeverGetAStampFromBeforeIt()
    {
        await using var store = TestStores.OpenSqlite(_directory);
        await using var other = Open();
        await using var touch = other.CreateCommand();
        touch.CommandText = "INSERT OR REPLACE INTO tenant_changes (tenant, version) VALUES ('watch', $n);";
        var parameter = touch.Parameters.Add("$n", SqliteType.Integer);

        for (var round = 0; round < 20; round++)
        {
            var before = new ConcurrentBag<long>();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                for (var n = 0; n < 50; n++)
                {
                    before.Add(store.CommitStamp()!.Value);
                }
            })));

            parameter.Value = round;
            (await touch.ExecuteNonQueryAsync()).Should().Be(1);

            var after = new ConcurrentBag<long>();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => after.Add(store.CommitStamp()!.Value))));
            after.Should().OnlyContain(s => s > 0).And.NotIntersectWith(before, "round {0}: every call began after the commit", round);
        }
    }

    [Fact]
    public async Task TenantVersion_IsReadAgainAfterAnyCommit_EvenOneThatBypassedTheStore()
    {
        await using var store = TestStores.OpenSqlite(_directory);
        await store.CreateAsync("acme", "c1", new CaseRow("a", "Alex", "Contoso", null, "rules", "UTC"), CancellationToken.None);
        var first = await store.TenantVersionAsync("acme", CancellationToken.None);
        (await store.TenantVersionAsync("acme", CancellationToken.None)).Should().Be(first);

        await using (var other = Open())
        {
            await using var bump = other.CreateCommand();
            bump.CommandText = "UPDATE tenant_changes SET version = version + 41 WHERE tenant = 'acme';";
            (await bump.ExecuteNonQueryAsync()).Should().Be(1);
        }

        (await store.TenantVersionAsync("acme", CancellationToken.None)).Should().Be(first + 41, "a count remembered under an older stamp is not used");
        await store.CreateAsync("acme", "c2", new CaseRow("b", "Sam", "Contoso", null, "rules", "UTC"), CancellationToken.None);
        (await store.TenantVersionAsync("acme", CancellationToken.None)).Should().BeGreaterThan(first + 41);
        (await store.TenantVersionAsync("globex", CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public void AfterTheStoreIsDisposed_StampsNeverRepeat()
    {
        var store = TestStores.OpenSqlite(_directory);
        var live = store.CommitStamp();
        store.Dispose();

        var stamps = Enumerable.Range(0, 3).Select(_ => store.CommitStamp()!.Value).ToList();

        stamps.Should().OnlyContain(s => s < 0).And.OnlyHaveUniqueItems().And.NotContain(live!.Value);
    }

    [Fact]
    public void AnInMemoryDatabase_HasNoStamp_SoEveryReadAsksForTheVersion()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:SecondChance"] = "Data Source=watch;Mode=Memory;Cache=Shared" }).Build();
        using var store = new SqliteCaseStore(configuration, new HostingEnvironment { ContentRootPath = _directory }, Options.Create(new StorageOptions()), SystemClock.Instance);

        store.CommitStamp().Should().BeNull();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "cases.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
