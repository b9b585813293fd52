using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecondChance.Samples.Web.Tests.Support;

/// <summary>
/// The real app on Kestrel at a free loopback port (a browser cannot reach an in-memory test server),
/// with the page served from the sample's own folder and a database in a temporary folder.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private LiveServer(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LiveServer> StartAsync(string environment, IClock clock, IDictionary<string, string?> settings)
    {
        var directory = TempDirectory.Create();
        var all = new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:SecondChance"] = "Data Source=" + Path.Combine(directory, "cases.db"),
        };
        var app = SecondChanceWebApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(all);
            builder.Services.AddSingleton(clock);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }, new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = SampleFolder() });
        await app.StartAsync();
        return new LiveServer(app, directory, new Uri(app.Urls.First()));
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }

    private static string SampleFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "SecondChance.Samples.Web");
            if (File.Exists(Path.Combine(candidate, "wwwroot", "index.html")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Could not find samples/SecondChance.Samples.Web above " + AppContext.BaseDirectory);
    }
}
