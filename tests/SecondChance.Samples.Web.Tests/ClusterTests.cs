using SecondChance.Samples.Web.Tests.Support;
using SecondChance.Samples.Web.Tests.Support.Cluster;
using Xunit.Abstractions;

namespace SecondChance.Samples.Web.Tests;

/// <summary>
/// Three hosts of the web sample, each a process with its own Kestrel and Quartz instance, share one
/// PostgreSQL database and its clustered scheduler; one is killed while it holds claimed reminders.
/// </summary>
public class ClusterTests(ITestOutputHelper output)
{
    private const int Cases = 5000;

    [PostgreSqlFact]
    public async Task PostgreSql_ThreeHostsOneKilledMidSweep_EveryReminderArrivesOnce_DuplicatesOnlyFromRetries_HostsReadTheSame()
    {
        var directory = TempDirectory.Create();
        try
        {
            var database = TestPostgres.Settings(TestStorage.PostgreSql, directory)["ConnectionStrings:SecondChance"]!;
            var options = new ClusterOptions(
                Path.Combine(AppContext.BaseDirectory, "SecondChance.Samples.Web.dll"), "PostgreSql", database,
                Hosts: 3, Cases: Cases, KillOneMidSweep: true, CheckReads: true, Timeout: TimeSpan.FromMinutes(4))
            {
                Log = output.WriteLine,
            };

            var result = await ClusterRun.RunAsync(options);
            output.WriteLine($"{result.Line} seed_ms={result.SeedMs} deliveries={result.Deliveries} victim_leases={result.VictimLeases.Count}"
                + $" dupes_held_by_victim={result.DuplicateIds.Count(result.VictimLeases.Contains)} dupes_retried={result.DuplicateIds.Count(result.Retried.Contains)}");

            result.Victim.Should().NotBeNull();
            result.VictimLeases.Should().NotBeEmpty("the host was killed while it held claimed, unsent reminders");
            result.Lost.Should().BeEmpty("every due case's reminder reaches the receiver at least once");
            result.WrongIds.Should().BeEmpty("each delivery carries its case's stable reminder id as webhook-id and in its body");
            result.BadSignatures.Should().Be(0);
            result.Dupes.Should().BeLessThanOrEqualTo(Cases / 100, "at most 1% of the reminders arrive twice");
            // Filtered, not OnlyContain: that fails on an empty collection, and no duplicate at all is the best outcome.
            result.DuplicateIds.Where(id => !result.VictimLeases.Contains(id) && !result.Retried.Contains(id)).Should().BeEmpty(
                "a reminder arrives again only when it is retried: the killed host's lease ran out, or a try was recorded");
            result.Unsent.Should().BeEmpty("nothing is left pending or failed");
            result.CasesCompared.Should().Be(Cases);
            result.Mismatches.Should().BeEmpty("the agenda, every case and its reminders read the same from every surviving host");
        }
        finally
        {
            TempDirectory.Delete(directory);
        }
    }
}
