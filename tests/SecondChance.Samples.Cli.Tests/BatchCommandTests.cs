using System.Text;
using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

public class BatchCommandTests
{
    private static string OneLine(string file) => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetRawText().ReplaceLineEndings(string.Empty);

    [Fact]
    public async Task Batch_MixOfGoodAndBadLines_AnswersEachLineInPlace()
    {
        var alex = OneLine(Paths.Alex);
        var unknownLevel = alex.Replace("MiddleManagement", "Astronaut");
        var input = string.Join('\n', alex, "{not json", unknownLevel, string.Empty, OneLine(Paths.Morgan), "{\"candidate\":\"x\"}") + "\n";

        var result = await CliRun.RunWithInput(input, "batch", "--today", "2026-10-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        var lines = result.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        lines.Should().HaveCount(6);
        lines[0].GetProperty("rule").GetString().Should().Be("FollowUp");
        lines[0].GetProperty("dueOn").GetString().Should().Be("2026-08-06");
        lines[0].GetProperty("overdue").GetBoolean().Should().BeTrue();
        lines[1].GetProperty("line").GetInt32().Should().Be(2);
        lines[1].GetProperty("errors")[0].GetString().Should().StartWith("$: is not valid JSON");
        lines[2].GetProperty("line").GetInt32().Should().Be(3);
        lines[2].GetProperty("errors").EnumerateArray().Select(e => e.GetString()).Should().Contain(e => e!.StartsWith("level: 'Astronaut' is not a known job level"));
        lines[3].GetProperty("line").GetInt32().Should().Be(4);
        lines[4].GetProperty("rule").GetString().Should().Be("RespondToApproach");
        lines[4].GetProperty("step").GetInt32().Should().Be(9);
        lines[5].GetProperty("line").GetInt32().Should().Be(6);
        lines[5].GetProperty("errors").EnumerateArray().Select(e => e.GetString()).Should().Contain("company: is required");
    }

    [Fact]
    public async Task Batch_EventAfterToday_IsAnErrorLineNamingTheField()
    {
        var result = await CliRun.RunWithInput(OneLine(Paths.Alex) + "\n", "batch", "--today", "2026-03-05");

        result.ExitCode.Should().Be(2, "no line could be decided");
        var line = JsonDocument.Parse(result.Stdout).RootElement;
        line.GetProperty("line").GetInt32().Should().Be(1);
        line.GetProperty("errors")[0].GetString().Should().Be("events[0].on: must not be after today (2026-03-05)");
    }

    [Fact]
    public async Task Batch_WithoutToday_DecidesEachCaseInItsOwnTimeZone()
    {
        // 2026-03-10 at noon UTC: March 10 in Los Angeles; the output is the same as next --json.
        var result = await CliRun.RunWithInput(OneLine(Paths.Alex) + "\n", "batch");
        var next = await CliRun.Run("next", "--case", Paths.Alex, "--json");

        result.Stdout.Should().Be(next.Stdout);
    }

    [Fact]
    public async Task Batch_Streams_AnswersALineBeforeTheNextIsRead()
    {
        var stdout = new StringWriter();
        var reader = new WatchingReader([OneLine(Paths.Alex), OneLine(Paths.Sam), "oops"], stdout);

        var result = await CliRun.RunWithReader(reader, ["batch", "--today", "2026-12-01"], stdout: stdout);

        result.ExitCode.Should().Be(0, result.Stderr);
        reader.OutputLinesSeenBeforeEachRead.Should().Equal(0, 1, 2, 3);
        result.StdoutLines.Should().HaveCount(3);
    }

    [Fact]
    public async Task Batch_ManyLines_KeepsOrderAndCount()
    {
        var alex = OneLine(Paths.Alex);
        var sam = OneLine(Paths.Sam);
        var input = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            input.Append(i % 3 == 2 ? "[]" : i % 3 == 0 ? alex : sam).Append('\n');
        }

        var result = await CliRun.RunWithInput(input.ToString(), "batch", "--today", "2026-12-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        var lines = result.StdoutLines;
        lines.Should().HaveCount(5000);
        for (var i = 0; i < 5000; i++)
        {
            var expected = i % 3 == 2 ? $"{{\"line\":{i + 1}," : i % 3 == 0 ? "{\"step\":7," : "{\"step\":5,";
            lines[i].Should().StartWith(expected, $"line {i + 1}");
        }
    }

    [Fact]
    public async Task Batch_JsonArray_ExplainsNdjsonAndExitsTwo()
    {
        var input = "[" + OneLine(Paths.Alex) + ",\n" + OneLine(Paths.Sam) + "]\n";

        var result = await CliRun.RunWithInput(input, "batch", "--today", "2026-12-01");

        result.ExitCode.Should().Be(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("batch reads one case per line (NDJSON)").And.Contain("jq -c '.[]'");
    }

    [Fact]
    public async Task Batch_EveryLineBad_ExitsTwoWithASummary()
    {
        var result = await CliRun.RunWithInput("{\"candidate\":\"x\"}\n{oops\n", "batch", "--today", "2026-12-01");

        result.ExitCode.Should().Be(2);
        result.StdoutLines.Should().HaveCount(2);
        result.StderrLines.Should().Contain("batch: decided 0, refused 2").And.Contain(l => l.Contains("no line could be decided"));
    }

    [Fact]
    public async Task Batch_Summary_CountsDecidedAndRefusedWithThousandsSeparators()
    {
        var alex = OneLine(Paths.Alex);
        var input = string.Concat(Enumerable.Repeat(alex + "\n", 1002)) + "oops\n";

        var result = await CliRun.RunWithInput(input, "batch", "--today", "2026-12-01");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StderrLines.Should().Equal("batch: decided 1,002, refused 1");
    }

    [Fact]
    public async Task Batch_LineOverTheLimit_IsAnErrorForThatLineAndTheNextLinesAreAnswered()
    {
        var alex = OneLine(Paths.Alex);
        var input = alex + "\r\n" + "{\"candidate\":\"" + new string('x', 5000) + "\"}\r\n" + alex + "\r" + OneLine(Paths.Sam) + "\n";

        var result = await CliRun.RunWithInput(input, "batch", "--today", "2026-12-01", "--max-line-length", "2000");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StdoutLines.Should().HaveCount(4);
        result.StdoutLines[1].Should().Be("{\"line\":2,\"errors\":[\"$: the line is 5,016 characters long; lines of at most 2,000 are read (--max-line-length), so it was skipped\"]}");
        result.StdoutLines[0].Should().StartWith("{\"step\":7,");
        result.StdoutLines[2].Should().StartWith("{\"step\":7,");
        result.StdoutLines[3].Should().StartWith("{\"step\":5,");
        result.StderrLines.Should().Equal("batch: decided 3, refused 1");
    }

    [Fact]
    public async Task Batch_LineOverTheDefaultLimit_IsSkippedWithoutHoldingIt()
    {
        // 64 Mi characters (128 MB as a string), made as they are read: only the limit's worth is ever kept.
        var reader = new LongLineReader(64L * 1024 * 1024, "\n" + OneLine(Paths.Alex) + "\n");

        var result = await CliRun.RunWithReader(reader, ["batch", "--today", "2026-12-01"]);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StdoutLines.Should().HaveCount(2);
        result.StdoutLines[0].Should().Be("{\"line\":1,\"errors\":[\"$: the line is 67,108,864 characters long; lines of at most 1,048,576 are read (--max-line-length), so it was skipped\"]}");
        result.StdoutLines[1].Should().StartWith("{\"step\":7,");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Batch_MaxLineLengthBelowOne_IsInvalidInput(string value)
    {
        var result = await CliRun.RunWithInput(OneLine(Paths.Alex) + "\n", "batch", "--max-line-length", value);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--max-line-length: must be a whole number of at least 1");
    }

    [Fact]
    public async Task Batch_AtATerminal_SaysWhatItIsWaitingFor()
    {
        var terminal = new CliTerminal(IsInputTerminal: true, IsOutputTerminal: false, NoColor: true);

        var result = await CliRun.RunWithReader(new StringReader(OneLine(Paths.Alex) + "\n"), ["batch", "--today", "2026-12-01"], terminal: terminal);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.StderrLines[0].Should().Contain("one JSON object per line; end with Ctrl-D");
    }

    /// <summary>A reader that records how many output lines existed each time the CLI asked for the next input line.</summary>
    /// <remarks>It hands out one line (with its line break) at a time, as a pipe fed line by line would.</remarks>
    private sealed class WatchingReader(IReadOnlyList<string> lines, StringWriter output) : TextReader
    {
        private int _next;
        private string _pending = string.Empty;

        public List<int> OutputLinesSeenBeforeEachRead { get; } = [];

        public override int Read(Span<char> buffer)
        {
            if (_pending.Length == 0)
            {
                OutputLinesSeenBeforeEachRead.Add(output.ToString().Count(c => c == '\n'));
                _pending = _next < lines.Count ? lines[_next++] + "\n" : string.Empty;
            }

            var n = Math.Min(buffer.Length, _pending.Length);
            _pending.AsSpan(0, n).CopyTo(buffer);
            _pending = _pending[n..];
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>A reader of one line of <paramref name="length"/> characters, then <paramref name="rest"/>; the long line is made as it is read, never held.</summary>
    private sealed class LongLineReader(long length, string rest) : TextReader
    {
        private long _left = length;
        private int _restAt;

        public override int Read(Span<char> buffer)
        {
            if (_left > 0)
            {
                var n = (int)Math.Min(buffer.Length, _left);
                buffer[..n].Fill('x');
                _left -= n;
                return n;
            }

            var m = Math.Min(buffer.Length, rest.Length - _restAt);
            rest.AsSpan(_restAt, m).CopyTo(buffer);
            _restAt += m;
            return m;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    }
}
