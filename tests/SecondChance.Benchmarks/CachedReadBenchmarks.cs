using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NodaTime;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Benchmarks;

/// <summary>
/// What the web sample pays to know that a case it holds parsed is still the stored version, per read,
/// on a SQLite file of 10,000 cases: the indexed read of the case's version (the baseline: what every
/// cached read did), against the store's commit stamp (<c>PRAGMA data_version</c> on a watch connection,
/// what a cached read does now while nothing has been committed since the case was checked).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CachedReadBenchmarks
{
    private const int Cases = 10_000;
    private const int ReadsPerInvoke = 256;

    private string _directory = string.Empty;
    private SqliteCaseStore _store = null!;
    private string[] _ids = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("secondchance-bench-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:SecondChance"] = "Data Source=" + Path.Combine(_directory, "cases.db") })
            .Build();
        _store = new SqliteCaseStore(configuration, new HostingEnvironment { ContentRootPath = _directory }, Options.Create(new StorageOptions()), SystemClock.Instance);
        _store.Initialize();
        _ids = Enumerable.Range(0, Cases).Select(n => $"case-{n:D5}").ToArray();
        Task.WhenAll(_ids.Select(id => _store.CreateAsync("acme", id, new CaseRow("{\"candidate\":\"Alex\"}", "Alex", "Contoso", null, "rules", "UTC"), CancellationToken.None))).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ReadsPerInvoke, Description = "Read the case's version")]
    public long VersionRead()
    {
        long sum = 0;
        for (var i = 0; i < ReadsPerInvoke; i++)
        {
            sum += _store.GetIfChangedAsync("acme", _ids[(i * 7919) % Cases], 1, CancellationToken.None).GetAwaiter().GetResult()!.Value.Version;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = ReadsPerInvoke, Description = "Look at the commit stamp")]
    public long CommitStamp()
    {
        long sum = 0;
        for (var i = 0; i < ReadsPerInvoke; i++)
        {
            sum += _store.CommitStamp()!.Value;
        }

        return sum;
    }
}
