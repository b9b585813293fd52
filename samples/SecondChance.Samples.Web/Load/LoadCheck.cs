using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SecondChance.Samples.Web.Load;

/// <summary>
/// A bounded load check: concurrent clients each create a case, post events to it (with idempotency
/// keys) and read the agenda, for a fixed time. Afterwards every case is read back and its history
/// compared with the events the server acknowledged, so a lost event is counted, not hidden.
/// </summary>
public static class LoadCheck
{
    private const int EventsPerCase = 100;

    /// <summary>Runs against the API at <paramref name="client"/>'s base address, which must send a tenant's API key.</summary>
    public static async Task<LoadReport> RunAsync(HttpClient client, int clients, TimeSpan duration, LocalDate today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var latencies = new ConcurrentBag<double[]>();
        long requests = 0, errors = 0, recorded = 0;
        var acknowledged = new ConcurrentDictionary<string, int>();
        var day = LocalDatePattern.Iso.Format(today);
        var stopwatch = Stopwatch.StartNew();
        var deadline = stopwatch.Elapsed + duration;

        async Task Client(int number)
        {
            var mine = new List<double>(4096);
            string? caseId = null;
            var sent = 0;
            while (stopwatch.Elapsed < deadline && !cancellationToken.IsCancellationRequested)
            {
                var started = stopwatch.Elapsed;
                bool ok;
                try
                {
                    if (caseId is null || sent >= EventsPerCase)
                    {
                        var body = $$"""{"candidate":"Load {{number}}","company":"Loadtest","role":"Tester","level":"MiddleManagement","events":[{"type":"Notified","on":"{{day}}"}]}""";
                        using var response = await client.PostAsync("api/cases", Json(body), cancellationToken);
                        ok = response.StatusCode == System.Net.HttpStatusCode.Created;
                        if (ok)
                        {
                            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                            caseId = doc.RootElement.GetProperty("id").GetString()!;
                            acknowledged[caseId] = 1;
                            sent = 0;
                        }
                    }
                    else if (sent % 8 == 7)
                    {
                        using var response = await client.GetAsync($"api/agenda?on={day}", cancellationToken);
                        ok = response.IsSuccessStatusCode;
                        await response.Content.ReadAsByteArrayAsync(cancellationToken);
                        sent++;
                    }
                    else
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/cases/{caseId}/events")
                        {
                            Content = Json($$"""{"type":"FeedbackRecorded","on":"{{day}}","gaps":["load {{sent}}"]}"""),
                        };
                        request.Headers.Add("Idempotency-Key", $"{caseId}-{sent}");
                        using var response = await client.SendAsync(request, cancellationToken);
                        ok = response.IsSuccessStatusCode;
                        if (ok)
                        {
                            acknowledged.AddOrUpdate(caseId, 2, (_, n) => n + 1);
                            Interlocked.Increment(ref recorded);
                        }

                        sent++;
                    }
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                mine.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                Interlocked.Increment(ref requests);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            latencies.Add(mine.ToArray());
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(n => Task.Run(() => Client(n), cancellationToken)));
        var elapsed = stopwatch.Elapsed;

        long lost = 0;
        foreach (var (id, expected) in acknowledged)
        {
            var stored = await client.GetFromJsonAsync<JsonElement>($"api/cases/{id}", cancellationToken);
            var actual = stored.GetProperty("case").GetProperty("events").GetArrayLength();
            lost += Math.Max(0, expected - actual);
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadReport(clients, elapsed, requests, errors, recorded, lost, requests / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), all.Length == 0 ? 0 : all[^1]);
    }

    /// <summary>
    /// <c>loadcheck [--seconds N] [--clients N] [--url URL --key KEY]</c>: without a URL, starts this app on
    /// a loopback port with a temporary database and a tenant of its own. Exits 1 on any error or lost event.
    /// </summary>
    public static async Task<int> RunFromCommandLineAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = 20;
        var clients = 32;
        string? url = null, key = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--url": url = args[i + 1]; break;
                case "--key": key = args[i + 1]; break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}; use --seconds N --clients N [--url URL --key KEY]");
                    return 2;
            }
        }

        WebApplication? app = null;
        var directory = Path.Combine(Path.GetTempPath(), "secondchance-load-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (url is null)
            {
                Directory.CreateDirectory(directory);
                key = "load-" + Guid.NewGuid().ToString("N");
                app = SecondChanceWebApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], b =>
                {
                    b.Logging.SetMinimumLevel(LogLevel.Warning);
                    b.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Error);
                    b.Configuration["Tenants:load"] = key;
                    b.Configuration["ConnectionStrings:SecondChance"] = "Data Source=" + Path.Combine(directory, "load.db");
                });
                await app.StartAsync();
                url = app.Urls.First();
            }

            using var client = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/") };
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
            Console.WriteLine($"load check: {clients} clients for {seconds} s against {url}");
            var report = await RunAsync(client, clients, TimeSpan.FromSeconds(seconds), today);
            Console.WriteLine(report);
            return report.Errors == 0 && report.EventsLost == 0 ? 0 : 1;
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
