using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>Opens stores directly, without the app, the way one host would.</summary>
public static class TestStores
{
    /// <summary>
    /// Opens the store of <paramref name="storage"/> on the database of <paramref name="directory"/> (SQLite: <c>cases.db</c>
    /// in it; PostgreSQL: a database named after it), as one host would, and brings its schema up to date.
    /// </summary>
    public static ICaseStore Open(TestStorage storage, string directory, IClock clock, StorageOptions? options = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestPostgres.Settings(storage, directory)).Build();
        var settings = Options.Create(options ?? new StorageOptions());
        ICaseStore store = storage == TestStorage.Sqlite
            ? new SqliteCaseStore(configuration, new HostingEnvironment { ContentRootPath = directory }, settings, clock)
            : new PostgreSqlCaseStore(configuration, settings, clock);
        store.Initialize();
        return store;
    }

    /// <summary>Opens the SQLite store on <c>cases.db</c> in <paramref name="directory"/> and brings its schema up to date.</summary>
    public static SqliteCaseStore OpenSqlite(string directory, StorageOptions? options = null, IClock? clock = null) =>
        (SqliteCaseStore)Open(TestStorage.Sqlite, directory, clock ?? new FakeClock(Instant.FromUtc(2026, 3, 10, 12, 0)), options);
}
