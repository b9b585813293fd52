using System.Text;
using Microsoft.Data.Sqlite;
using NodaTime.Testing;
using SecondChance.Samples.Web.Storage;
using SecondChance.Samples.Web.Tests.Support;

namespace SecondChance.Samples.Web.Tests;

/// <summary>SQLite's write-ahead log stays bounded under writes that never pause, with readers overlapping them.</summary>
public sealed class SqliteWalTests : IDisposable
{
    private const int Cases = 400;
    private const int LimitMiB = 1;
    private const int WritesPerCase = 30;
    private readonly string _directory = TempDirectory.Create();
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 10, 12, 0));

    [Fact]
    public async Task SustainedWritesWithReaders_LogIsRestarted_StaysNearItsLimit()
    {
        using var store = Open();
        var wal = store.Location + "-wal";
        var document = new string('x', 1500);
        await Task.WhenAll(Enumerable.Range(0, Cases).Select(n => store.CreateAsync("acme", $"c{n}", Row(document + n), CancellationToken.None)));

        using var done = new CancellationTokenSource();
        long largest = 0;
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var n = r;
            while (!done.IsCancellationRequested)
            {
                (await store.GetAsync("acme", $"c{n++ % Cases}", CancellationToken.None)).Should().NotBeNull();
                Sample(ref largest, wal);
            }
        })).ToList();

        // Every case gets its writes from its own writer, all at once: the writer never finds the queue empty.
        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, ct) =>
        {
            for (var w = 0; w < WritesPerCase; w++)
            {
                var line = $"{n}-{w}";
                var result = await store.AppendAsync(new AppendRequest("acme", $"c{n}", line, IdempotencyKeys.Hash(line)), current =>
                    AppendStep.Write(Row(document + line), Encoding.UTF8.GetBytes(line), new IdempotencyRecord(200, w + 2, new LocalDate(2026, 3, 10))), ct);
                result.Outcome.Should().Be(AppendOutcome.Recorded);
            }
        });
        await done.CancelAsync();
        await Task.WhenAll(readers);

        largest.Should().BeLessThan(Bound, "the log is restarted once it is past its limit");
        (await store.GetAsync("acme", "c7", CancellationToken.None))!.Version.Should().Be(WritesPerCase + 1);
    }

    [Fact]
    public async Task SustainedInsertsIntoAGrowingFile_LogIsRestarted_StaysNearItsLimit()
    {
        using var store = Open();
        var wal = store.Location + "-wal";
        var document = new string('x', 1500);
        long largest = 0;

        // New cases, the way a bulk import arrives: the file grows, so each checkpoint has more to copy
        // than the writer waits between two commits, and the log never empties by itself.
        await Parallel.ForEachAsync(Enumerable.Range(0, 20_000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, ct) =>
        {
            await store.CreateAsync("acme", $"new-{n}", Row(document + n), ct);
            if (n % 100 == 0)
            {
                Sample(ref largest, wal);
            }
        });

        largest.Should().BeLessThan(Bound, "the log is restarted once it is past its limit");
        (await store.GetAsync("acme", "new-19999", CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task LongReadHoldingTheLog_WritesAreNotHeldBehindIt()
    {
        using var store = Open();
        var document = new string('x', 1500);
        await Task.WhenAll(Enumerable.Range(0, Cases).Select(n => store.CreateAsync("acme", $"c{n}", Row(document + n), CancellationToken.None)));

        // A reader that keeps its snapshot for the whole test (an export, say): the log cannot be restarted under it.
        await using var reader = new SqliteConnection($"Data Source={store.Location};Pooling=False");
        await reader.OpenAsync();
        await using var transaction = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT count(*) FROM cases;";
            (await read.ExecuteScalarAsync()).Should().Be((long)Cases);
        }

        var slowest = TimeSpan.Zero;
        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, ct) =>
        {
            for (var w = 0; w < 8; w++)
            {
                var line = $"{n}-{w}";
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var result = await store.AppendAsync(new AppendRequest("acme", $"c{n}", line, IdempotencyKeys.Hash(line)), current =>
                    AppendStep.Write(Row(document + line), Encoding.UTF8.GetBytes(line), new IdempotencyRecord(200, w + 2, new LocalDate(2026, 3, 10))), ct);
                result.Outcome.Should().Be(AppendOutcome.Recorded);
                var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                lock (store)
                {
                    slowest = took > slowest ? took : slowest;
                }
            }
        });

        // Each restart attempt gives up after a short wait; a wait for the reader would take the 10 s busy timeout.
        slowest.Should().BeLessThan(TimeSpan.FromSeconds(5), "the writer does not wait for a long read to leave the log");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_directory);
    }

    // The log may pass its limit by what is written between two checkpoints (1,000 writes): 10-20 MB in these
    // tests. Without the restart it reached 80 MB (updates) and 170 MB (inserts), and grows with every write.
    private static long Bound => 40L * 1024 * 1024;

    private static CaseRow Row(string document) => new(document, "Alex Rivera", "Contoso", "2026-08-06", "v1", "Europe/Paris");

    // Keeps the largest size the log file had so far (samplers run at once).
    private static void Sample(ref long largest, string wal)
    {
        var size = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        long seen;
        while (size > (seen = Interlocked.Read(ref largest)) && Interlocked.CompareExchange(ref largest, size, seen) != seen)
        {
        }
    }

    private SqliteCaseStore Open() => TestStores.OpenSqlite(_directory, new StorageOptions { WalLimitMiB = LimitMiB }, _clock);
}
