using System.Diagnostics;
using System.Runtime.CompilerServices;
using SecondChance.Analytics;
using Xunit.Abstractions;

namespace SecondChance.Tests.Analytics;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public class MemoryMeasurements;

// Runs alone: GC.GetTotalMemory counts every thread's allocations, so parallel tests would blur it.
[Collection(nameof(MemoryMeasurements))]
public class OutcomeAccumulatorTests(ITestOutputHelper output)
{
    private const int Many = 100_000;
    private static readonly PlaybookEngine Engine = new();
    private static readonly JobLevel[] Levels = [JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive];

    [Fact]
    public void Add_ThenToReport_SameAsComputeOverAllCases()
    {
        var accumulator = new OutcomeAccumulator(Engine);
        foreach (var c in OutcomeCases.MiddleManagementTen())
        {
            accumulator.Add(c).Should().BeTrue();
        }

        var partial = accumulator.ToReport();
        foreach (var c in OutcomeCases.IndividualContributorThree())
        {
            accumulator.Add(c);
        }

        partial.Cases.Should().Be(10);
        accumulator.Cases.Should().Be(13);
        accumulator.ToReport().Should().BeEquivalentTo(
            OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen().Concat(OutcomeCases.IndividualContributorThree()), Engine));
    }

    [Fact]
    public void Remove_ThenAddChangedCase_SameAsComputeOverTheCasesAsTheyAreNow()
    {
        var before = OutcomeCases.MiddleManagementTen().ToList();
        var accumulator = new OutcomeAccumulator(Engine);
        foreach (var c in before)
        {
            accumulator.Add(c);
        }

        // Two cases move on (one is hired, one closes); one is replaced by a case of another level.
        var hired = before[0] with { Events = [.. before[0].Events, new Closed(before[0].Events[^1].On.PlusDays(30), CloseReason.Hired)] };
        var closed = before[1] with { Events = [.. before[1].Events, new Closed(before[1].Events[^1].On.PlusDays(3), CloseReason.Withdrew)] };
        var other = OutcomeCases.IndividualContributorThree().First();
        accumulator.Remove(before[0]).Should().BeTrue();
        accumulator.Add(hired);
        accumulator.Remove(before[1]);
        accumulator.Add(closed);
        accumulator.Remove(before[2]);
        accumulator.Add(other);

        var now = new[] { hired, closed, other }.Concat(before.Skip(3)).ToList();
        accumulator.Cases.Should().Be(10);
        accumulator.ToReport().Should().BeEquivalentTo(OutcomeStatistics.Compute(now, Engine));
    }

    [Fact]
    public void Remove_SkippedCase_TakesItOffTheSkippedCount()
    {
        var accumulator = new OutcomeAccumulator(Engine);
        var intern = OutcomeCases.Case(new JobLevel("Intern"));
        accumulator.Add(intern);

        accumulator.Remove(intern).Should().BeFalse();

        accumulator.Skipped.Should().Be(0);
        accumulator.ToReport().Should().BeEquivalentTo(new OutcomeAccumulator(Engine).ToReport());
    }

    [Fact]
    public void Add_SkippedCase_ReturnsFalseAndCountsIt()
    {
        var accumulator = new OutcomeAccumulator(Engine);

        accumulator.Add(OutcomeCases.Case(new JobLevel("Intern"))).Should().BeFalse();

        accumulator.Skipped.Should().Be(1);
        accumulator.Cases.Should().Be(0);
    }

    [Fact]
    public void Add_HundredThousandStreamedCases_ExactCountsInConstantMemory()
    {
        var accumulator = new OutcomeAccumulator(Engine);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();

        var sampled = Feed(accumulator, Many);

        stopwatch.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var report = accumulator.ToReport();
        output.WriteLine($"{Many} cases in {stopwatch.ElapsedMilliseconds} ms; retained {after - before} bytes");

        // Each generated case takes several hundred bytes, so keeping them would retain tens of megabytes.
        (after - before).Should().BeLessThan(512 * 1024);
        sampled.Should().OnlyContain(w => !w.IsAlive, "the accumulator must not keep the cases it counted");

        report.Cases.Should().Be(Many);
        report.Skipped.Should().Be(0);
        var expected = Expected(Many);
        foreach (var level in report.Levels)
        {
            var e = expected[level.Level];
            level.Cases.Should().Be(e.Cases);
            level.Stages.Select(s => s.Reached).Should().Equal(e.Reached);
            level.Odds.Successes.Should().Be(e.Hired);
            level.Odds.Failures.Should().Be(e.ClosedOtherwise);
            level.MedianDaysToApproach.Should().Be(Median(e.DaysToApproach));
            level.MedianDaysToHire.Should().Be(Median(e.DaysToHire));
        }
    }

    [Fact]
    public void Compute_HundredThousandStreamedCases_SameAsAccumulator()
    {
        var report = OutcomeStatistics.Compute(Generate(Many), Engine);
        var mm = report.For(JobLevel.MiddleManagement)!;

        // Kinds 5 and 9 of every ten end in a hire, kinds 2, 4, 6 and 7 close otherwise.
        var expected = Expected(Many)[JobLevel.MiddleManagement];
        mm.Odds.Successes.Should().Be(expected.Hired);
        mm.Odds.PosteriorMean.Should().BeApproximately((6.0 + expected.Hired) / (20 + expected.Hired + expected.ClosedOtherwise), 1e-12);
        mm.Odds.Lower.Should().BeLessThan(mm.Odds.PosteriorMean);
        mm.Odds.Upper.Should().BeGreaterThan(mm.Odds.PosteriorMean);
    }

    // Not inlined, so no local of the test method keeps a case alive after it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> Feed(OutcomeAccumulator accumulator, int count)
    {
        var sampled = new List<WeakReference>();
        var i = 0;
        foreach (var c in Generate(count))
        {
            accumulator.Add(c);
            // The last case stays referenced by the finished iterator until it is collected itself; sample earlier ones.
            if (i % 10_000 == 0 && i < count - 1)
            {
                sampled.Add(new WeakReference(c));
            }

            i++;
        }

        return sampled;
    }

    /// <summary>Yields fresh cases one at a time; nothing holds them but the caller.</summary>
    private static IEnumerable<RunnerUpCase> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Build(i);
        }
    }

    /// <summary>What case <paramref name="i"/> is: its level, its kind (0-9) and its timings in days after the call.</summary>
    private static (JobLevel Level, int Kind, int ApproachDay, int HireDay) Spec(int i)
    {
        var approach = 100 + (i % 61);
        return (Levels[i % 3], i / 3 % 10, approach, approach + 30 + (i % 17));
    }

    private static RunnerUpCase Build(int i)
    {
        var (level, kind, approachDay, hireDay) = Spec(i);
        var call = new LocalDate(2020, 1, 1).PlusDays(i % 1000);
        var events = new List<CaseEvent> { new Notified(call) };
        if (kind != 0)
        {
            events.Add(new NoteSent(call.PlusDays(1), NoteChannel.Email));
        }

        if (kind is 2 or 3 or 4 or 5 or 6 or 8 or 9)
        {
            events.Add(new FollowUpMade(call.PlusDays(90), FollowUpOutcome.NoChange));
        }

        if (kind is 4 or 5 or 6 or 8 or 9)
        {
            events.Add(new Approached(call.PlusDays(approachDay)));
        }

        if (kind is 5 or 6 or 9)
        {
            events.Add(new OfferReceived(call.PlusDays(approachDay + 10)));
        }

        CaseEvent? close = kind switch
        {
            2 => new Closed(call.PlusDays(120), CloseReason.NoOpening),
            4 => new Closed(call.PlusDays(approachDay + 5), CloseReason.Withdrew),
            5 or 9 => new Closed(call.PlusDays(hireDay), CloseReason.Hired),
            6 => new Closed(call.PlusDays(approachDay + 20), CloseReason.TookOtherJob),
            7 => new Closed(call.PlusDays(30), CloseReason.Withdrew),
            _ => null,
        };
        if (close is not null)
        {
            events.Add(close);
        }

        return new RunnerUpCase
        {
            Candidate = $"Candidate {i}",
            Company = $"Company {i % 500}",
            Role = "Analyst",
            Level = level,
            Events = events.ToArray(),
        };
    }

    private sealed class Tally
    {
        public long Cases { get; set; }

        public long[] Reached { get; } = new long[5];

        public long Hired { get; set; }

        public long ClosedOtherwise { get; set; }

        public List<int> DaysToApproach { get; } = [];

        public List<int> DaysToHire { get; } = [];
    }

    /// <summary>The expected tallies, from the specs alone (without building or reading any case).</summary>
    private static Dictionary<JobLevel, Tally> Expected(int count)
    {
        var tallies = Levels.ToDictionary(l => l, _ => new Tally());
        for (var i = 0; i < count; i++)
        {
            var (level, kind, approachDay, hireDay) = Spec(i);
            var t = tallies[level];
            t.Cases++;
            var furthest = kind switch { 0 => -1, 1 or 7 => 0, 2 or 3 => 1, 4 or 8 => 2, 6 => 3, _ => 4 };
            for (var s = 0; s <= furthest; s++)
            {
                t.Reached[s]++;
            }

            if (kind is 5 or 9)
            {
                t.Hired++;
                t.DaysToHire.Add(hireDay);
            }
            else if (kind is 2 or 4 or 6 or 7)
            {
                t.ClosedOtherwise++;
            }

            if (kind is 4 or 5 or 6 or 8 or 9)
            {
                t.DaysToApproach.Add(approachDay);
            }
        }

        return tallies;
    }

    private static double Median(List<int> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2.0;
    }
}
