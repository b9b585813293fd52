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
public sealed class WebAppFactory : WebApplicationFactory<Program>
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

    internal WebAppFactory(string? directory, IDictionary<string, string?>? settings = null, FakeClock? clock = null)
    {
        _ownsDirectory = directory is null;
        Directory = directory ?? TempDirectory.Create();
        Clock = clock ?? new FakeClock(Instant.FromUtc(2026, 3, 10, 17, 0));
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:SecondChance"] = "Data Source=" + Path.Combine(Directory, "cases.db"),
            ["Tenants:acme"] = AcmeKey,
            ["Tenants:globex"] = GlobexKey,
            ["Tenants:agency"] = AgencyKey,
            ["RuleSets:agency"] = Workflow("fast-follow-up.json"),
            ["OpenApi:Enabled"] = "true",

            // Tests send bursts far beyond a client's normal pace; RateLimitTests set their own limits.
            ["RateLimits:Tenant"] = "1000000",
            ["RateLimits:Client"] = "1000000",
            ["RateLimits:Candidate"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Directory { get; }

    public FakeClock Clock { get; }

    public static string Workflow(string name) => Path.Combine(AppContext.BaseDirectory, "Workflows", name);

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
