using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>
/// Hosts the app in memory with a real SQLite file in a temporary folder, a fake clock and three
/// tenants: acme and globex on the default rules, agency on the example workflow that follows up early.
/// </summary>
public class WebAppFactory : WebApplicationFactory<Program>
{
    public const string AcmeKey = "acme-key";
    public const string GlobexKey = "globex-key";
    public const string AgencyKey = "agency-key";

    private readonly bool _ownsDirectory;
    private readonly Dictionary<string, string?> _settings;

    public WebAppFactory()
        : this(null)
    {
    }

    internal WebAppFactory(string? directory, IDictionary<string, string?>? settings = null, FakeClock? clock = null, TestStorage storage = TestStorage.Sqlite)
    {
        _ownsDirectory = directory is null;
        Directory = directory ?? TempDirectory.Create();
        Clock = clock ?? new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0));
        Storage = storage;
        _settings = new Dictionary<string, string?>(TestPostgres.Settings(storage, Directory))
        {
            ["Tenants:acme"] = AcmeKey,
            ["Tenants:globex"] = GlobexKey,
            ["Tenants:agency"] = AgencyKey,
            ["RuleSets:agency"] = Workflow("fast-follow-up.json"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Directory { get; }

    /// <summary>Gets the database the app stores in: an SQLite file in <see cref="Directory"/>, or a PostgreSQL database named after it.</summary>
    public TestStorage Storage { get; }

    public FakeClock Clock { get; }

    public static string Workflow(string name) => Path.Combine(AppContext.BaseDirectory, "Workflows", name);

    /// <summary>Opens a connection of its own to the app's database (parameters may be named <c>@name</c> on both providers).</summary>
    public System.Data.Common.DbConnection OpenDatabase()
    {
        System.Data.Common.DbConnection connection = Storage == TestStorage.PostgreSql
            ? new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString(TestPostgres.DatabaseFor(Directory))) { Pooling = false }.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(Directory, "cases.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    public HttpClient ClientFor(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && _ownsDirectory)
        {
            TempDirectory.Delete(Directory);
        }
    }
}

/// <summary>The same app and tenants as <see cref="WebAppFactory"/>, storing in a PostgreSQL database of its own.</summary>
public sealed class PostgreSqlWebAppFactory : WebAppFactory
{
    public PostgreSqlWebAppFactory()
        : base(null, storage: TestStorage.PostgreSql)
    {
    }
}
