using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NodaTime;
using SecondChance.Samples.Web;
using SecondChance.Samples.Web.Api;
using SecondChance.Samples.Web.Integrations;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tenancy;
using SecondChance.Samples.Web.Tests.Support.Cluster;
using SecondChance.Serialization;

namespace SecondChance.Benchmarks;

/// <summary>
/// <c>--cluster</c>: the reminder sweep of the web sample at scale, one configuration after another on
/// fresh databases: 1 and 3 hosts on PostgreSQL, 1 host on SQLite. Each host is a process of the built
/// sample; the cases are stored before the hosts start, straight through the sample's own store (the
/// same parse, decision, row and outbox write as <c>POST /api/cases</c>, without HTTP), then every
/// reminder is swept, delivered to a local receiver and counted. Prints one line per configuration:
/// <c>cluster: hosts=&lt;n&gt; cases=&lt;n&gt; sweep_ms=&lt;n&gt; reminders_per_s=&lt;n&gt; dupes=&lt;n&gt; lost=&lt;n&gt;</c>.
/// </summary>
/// <remarks>
/// Options: <c>--sample &lt;dll&gt;</c> (default: the sample built beside this program), <c>--cases &lt;n&gt;</c>
/// (default 100,000), <c>--configs pg1,pg3,sqlite1</c>. The PostgreSQL server is the one in
/// SECONDCHANCE_TEST_POSTGRES (a superuser's connection string; <c>tests/load/cluster.sh</c> starts one).
/// </remarks>
internal static class ClusterMode
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sample = Option(args, "--sample") ?? Path.Combine(AppContext.BaseDirectory, "SecondChance.Samples.Web.dll");
        var cases = int.Parse(Option(args, "--cases") ?? "100000", CultureInfo.InvariantCulture);
        var configs = (Option(args, "--configs") ?? "pg1,pg3,sqlite1").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var server = Environment.GetEnvironmentVariable("SECONDCHANCE_TEST_POSTGRES");
        if (!File.Exists(sample))
        {
            Console.Error.WriteLine($"cluster: no sample at {sample}; publish it and pass --sample <dll>.");
            return 2;
        }

        var lines = new List<string>();
        foreach (var config in configs)
        {
            var postgreSql = config.StartsWith("pg", StringComparison.Ordinal);
            var hosts = int.Parse(config[(postgreSql ? 2 : 6)..], CultureInfo.InvariantCulture);
            if (postgreSql && string.IsNullOrEmpty(server))
            {
                Console.Error.WriteLine("cluster: SECONDCHANCE_TEST_POSTGRES is not set; tests/load/cluster.sh starts a server and sets it.");
                return 2;
            }

            var work = Directory.CreateTempSubdirectory("secondchance-cluster-").FullName;
            var database = "sc_cluster_" + Path.GetFileName(work).Replace('-', '_').ToLowerInvariant();
            var connection = postgreSql
                ? new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 30 }.ConnectionString
                : "Data Source=" + Path.Combine(work, "cases.db");
            try
            {
                if (postgreSql)
                {
                    Execute(server!, $"CREATE DATABASE \"{database}\";");
                }

                var options = new ClusterOptions(sample, postgreSql ? "PostgreSql" : "Sqlite", connection, hosts, cases, KillOneMidSweep: false, CheckReads: false, TimeSpan.FromHours(2))
                {
                    // A claim (one batch) must outlast its delivery, or another host takes it over while it is still being sent.
                    Lease = TimeSpan.FromMinutes(2),
                    ReceiverDelay = TimeSpan.Zero,
                    Log = m => Console.Error.WriteLine($"cluster [{config}]: {m}"),
                    Seed = (settings, on, ct) => SeedAsync(settings, cases, on, ct),
                };
                var result = await ClusterRun.RunAsync(options);
                Console.Error.WriteLine($"cluster [{config}]: seed_ms={result.SeedMs} deliveries={result.Deliveries} unsent={result.Unsent.Count}");
                Console.WriteLine(result.Line);
                lines.Add(result.Line);
            }
            finally
            {
                if (postgreSql)
                {
                    Execute(server!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE);");
                }

                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(work, recursive: true);
            }
        }

        return 0;
    }

    // The path of POST /api/cases without HTTP: parse, decide with the tenant's rules, plan the reminder, store case and outbox row in one transaction.
    private static async Task<IReadOnlyList<(string Tenant, string Id)>> SeedAsync(IReadOnlyDictionary<string, string> settings, int cases, LocalDate notifiedOn, CancellationToken cancellationToken)
    {
        var app = SecondChanceWebApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await using (app)
        {
            var store = app.Services.GetRequiredService<ICaseStore>();
            var tenants = app.Services.GetRequiredService<TenantDirectory>();
            var reminders = app.Services.GetRequiredService<ReminderOutboxWriter>();
            var clock = app.Services.GetRequiredService<IClock>();
            var created = new (string Tenant, string Id)[cases];
            await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (n, ct) =>
            {
                var tenant = ClusterRun.Tenants[n % ClusterRun.Tenants.Count].Tenant;
                var rules = tenants.For(tenant);
                var @case = SecondChanceJson.ParseCase(ClusterRun.CaseBody(n, notifiedOn)).Case!;
                var decision = rules.Engine.Decide(@case, rules.Engine.Today(@case, clock));
                var id = CaseApi.NewId();
                await store.CreateAsync(tenant, id, reminders.With(CaseApi.ToRow(@case, decision.DueOn, rules.Fingerprint), tenant, id, decision), ct);
                created[n] = (tenant, id);
            });
            return created;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
