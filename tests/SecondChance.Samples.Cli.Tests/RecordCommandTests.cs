using System.Text.Json.Nodes;
using SecondChance.Cases;
using SecondChance.Samples.Cli.Tests.Support;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Tests;

public sealed class RecordCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("record-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A copy of Alex's case (note sent 2026-03-06), cut to its first <paramref name="events"/> events.</summary>
    private string CaseFile(int events = 4)
    {
        var node = JsonNode.Parse(File.ReadAllText(Paths.Alex))!.AsObject();
        var all = node["events"]!.AsArray();
        node["events"] = new JsonArray([.. all.Take(events).Select(e => e!.DeepClone())]);
        var path = Path.Combine(_folder, "alex.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    private static RunnerUpCase Read(string path) => SecondChanceJson.ParseCase(File.ReadAllText(path)).Case!;

    public static TheoryData<int, string[], object, string> EveryEvent => new()
    {
        { 0, ["notified", "--on", "2026-03-06"], new Notified(new LocalDate(2026, 3, 6)), "Next: step 1" },
        { 1, ["feedback", "--on", "2026-03-06", "--gap", "team size", "--gap", "budget"], new FeedbackRecorded(new LocalDate(2026, 3, 6), ["team size", "budget"]), "Next: step 4" },
        { 1, ["interest-reaffirmed", "--on", "2026-03-06"], new InterestReaffirmed(new LocalDate(2026, 3, 6)), "Next: step 5" },
        { 1, ["note-sent", "--channel", "email"], new NoteSent(new LocalDate(2026, 3, 10), NoteChannel.Email), "Next: step 7" },
        { 4, ["follow-up", "--on", "2026-03-09", "--outcome", "similar-role-open"], new FollowUpMade(new LocalDate(2026, 3, 9), FollowUpOutcome.SimilarRoleOpen), "Next: step 9, wait" },
        { 4, ["approached", "--on", "2026-03-09"], new Approached(new LocalDate(2026, 3, 9)), "Next: step 9, answer their approach" },
        { 4, ["offer", "--on", "2026-03-09", "--respond-by", "2026-03-20"], new OfferReceived(new LocalDate(2026, 3, 9), new LocalDate(2026, 3, 20)), "Due 2026-03-20" },
        { 4, ["closed", "--reason", "took-other-job"], new Closed(new LocalDate(2026, 3, 10), CloseReason.TookOtherJob), "Nothing left to do" },
    };

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public async Task Record_EveryEventType_AppendsItAndPrintsTheNewNextAction(int keep, string[] args, object expected, string shown)
    {
        var path = CaseFile(keep);
        var before = Read(path);

        var result = await CliRun.Run(["record", "--case", path, .. args]);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().Contain($"Recorded {args[0]} on").And.Contain(shown);
        var after = Read(path);
        after.Events.Should().HaveCount(before.Events.Count + 1);
        SecondChanceJson.Serialize(after with { Events = [.. after.Events.Take(before.Events.Count)] }).Should().Be(SecondChanceJson.Serialize(before));
        SecondChanceJson.Serialize(after with { Events = [after.Events[^1]] })
            .Should().Be(SecondChanceJson.Serialize(after with { Events = [(CaseEvent)expected] }));
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Fact]
    public async Task Record_Json_PrintsTheNextActionContract()
    {
        var path = CaseFile();

        var result = await CliRun.Run("record", "--case", path, "follow-up", "--on", "2026-03-09", "--outcome", "NoChange", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        JsonNode.Parse(result.Stdout)!["action"]!.GetValue<string>().Should().Be("AwaitApproach");
    }

    [Theory]
    [InlineData(new[] { "note-sent", "--on", "2026-03-09" }, "--channel: is required")]
    [InlineData(new[] { "note-sent", "--channel", "pigeon" }, "--channel: 'pigeon' is not a known channel; use one of Email, Card, Letter")]
    [InlineData(new[] { "follow-up", "--channel", "email", "--outcome", "no-change" }, "--channel: does not apply to follow-up; it belongs to note-sent")]
    [InlineData(new[] { "follow-up", "--outcome", "no-change", "--on", "2026-03-01" }, "events[4].on: must not be before the previous event")]
    [InlineData(new[] { "follow-up", "--outcome", "no-change", "--on", "2026-03-11" }, "events[4].on: must not be after today")]
    [InlineData(new[] { "offer", "--on", "2026-03-09", "--respond-by", "2026-03-08" }, "events[4].respondBy: must not be before")]
    [InlineData(new[] { "hired" }, "EVENT: 'hired' is not an event this command records; use one of notified, feedback")]
    [InlineData(new[] { "notified" }, "events[4]")]
    public async Task Record_Invalid_ExitsTwoAndLeavesTheFileAsItWas(string[] args, string message)
    {
        var path = CaseFile();
        var original = File.ReadAllBytes(path);

        var result = await CliRun.Run(["record", "--case", path, .. args]);

        result.ExitCode.Should().Be(2, result.Stdout);
        result.Stderr.Should().Contain(message);
        File.ReadAllBytes(path).Should().Equal(original);
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Fact]
    public void AtomicWrite_CrashBetweenWriteAndRename_LeavesTheOldFile()
    {
        var path = CaseFile();
        var original = File.ReadAllText(path);

        FluentActions.Invoking(() => AtomicFile.Write(path, "{ half", () => throw new IOException("power cut")))
            .Should().Throw<IOException>().WithMessage("power cut");

        File.ReadAllText(path).Should().Be(original);
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Fact]
    public void AtomicWrite_ReplacesTheWholeFile()
    {
        var path = CaseFile();

        AtomicFile.Write(path, "short");

        File.ReadAllText(path).Should().Be("short");
    }
}
