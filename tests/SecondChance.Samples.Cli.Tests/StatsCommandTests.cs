using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class StatsCommandTests
{
    private static readonly Dictionary<string, double> Priors = new()
    {
        ["IndividualContributor"] = 0.15,
        ["MiddleManagement"] = 0.30,
        ["SeniorExecutive"] = 0.15,
    };

    [Fact]
    public async Task Stats_Json_CountsMatchTheBundledFileCountedHere()
    {
        var expected = Count(File.ReadLines(Paths.Outcomes));

        var result = await CliRun.Run("stats", "--cases", Paths.Outcomes, "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        root.GetProperty("cases").GetInt64().Should().Be(30);
        root.GetProperty("skipped").GetInt64().Should().Be(0);
        var levels = root.GetProperty("levels").EnumerateArray().ToArray();
        levels.Select(l => l.GetProperty("level").GetString()).Should().Equal("IndividualContributor", "MiddleManagement", "SeniorExecutive");

        foreach (var level in levels)
        {
            var name = level.GetProperty("level").GetString()!;
            var tally = expected[name];
            level.GetProperty("cases").GetInt64().Should().Be(tally.Cases, name);
            level.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("reached").GetInt64()).Should().Equal(tally.Reached, name);
            level.GetProperty("medianDaysToApproach").GetDouble().Should().Be(Median(tally.DaysToApproach), name);
            level.GetProperty("medianDaysToHire").GetDouble().Should().Be(Median(tally.DaysToHire), name);

            var odds = level.GetProperty("odds");
            odds.GetProperty("successes").GetInt64().Should().Be(tally.Hired, name);
            odds.GetProperty("failures").GetInt64().Should().Be(tally.ClosedOtherwise, name);
            odds.GetProperty("posteriorMean").GetDouble().Should().BeApproximately((20 * Priors[name] + tally.Hired) / (20.0 + tally.Hired + tally.ClosedOtherwise), 1e-12, name);

            var noteSent = level.GetProperty("stages")[0];
            var (lower, upper) = Wilson(tally.Reached[0], tally.Cases);
            noteSent.GetProperty("interval").GetProperty("lower").GetDouble().Should().BeApproximately(lower, 1e-9, name);
            noteSent.GetProperty("interval").GetProperty("upper").GetDouble().Should().BeApproximately(upper, 1e-9, name);
        }
    }

    [Fact]
    public void Stats_BundledFile_HasEveryKindOfOutcome()
    {
        var tallies = Count(File.ReadLines(Paths.Outcomes));

        tallies.Values.Should().OnlyContain(t => t.Cases >= 5 && t.Hired >= 1 && t.ClosedOtherwise >= 1 && t.Open >= 1);
        tallies.Values.Sum(t => t.HiredAfterOffer).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Stats_Text_ShowsEachLevelsFunnelAndOddsIn80Columns()
    {
        var tallies = Count(File.ReadLines(Paths.Outcomes));
        var middle = tallies["MiddleManagement"];

        var result = await CliRun.Run("stats", "--cases", Paths.Outcomes);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StdoutLines.Should().OnlyContain(l => l.Length <= 80);
        result.StdoutLines[0].Should().Be("Outcomes: 30 cases counted, 0 skipped.");
        result.StdoutLines.Should().Contain(["IndividualContributor: 10 cases", "MiddleManagement: 10 cases", "SeniorExecutive: 10 cases"]);
        result.Stdout.Should().Contain("│ Stage        │")
            .And.Contain("95% Wilson interval")
            .And.MatchRegex($@"│ Hired        │ +{middle.Reached[4]} of {middle.Reached[3]} │")
            .And.Contain($"Median days from the call to the approach: {Median(middle.DaysToApproach)}; to the hire: {Median(middle.DaysToHire)}")
            .And.Contain($"Chance of a hire: 33% (95% credible interval 17% to 52%; {middle.Hired} hired of {middle.Hired + middle.ClosedOtherwise} closed)")
            .And.Contain("Calibrated from the prior 30.0% (weight 20) with the closed cases.");
    }

    [Fact]
    public async Task Stats_LineOverOneMebibyte_ExitsTwoNamingTheLine()
    {
        var lines = File.ReadLines(Paths.Outcomes).Take(2).ToList();
        lines.Insert(1, "{\"candidate\":\"" + new string('x', 1024 * 1024) + "\"}");
        var file = Paths.TempFile(string.Join('\n', lines), ".ndjson");

        var result = await CliRun.Run("stats", "--cases", file, "--today", "2026-03-10");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain($"cases file '{file}', line 2: the line is 1,048,592 characters long; lines of at most 1,048,576 are read");
    }

    [Fact]
    public async Task Stats_InvalidLines_AreSkippedAndReportedWithTheirLineNumbers()
    {
        var lines = File.ReadLines(Paths.Outcomes).Take(4).ToList();
        lines.Insert(1, "{ not json");
        lines.Insert(3, string.Empty);
        lines.Add(lines[0].Replace("IndividualContributor", "Wizard", StringComparison.Ordinal));
        lines.Add(lines[0].Replace("\"2024-09-02\"", "\"2027-01-01\"", StringComparison.Ordinal));
        var file = Paths.TempFile(string.Join('\n', lines), ".ndjson");

        var result = await CliRun.Run("stats", "--cases", file, "--json", "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StderrLines.Should().HaveCount(3);
        result.StderrLines[0].Should().StartWith($"cases file '{file}', line 2: skipped: $: is not valid JSON");
        result.StderrLines[1].Should().StartWith($"cases file '{file}', line 7: skipped: level: 'Wizard' is not a known job level");
        result.StderrLines[2].Should().StartWith($"cases file '{file}', line 8: skipped: events[0].on: must not be after today (2026-03-10)");
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("cases").GetInt64().Should().Be(4);
        doc.RootElement.GetProperty("skipped").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Stats_MissingFile_ExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-outcomes.ndjson");

        var result = await CliRun.Run("stats", "--cases", path);

        result.ExitCode.Should().Be(2);
        result.StderrLines.Should().Equal($"cases file '{path}' was not found");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Stats_EmptyFile_ListsEveryLevelWithThePriorOdds()
    {
        var result = await CliRun.Run("stats", "--cases", Paths.TempFile(string.Empty, ".ndjson"));

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StdoutLines.Should().Contain(["MiddleManagement: no cases", "Chance of a hire: 30% (95% credible interval 13% to 51%; 0 hired of 0 closed)"]);
    }

    /// <summary>Counts the file the way the outcome statistics are defined, straight from the JSON.</summary>
    private static Dictionary<string, Tally> Count(IEnumerable<string> lines)
    {
        var tallies = new Dictionary<string, Tally>();
        foreach (var line in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var level = doc.RootElement.GetProperty("level").GetString()!;
            var tally = tallies.TryGetValue(level, out var t) ? t : tallies[level] = new Tally();
            var events = doc.RootElement.GetProperty("events").EnumerateArray()
                .Select(e => (Type: e.GetProperty("type").GetString()!, On: DateOnly.Parse(e.GetProperty("on").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Reason: e.TryGetProperty("reason", out var r) ? r.GetString() : null))
                .ToArray();
            var notified = events[0].On;
            var furthest = -1;
            foreach (var e in events)
            {
                var stage = e.Type switch
                {
                    "NoteSent" => 0,
                    "FollowUpMade" => 1,
                    "Approached" => 2,
                    "OfferReceived" => 3,
                    "Closed" when e.Reason == "Hired" => 4,
                    _ => -1,
                };
                furthest = Math.Max(furthest, stage);
            }

            tally.Cases++;
            for (var s = 0; s <= furthest; s++)
            {
                tally.Reached[s]++;
            }

            if (events.FirstOrDefault(e => e.Type == "Approached") is { Type: not null } approached)
            {
                tally.DaysToApproach.Add(approached.On.DayNumber - notified.DayNumber);
            }

            var closed = events.FirstOrDefault(e => e.Type == "Closed");
            if (closed.Type is null)
            {
                tally.Open++;
            }
            else if (closed.Reason == "Hired")
            {
                tally.Hired++;
                tally.DaysToHire.Add(closed.On.DayNumber - notified.DayNumber);
                tally.HiredAfterOffer += events.Any(e => e.Type == "OfferReceived") ? 1 : 0;
            }
            else
            {
                tally.ClosedOtherwise++;
            }
        }

        return tallies;
    }

    private static double Median(List<int> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static (double Lower, double Upper) Wilson(long x, long n)
    {
        const double z = 1.959963984540054;
        var p = (double)x / n;
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n)));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private sealed class Tally
    {
        public long Cases { get; set; }

        public long[] Reached { get; } = new long[5];

        public List<int> DaysToApproach { get; } = [];

        public List<int> DaysToHire { get; } = [];

        public long Hired { get; set; }

        public long HiredAfterOffer { get; set; }

        public long ClosedOtherwise { get; set; }

        public long Open { get; set; }
    }
}
