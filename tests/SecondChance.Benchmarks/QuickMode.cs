using System.Diagnostics;
using System.Globalization;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;

namespace SecondChance.Benchmarks;

/// <summary>
/// A one-minute measurement for a noisy machine: the three contenders run interleaved, round after
/// round, after a warm-up, and the medians are compared, so background load hits them alike. Ends with
/// one line: <c>decide: library_ns=… handwritten_ns=… naive_ns=… lib_over_hand=… naive_over_lib=… alloc_bytes=… sweep_1m_ms=…</c>.
/// </summary>
internal static class QuickMode
{
    // The same cases for every contender, and the same number as the BenchmarkDotNet job decides per invocation.
    private const int CaseCount = DecideBenchmarks.CaseCount;
    private const int Rounds = 31;
    private const double TargetSampleNs = 4_000_000;

    public static int Run()
    {
        var total = Stopwatch.StartNew();
        var today = CaseGenerator.Today;
        var cases = CaseGenerator.Generate(CaseCount);
        var engine = new PlaybookEngine();
        var hand = new HandWrittenRules();
        var handNoChecks = new HandWrittenRules(validate: false);
        var naive = new NaiveRulesEngine(engine);

        var mismatch = CheckAgreement(engine, hand, naive, cases, today);
        if (mismatch is not null)
        {
            Console.Error.WriteLine("The contenders disagree: " + mismatch);
            return 1;
        }

        // Warm-up: enough calls for the JIT to reach its optimised tier on every path; counted in
        // CPU time so a busy machine gets the same warm-up, with a wall-clock cap.
        var warmCpuUntil = ThreadClock.NowNanoseconds() + 2_000_000_000L;
        var warmWallUntil = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 15);
        while (ThreadClock.NowNanoseconds() < warmCpuUntil && Stopwatch.GetTimestamp() < warmWallUntil)
        {
            LibraryPass(engine, cases, today);
            HandPass(hand, cases, today);
            HandPass(handNoChecks, cases, today);
            NaivePass(naive, cases, today);
        }

        Thread.Sleep(200);
        var libraryReps = Calibrate(() => LibraryPass(engine, cases, today));
        var handReps = Calibrate(() => HandPass(hand, cases, today));
        var handNoChecksReps = Calibrate(() => HandPass(handNoChecks, cases, today));
        var naiveReps = Calibrate(() => NaivePass(naive, cases, today));

        var lib = new List<double>();
        var hw = new List<double>();
        var nv = new List<double>();
        var hn = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            // Rotate the order so no contender always runs first or last in a round.
            for (var k = 0; k < 4; k++)
            {
                switch ((round + k) % 4)
                {
                    case 0:
                        lib.Add(Time(() => LibraryPass(engine, cases, today), libraryReps, cases.Length));
                        break;
                    case 1:
                        hw.Add(Time(() => HandPass(hand, cases, today), handReps, cases.Length));
                        break;
                    case 2:
                        hn.Add(Time(() => HandPass(handNoChecks, cases, today), handNoChecksReps, cases.Length));
                        break;
                    default:
                        nv.Add(Time(() => NaivePass(naive, cases, today), naiveReps, cases.Length));
                        break;
                }
            }
        }

        var allocBytes = AllocatedPerDecision(engine, cases, today);

        _ = Sweep.Run(engine, cases, 200_000, today);
        var sweeps = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var valid = Sweep.Run(engine, cases, 1_000_000, today);
            sweeps.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (valid != 1_000_000)
            {
                Console.Error.WriteLine($"The sweep decided only {valid} of 1000000 cases as valid.");
                return 1;
            }
        }

        var libraryNs = Median(lib);
        var handNs = Median(hw);
        var handNoChecksNs = Median(hn);
        var naiveNs = Median(nv);
        var sweepMs = sweeps.Min();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cases.Length} cases ({CaseGenerator.StageCount} stages x 3 levels), {Rounds} interleaved rounds timed in {ThreadClock.Name} (medians), sweep = best of 3 wall-clock runs on {Environment.ProcessorCount} cores, {total.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"for reference: handwritten_without_validation_ns={handNoChecksNs:F1} lib_over_hand_without_validation={libraryNs / handNoChecksNs:F2} naive_over_hand={naiveNs / handNs:F0} naive_over_hand_without_validation={naiveNs / handNoChecksNs:F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decide: library_ns={libraryNs:F1} handwritten_ns={handNs:F1} naive_ns={naiveNs:F1} lib_over_hand={libraryNs / handNs:F2} naive_over_lib={naiveNs / libraryNs:F0} alloc_bytes={allocBytes} sweep_1m_ms={sweepMs:F0}"));
        return 0;
    }

    private static string? CheckAgreement(PlaybookEngine engine, HandWrittenRules hand, NaiveRulesEngine naive, RunnerUpCase[] cases, LocalDate today)
    {
        for (var i = 0; i < cases.Length; i++)
        {
            var decision = engine.Decide(cases[i], today);
            if (!decision.IsValid)
            {
                return $"case {i} is invalid: {string.Join("; ", decision.Errors)}";
            }

            var library = decision.Next;
            var handWritten = hand.Decide(cases[i], today);
            if (!Same(library, handWritten))
            {
                return $"case {i}: library {library} but hand-written {handWritten}";
            }

            if (naive.Decide(cases[i], today) is var viaRulesEngine && !Same(library, viaRulesEngine))
            {
                return $"case {i}: library {library} but RulesEngine {viaRulesEngine}";
            }
        }

        // The baseline must give the same verdict on bad input as the library, or it is not doing the same work.
        foreach (var (what, bad) in InvalidVariants(cases[5], today))
        {
            if (engine.Decide(bad, today).IsValid || hand.Decide(bad, today) is not null)
            {
                return $"bad input ({what}): library valid={engine.Decide(bad, today).IsValid}, hand-written accepted={hand.Decide(bad, today) is not null}";
            }
        }

        return null;
    }

    private static IEnumerable<(string, RunnerUpCase)> InvalidVariants(RunnerUpCase c, LocalDate today)
    {
        var events = c.Events;
        yield return ("empty candidate", c with { Candidate = " " });
        yield return ("long role", c with { Role = new string('r', 201) });
        yield return ("unknown level", c with { Level = new JobLevel("Astronaut") });
        yield return ("unknown zone", c with { TimeZone = "Mars/Base" });
        yield return ("bad email", c with { Contact = new Contact("Pat", "pat@") });
        yield return ("out of order", c with { Events = [.. events, new Approached(events[^1].On.PlusDays(-1))] });
        yield return ("after today", c with { Events = [.. events, new Approached(today.PlusDays(1))] });
        yield return ("second Notified", c with { Events = [.. events, new Notified(events[^1].On)] });
        yield return ("no Notified", c with { Events = events.Skip(1).ToArray() });
        yield return ("after Closed", c with { Events = [.. events, new Closed(events[^1].On, CloseReason.Withdrew), new Approached(events[^1].On)] });
        yield return ("respondBy", c with { Events = [.. events, new OfferReceived(events[^1].On, events[^1].On.PlusDays(-1))] });
        yield return ("blank gap", c with { Events = [.. events, new FeedbackRecorded(events[^1].On, [""])] });
        yield return ("channel", c with { Events = [.. events, new NoteSent(events[^1].On, (NoteChannel)7)] });
        yield return ("bad candidate email", c with { CandidateEmail = "alex@" });
        yield return ("respondBy past the date range", c with { Events = [.. events, new OfferReceived(events[^1].On, new LocalDate(3000, 1, 1))] });
    }

    private static bool Same(NextAction a, NextAction? b) =>
        b is { } o && a.Rule == o.Rule && a.Step == o.Step && a.Action == o.Action && a.Covers.SequenceEqual(o.Covers)
        && a.DueOn == o.DueOn && a.WindowStart == o.WindowStart && a.WindowEnd == o.WindowEnd && a.Overdue == o.Overdue && a.Guidance == o.Guidance;

    private static int LibraryPass(PlaybookEngine engine, RunnerUpCase[] cases, LocalDate today)
    {
        var sum = 0;
        foreach (var c in cases)
        {
            sum += engine.Decide(c, today).DueOn?.Day ?? 0;
        }

        return sum;
    }

    private static int HandPass(HandWrittenRules hand, RunnerUpCase[] cases, LocalDate today)
    {
        var sum = 0;
        foreach (var c in cases)
        {
            sum += hand.DecideFast(c, today).DueOn?.Day ?? 0;
        }

        return sum;
    }

    private static int NaivePass(NaiveRulesEngine naive, RunnerUpCase[] cases, LocalDate today)
    {
        var sum = 0;
        foreach (var c in cases)
        {
            sum += naive.Decide(c, today)?.DueOn?.Day ?? 0;
        }

        return sum;
    }

    private static int Calibrate(Func<int> pass)
    {
        var start = ThreadClock.NowNanoseconds();
        _ = pass();
        var ns = Math.Max(1, ThreadClock.NowNanoseconds() - start);
        return (int)Math.Clamp(TargetSampleNs / ns, 1, 10_000);
    }

    private static double Time(Func<int> pass, int reps, int casesPerPass)
    {
        var sink = 0;
        var start = ThreadClock.NowNanoseconds();
        for (var r = 0; r < reps; r++)
        {
            sink += pass();
        }

        var elapsed = ThreadClock.NowNanoseconds() - start;
        GC.KeepAlive(sink);
        return elapsed / ((double)reps * casesPerPass);
    }

    private static long AllocatedPerDecision(PlaybookEngine engine, RunnerUpCase[] cases, LocalDate today)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0;
        for (var r = 0; r < 10; r++)
        {
            sum += LibraryPass(engine, cases, today);
        }

        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(sum);
        return (long)Math.Round((after - before) / (10.0 * cases.Length));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
