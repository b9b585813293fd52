using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>Opens stores directly, without the app, the way one host would.</summary>
public static class TestStores
{
    /// <summary>Opens the SQLite store on <c>cases.db</c> in <paramref name="directory"/> and brings its schema up to date.</summary>
    public static SqliteCaseStore OpenSqlite(string directory, StorageOptions? options = null, IClock? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestPostgres.Settings(TestStorage.Sqlite, directory)).Build();
        var store = new SqliteCaseStore(configuration, new HostingEnvironment { ContentRootPath = directory }, Options.Create(options ?? new StorageOptions()),
            clock ?? new FakeClock(Instant.FromUtc(2026, 3, 10, 12, 0)));
        store.Initialize();
        return store;
    }
}
