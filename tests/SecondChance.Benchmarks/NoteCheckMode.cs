using System.Diagnostics;
using System.Globalization;
using System.Text;
using SecondChance.Notes;
using SecondChance.Serialization;

namespace SecondChance.Benchmarks;

/// <summary>
/// How long <see cref="NoteChecker.Check"/> takes on hostile notes, against a real note checked in the
/// same run (the baseline): a pathological note of <see cref="NoteChecker.MaxNoteLength"/> characters
/// (every line an unclosed <c>[ADD</c> prompt and an argumentative phrase, so every check and every
/// finding's line lookup is at its worst), the same at half that length (twice the length should cost
/// about twice the time, not four times), and one of 5 MB (refused by its size), after a warm-up.
/// Wall-clock medians of 5 runs; ends with one line:
/// <c>notes-check: baseline_ms=… half_ms=… limit_chars=… limit_ms=… limit_findings=… limit_over_half=… mb5_chars=… mb5_ms=… mb5_findings=… limit_over_baseline=…</c>.
/// </summary>
internal static class NoteCheckMode
{
    private const int Repeats = 5;

    private const string CaseJson = """
        { "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager", "level": "MiddleManagement",
          "contact": { "name": "Pat Lee" },
          "events": [
            { "type": "Notified", "on": "2026-03-06" },
            { "type": "FeedbackRecorded", "on": "2026-03-06", "gaps": ["has not led a team of 10 or more"] } ] }
        """;

    private const string RealNote = """
        Subject: Thank you for the call about the Engineering Manager role

        Dear Pat,

        Thank you for calling me about the Engineering Manager role, and for being so candid about where the other candidate came out ahead.

        You mentioned that I have not led a team of 10 or more. Since 2024 I have led a team of 12 engineers through two product launches.

        I am still very interested in the role and in Contoso. If anything changes, or a similar role opens up, I would be glad to talk again.

        Best regards,
        Alex Rivera
        """;

    public static int Run(string[] args)
    {
        var @case = SecondChanceJson.ParseCase(CaseJson).Case!;
        var sizeAt = Array.IndexOf(args, "--size");
        var bigSize = sizeAt >= 0 && sizeAt + 1 < args.Length ? int.Parse(args[sizeAt + 1], CultureInfo.InvariantCulture) : 5 * 1024 * 1024;
        var atLimit = Pathological(NoteChecker.MaxNoteLength);
        var big = Pathological(bigSize);

        // Warm-up: the first checks of a process pay for compiling the checker's code and patterns.
        for (var i = 0; i < 50; i++)
        {
            _ = NoteChecker.Check(RealNote, @case);
        }

        _ = NoteChecker.Check(Pathological(NoteChecker.MaxNoteLength / 10), @case);

        var (baseline, _) = Median("baseline", RealNote, @case);
        var (half, _) = Median("half", Pathological(NoteChecker.MaxNoteLength / 2), @case);
        var (limit, limitFindings) = Median("limit", atLimit, @case);
        var (large, largeFindings) = Median("mb5", big, @case);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"notes-check: baseline_ms={baseline:F3} half_ms={half:F1} limit_chars={atLimit.Length} limit_ms={limit:F1} limit_findings={limitFindings} limit_over_half={limit / half:F2} mb5_chars={big.Length} mb5_ms={large:F3} mb5_findings={largeFindings} limit_over_baseline={limit / baseline:F0}"));
        return 0;
    }

    /// <summary>A note of exactly <paramref name="length"/> characters: thanks, then lines that each argue and open a prompt never closed.</summary>
    internal static string Pathological(int length)
    {
        var text = new StringBuilder("Thank you for the call.\n\n", length + 64);
        while (text.Length < length)
        {
            text.Append("I led a team of 12 but you overlooked it [ADD an example\n");
        }

        text.Length = length;
        return text.ToString();
    }

    /// <summary>The median time of checking <paramref name="note"/>; a check that throws counts as -1 findings at the time it failed.</summary>
    private static (double Ms, int Findings) Median(string label, string note, SecondChance.Cases.RunnerUpCase @case)
    {
        var times = new List<double>();
        var findings = 0;
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                findings = NoteChecker.Check(note, @case).Findings.Count;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {ex.GetType().Name} after {watch.Elapsed.TotalMilliseconds:F0} ms"));
                findings = -1;
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: run {i + 1}: {watch.Elapsed.TotalMilliseconds:F1} ms, {findings} findings"));
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                break; // One run this slow says enough.
            }
        }

        times.Sort();
        return (times[times.Count / 2], findings);
    }
}
