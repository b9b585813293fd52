using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;

namespace SecondChance.Benchmarks;

/// <summary>
/// One decision, three ways, over the same generated cases (every level and stage): the library's
/// <see cref="PlaybookEngine.Decide(RunnerUpCase, LocalDate)"/>, the hand-written rules (the physical
/// limit) and RulesEngine run naively on the same workflow. Times and bytes are per decision.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DecideBenchmarks
{
    /// <summary>How many cases each invocation decides; the quick mode decides the same ones.</summary>
    internal const int CaseCount = 1024;

    private readonly LocalDate _today = CaseGenerator.Today;
    private RunnerUpCase[] _cases = [];
    private PlaybookEngine _engine = null!;
    private HandWrittenRules _hand = null!;
    private HandWrittenRules _handNoChecks = null!;
    private NaiveRulesEngine _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cases = CaseGenerator.Generate(CaseCount);
        _engine = new PlaybookEngine();
        _hand = new HandWrittenRules();
        _handNoChecks = new HandWrittenRules(validate: false);
        _naive = new NaiveRulesEngine(_engine);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CaseCount, Description = "Hand-written C# (same checks)")]
    public int HandWritten()
    {
        var sum = 0;
        foreach (var c in _cases)
        {
            sum += _hand.DecideFast(c, _today).DueOn?.Day ?? 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CaseCount, Description = "Hand-written C# (no validation)")]
    public int HandWrittenNoChecks()
    {
        var sum = 0;
        foreach (var c in _cases)
        {
            sum += _handNoChecks.DecideFast(c, _today).DueOn?.Day ?? 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CaseCount, Description = "Library Decide")]
    public int Library()
    {
        var sum = 0;
        foreach (var c in _cases)
        {
            sum += _engine.Decide(c, _today).DueOn?.Day ?? 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = CaseCount, Description = "Naive RulesEngine")]
    public async Task<int> Naive()
    {
        var sum = 0;
        foreach (var c in _cases)
        {
            sum += (await _naive.DecideAsync(c, _today))?.DueOn?.Day ?? 0;
        }

        return sum;
    }
}

/// <summary>The nightly sweep: one million cases through <see cref="PlaybookEngine.DecideMany"/> on every core.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class SweepBenchmarks
{
    private const int SweepSize = 1_000_000;

    private RunnerUpCase[] _cases = [];
    private PlaybookEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cases = CaseGenerator.Generate(4096);
        _engine = new PlaybookEngine();
    }

    [Benchmark(Description = "DecideMany, 1,000,000 cases")]
    public int Sweep1M() => Sweep.Run(_engine, _cases, SweepSize, CaseGenerator.Today);
}

/// <summary>Runs a sweep over a streamed sequence that cycles through a case array.</summary>
internal static class Sweep
{
    public static int Run(PlaybookEngine engine, RunnerUpCase[] cases, int count, LocalDate today)
    {
        var valid = 0;
        foreach (var decision in engine.DecideMany(Cycle(cases, count), today))
        {
            if (decision.IsValid)
            {
                valid++;
            }
        }

        return valid;
    }

    private static IEnumerable<RunnerUpCase> Cycle(RunnerUpCase[] cases, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return cases[i % cases.Length];
        }
    }
}
