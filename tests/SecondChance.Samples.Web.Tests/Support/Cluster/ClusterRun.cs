using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SecondChance.Integrations.Reminders;

namespace SecondChance.Samples.Web.Tests.Support.Cluster;

/// <summary>What a cluster run is asked to do.</summary>
/// <param name="SampleDll">The built web sample (<c>SecondChance.Samples.Web.dll</c>).</param>
/// <param name="Provider"><c>PostgreSql</c> or <c>Sqlite</c>.</param>
/// <param name="ConnectionString">The database every host shares (an empty one).</param>
/// <param name="Hosts">How many hosts sweep and deliver.</param>
/// <param name="Cases">How many cases come due, split over the tenants.</param>
/// <param name="KillOneMidSweep">Whether one host is killed once a quarter of the reminders have arrived.</param>
/// <param name="CheckReads">Whether the agenda and every case are read from every surviving host and compared.</param>
/// <param name="Timeout">How long the whole run may take.</param>
public sealed record ClusterOptions(
    string SampleDll,
    string Provider,
    string ConnectionString,
    int Hosts,
    int Cases,
    bool KillOneMidSweep,
    bool CheckReads,
    TimeSpan Timeout)
{
    /// <summary>Gets how long a claim lasts before another host may take it over.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how many reminders a host claims at a time: few enough that it delivers them well within <see cref="Lease"/>.</summary>
    public int ClaimBatch { get; init; } = 20;

    /// <summary>Gets how many requests seed cases at once.</summary>
    public int SeedParallelism { get; init; } = 16;

    /// <summary>Gets how long the receiver takes to answer each delivery.</summary>
    public TimeSpan ReceiverDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Gets a line for progress messages; none by default.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Gets how cases are stored before the sweep: given the hosts' settings and the day the cases were
    /// notified, stores <see cref="Cases"/> cases over <see cref="ClusterRun.Tenants"/> and returns their
    /// tenants and ids. Default: <c>POST /api/cases</c> through a host of their own with the sweep off.
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>, LocalDate, CancellationToken, Task<IReadOnlyList<(string Tenant, string Id)>>>? Seed { get; init; }
}

/// <summary>What a cluster run saw.</summary>
public sealed record ClusterResult
{
    public required int Hosts { get; init; }

    public required int Cases { get; init; }

    /// <summary>Gets the milliseconds from the first sweeping host being ready to the last reminder's first arrival.</summary>
    public required long SweepMs { get; init; }

    public required long SeedMs { get; init; }

    public required int Deliveries { get; init; }

    /// <summary>Gets the deliveries beyond the first of each reminder id.</summary>
    public required int Dupes { get; init; }

    /// <summary>Gets the reminder ids delivered more than once.</summary>
    public required IReadOnlyList<string> DuplicateIds { get; init; }

    /// <summary>Gets the expected reminder ids that never arrived.</summary>
    public required IReadOnlyList<string> Lost { get; init; }

    /// <summary>Gets deliveries whose webhook-id is not the body's reminder id or not a reminder id of a seeded case.</summary>
    public required IReadOnlyList<string> WrongIds { get; init; }

    public required int BadSignatures { get; init; }

    /// <summary>Gets the reminder ids the killed host held a live lease on when it died.</summary>
    public required IReadOnlySet<string> VictimLeases { get; init; }

    /// <summary>Gets the reminder ids whose outbox row records more than one delivery attempt.</summary>
    public required IReadOnlySet<string> Retried { get; init; }

    public required string? Victim { get; init; }

    /// <summary>Gets the outbox rows not sent when the run ended, by state.</summary>
    public required IReadOnlyDictionary<string, long> Unsent { get; init; }

    /// <summary>Gets what read differently from two hosts (empty when reads were not checked or all agreed).</summary>
    public required IReadOnlyList<string> Mismatches { get; init; }

    public required int CasesCompared { get; init; }

    public double RemindersPerSecond => SweepMs <= 0 ? 0 : Cases * 1000.0 / SweepMs;

    /// <summary>Gets the result as the one line the measurement prints.</summary>
    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"cluster: hosts={Hosts} cases={Cases} sweep_ms={SweepMs} reminders_per_s={RemindersPerSecond:0} dupes={Dupes} lost={Lost.Count}");
}

/// <summary>
/// Runs the web sample as a cluster: seeds cases through one host's API with the sweep switched off,
/// then starts the sweeping hosts (each its own process, Kestrel and Quartz instance) on the same
/// database, optionally kills one of them mid-sweep, waits until every reminder arrived and nothing is
/// pending, and reports what the receiver and the database saw.
/// </summary>
public static class ClusterRun
{
    public const string RuleName = "ThankAndAsk";
    private const string NeverCron = "0 0 0 1 1 ? 2099";
    private const string EverySecondCron = "0/1 * * * * ?";

    /// <summary>The tenants the cases are split over, with their API keys.</summary>
    public static IReadOnlyList<(string Tenant, string Key)> Tenants { get; } = [("acme", "cluster-acme-key"), ("globex", "cluster-globex-key")];

    /// <summary>The body of seeded case number <paramref name="n"/>: notified on <paramref name="notifiedOn"/>, nothing since.</summary>
    public static string CaseBody(int n, LocalDate notifiedOn) => string.Create(CultureInfo.InvariantCulture, $$"""
        { "candidate": "Candidate {{n:D6}}", "company": "Company {{n % 97}}", "role": "Analyst", "level": "IndividualContributor",
          "events": [ { "type": "Notified", "on": "{{LocalDatePattern.Iso.Format(notifiedOn)}}" } ] }
        """);

    public static async Task<ClusterResult> RunAsync(ClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var deadline = new CancellationTokenSource(options.Timeout);
        var started = Stopwatch.StartNew();
        var log = options.Log is { } write ? (Action<string>)(m => write($"[{started.Elapsed.TotalSeconds:0.0} s] {m}")) : _ => { };
        await using var receiver = await ReminderReceiver.StartAsync(options.ReceiverDelay);
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = options.Provider,
            ["ConnectionStrings:SecondChance"] = options.ConnectionString,
            ["Reminders:Lease"] = options.Lease.ToString("c", CultureInfo.InvariantCulture),
            ["Reminders:DispatchEvery"] = "00:00:05",
            ["Reminders:ClaimBatch"] = options.ClaimBatch.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:Tenant"] = "100000000",
            ["RateLimits:Client"] = "100000000",
            ["RateLimits:Candidate"] = "100000000",
            ["RateLimits:Intake"] = "100000000",
        };
        foreach (var (tenant, key) in Tenants)
        {
            settings[$"Tenants:{tenant}"] = key;
            settings[$"Reminders:{tenant}:Webhook:Url"] = receiver.Url;
            settings[$"Reminders:{tenant}:Webhook:Secret"] = receiver.Secret;
        }

        // Notified two days ago (UTC): the first action and its reminder are due already.
        var notifiedOn = SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(-2);
        IReadOnlyList<(string Tenant, string Id)> cases;
        var seedSettings = With(settings, "Reminders:Cron", NeverCron);
        if (options.Seed is { } seed)
        {
            log($"seeding {options.Cases} cases");
            cases = await seed(seedSettings, notifiedOn, deadline.Token);
        }
        else
        {
            await using var seeder = await SampleProcess.StartAsync("seeder", options.SampleDll, seedSettings, options.Timeout);
            log($"seeding {options.Cases} cases through {seeder.Address}");
            cases = await SeedAsync(seeder, options, notifiedOn, deadline.Token);
        }

        var seedMs = started.ElapsedMilliseconds;
        var expected = cases.ToDictionary(c => ReminderPlanner.ReminderId(c.Id, RuleName, notifiedOn), c => c, StringComparer.Ordinal);
        var outbox = new OutboxProbe(options.Provider, options.ConnectionString);
        log($"seeded in {seedMs} ms; starting {options.Hosts} sweeping host(s)");

        var hosts = new List<SampleProcess>();
        try
        {
            var ready = new ConcurrentBag<TimeSpan>();
            var starting = Enumerable.Range(1, options.Hosts).Select(async n =>
            {
                var host = await SampleProcess.StartAsync($"host {n}", options.SampleDll, With(settings, "Reminders:Cron", EverySecondCron), options.Timeout);
                ready.Add(receiver.Elapsed);
                return host;
            }).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                hosts.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var sweepStart = ready.Min();
            SampleProcess? victim = null;
            IReadOnlySet<string> victimLeases = new HashSet<string>();
            if (options.KillOneMidSweep)
            {
                (victim, victimLeases) = await KillOneMidSweepAsync(hosts, receiver, outbox, options.Cases, deadline.Token);
                log($"killed {victim.Name} (pid {victim.Id}) holding {victimLeases.Count} lease(s) after {receiver.Ids.Count} reminders arrived");
            }

            Dictionary<string, long> unsent;
            while (true)
            {
                deadline.Token.ThrowIfCancellationRequested();
                unsent = await outbox.UnsentAsync(deadline.Token);
                if (expected.Keys.All(receiver.Ids.ContainsKey) && unsent.Count == 0)
                {
                    break;
                }

                if (hosts.Where(h => h != victim).FirstOrDefault(h => h.HasExited) is { } died)
                {
                    throw new InvalidOperationException($"{died.Name} exited during the sweep:{Environment.NewLine}{died.RecentOutput}");
                }

                await Task.Delay(200, deadline.Token);
            }

            log($"all {expected.Count} reminders arrived and nothing is left to send");
            var deliveries = receiver.Deliveries.ToList();
            var firstArrivals = deliveries.GroupBy(d => d.WebhookId).Select(g => g.Min(d => d.At));
            var sweepMs = (long)(firstArrivals.Max() - sweepStart).TotalMilliseconds;
            var duplicates = receiver.Ids.Where(p => p.Value > 1).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            var survivors = hosts.Where(h => h != victim).ToList();
            var closer = victimLeases.Concat(duplicates).Where(expected.ContainsKey).Select(id => expected[id].Id).ToHashSet(StringComparer.Ordinal);
            var (mismatches, compared) = options.CheckReads ? await CompareReadsAsync(survivors, cases, closer, deadline.Token) : ([], 0);
            log($"compared the reads of {compared} cases from {survivors.Count} hosts");
            return new ClusterResult
            {
                Hosts = options.Hosts,
                Cases = options.Cases,
                SweepMs = sweepMs,
                SeedMs = seedMs,
                Deliveries = deliveries.Count,
                Dupes = deliveries.Count - receiver.Ids.Count,
                DuplicateIds = duplicates,
                Lost = expected.Keys.Where(id => !receiver.Ids.ContainsKey(id)).ToList(),
                WrongIds = deliveries
                    .Where(d => d.WebhookId != d.ReminderId || !expected.TryGetValue(d.WebhookId, out var c) || c.Id != d.CaseId)
                    .Select(d => $"webhook-id {d.WebhookId}, body reminderId {d.ReminderId}, case {d.CaseId}")
                    .ToList(),
                BadSignatures = deliveries.Count(d => !d.SignatureValid),
                VictimLeases = victimLeases,
                Retried = await outbox.RetriedAsync(duplicates, deadline.Token),
                Victim = victim?.Name,
                Unsent = unsent,
                Mismatches = mismatches,
                CasesCompared = compared,
            };
        }
        catch (Exception ex) when (ex is not InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The cluster run failed after {started.Elapsed.TotalSeconds:0} s ({receiver.Ids.Count} of {options.Cases} reminders arrived): {ex.Message}{Environment.NewLine}"
                + string.Join(Environment.NewLine, hosts.Select(h => $"--- {h.Name}{(h.HasExited ? " (exited)" : string.Empty)}:{Environment.NewLine}{h.RecentOutput}")),
                ex);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, string key, string value) => new(settings) { [key] = value };

    private static async Task<IReadOnlyList<(string Tenant, string Id)>> SeedAsync(SampleProcess host, ClusterOptions options, LocalDate notifiedOn, CancellationToken cancellationToken)
    {
        var clients = Tenants.Select(t => host.Client(t.Key)).ToArray();
        var created = new (string Tenant, string Id)[options.Cases];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Cases), new ParallelOptions { MaxDegreeOfParallelism = options.SeedParallelism, CancellationToken = cancellationToken }, async (n, ct) =>
            {
                var tenant = n % Tenants.Count;
                using var response = await clients[tenant].PostAsync(new Uri("/api/cases", UriKind.Relative), new StringContent(CaseBody(n, notifiedOn), System.Text.Encoding.UTF8, "application/json"), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"Seeding case {n} answered {(int)response.StatusCode}: {text}");
                }

                created[n] = (Tenants[tenant].Tenant, JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!);
            });
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        return created;
    }

    // Waits until a quarter of the reminders arrived and a host holds leases on rows it has not sent yet, then kills that host.
    private static async Task<(SampleProcess Victim, IReadOnlySet<string> Leases)> KillOneMidSweepAsync(
        List<SampleProcess> hosts, ReminderReceiver receiver, OutboxProbe outbox, int cases, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (receiver.Ids.Count >= cases / 4)
            {
                foreach (var host in hosts)
                {
                    var leases = await outbox.LiveLeasesOfAsync(host.Id, cancellationToken);
                    if (leases.Count > 0)
                    {
                        host.Kill();

                        // Whatever it claimed between the look and the kill is its too.
                        var all = new HashSet<string>(leases, StringComparer.Ordinal);
                        all.UnionWith(await outbox.LiveLeasesOfAsync(host.Id, cancellationToken));
                        return (host, all);
                    }
                }
            }

            if (receiver.Ids.Count >= cases)
            {
                throw new InvalidOperationException("Every reminder arrived before a host could be killed holding leases; seed more cases or slow the receiver.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task<(IReadOnlyList<string> Mismatches, int Compared)> CompareReadsAsync(List<SampleProcess> hosts, IReadOnlyList<(string Tenant, string Id)> cases, HashSet<string> closer, CancellationToken cancellationToken)
    {
        var mismatches = new ConcurrentBag<string>();
        var clients = hosts.Select(h => Tenants.ToDictionary(t => t.Tenant, t => h.Client(t.Key))).ToList();
        try
        {
            foreach (var (tenant, _) in Tenants)
            {
                var agendas = await Task.WhenAll(clients.Select(c => AgendaAsync(c[tenant], cancellationToken)));
                for (var i = 1; i < agendas.Length; i++)
                {
                    if (agendas[i] != agendas[0])
                    {
                        mismatches.Add($"{tenant}'s agenda reads differently from {hosts[0].Name} and {hosts[i].Name}");
                    }
                }
            }

            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (c, ct) =>
            {
                // Every case; the delivery log of those whose reminder was taken over from the killed host or arrived twice.
                var paths = closer.Contains(c.Id) ? new[] { $"/api/cases/{c.Id}", $"/api/cases/{c.Id}/reminders" } : [$"/api/cases/{c.Id}"];
                foreach (var path in paths)
                {
                    var reads = await Task.WhenAll(clients.Select(client => ReadAsync(client[c.Tenant], path, ct)));
                    if (reads.Any(r => r != reads[0]))
                    {
                        mismatches.Add($"{path} of {c.Tenant} reads differently from the hosts: {string.Join(" | ", reads)}");
                    }
                }
            });
        }
        finally
        {
            foreach (var client in clients.SelectMany(c => c.Values))
            {
                client.Dispose();
            }
        }

        return (mismatches.ToList(), cases.Count);
    }

    // The whole agenda (today in each case's zone), every page.
    private static async Task<string> AgendaAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var all = new System.Text.StringBuilder();
        var next = "/api/agenda?limit=1000";
        while (next is not null)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative), cancellationToken);
            all.Append((int)response.StatusCode).Append(' ').AppendLine(await response.Content.ReadAsStringAsync(cancellationToken));
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => l.Split(';')[0].Trim().TrimStart('<').TrimEnd('>')).FirstOrDefault()
                : null;
        }

        return all.ToString();
    }

    private static async Task<string> ReadAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return (int)response.StatusCode + " " + await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
