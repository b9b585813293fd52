using SecondChance.Serialization;
using SecondChance.Validation;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Validation;

/// <summary>Text that is not text, and dates at the ends of the calendar: each a clear error with its path.</summary>
public class HostileInputTests
{
    private const string LoneSurrogate = "\\ud800";

    private static string Document(string candidate = "Alex", string gap = "a gap", string respondBy = "2026-04-01", string notified = "2026-03-06") => $$"""
        { "candidate": "{{candidate}}", "company": "Contoso", "role": "Manager", "level": "MiddleManagement",
          "events": [
            { "type": "Notified", "on": "{{notified}}" },
            { "type": "FeedbackRecorded", "on": "2026-03-06", "gaps": ["{{gap}}"] },
            { "type": "OfferReceived", "on": "2026-03-09", "respondBy": "{{respondBy}}" } ] }
        """;

    [Theory]
    [InlineData("candidate")]
    [InlineData("events[1].gaps[0]")]
    public void ParseCase_LoneSurrogate_IsAnErrorWithItsPath(string path)
    {
        var json = path == "candidate" ? Document(candidate: "Al" + LoneSurrogate) : Document(gap: LoneSurrogate + "x");

        var result = SecondChanceJson.ParseCase(json);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Be(new CaseError(path, "is not valid Unicode text: it holds half of a surrogate pair (such as \\ud800)"));
    }

    [Fact]
    public void ParseCase_LoneSurrogateInAMemberName_IsAnError() =>
        SecondChanceJson.ParseCase("""{ "c\udc00": 1 }""").Errors.Should().ContainSingle().Which.Message.Should().Contain("member whose name");

    [Fact]
    public void ParseEvent_LoneSurrogate_IsAnErrorWithItsPath() =>
        SecondChanceJson.ParseEvent("""{ "type": "FeedbackRecorded", "on": "2026-03-06", "gaps": ["\ud800"] }""", out _)
            .Should().ContainSingle().Which.Field.Should().Be("gaps[0]");

    [Fact]
    public void Deserialize_LoneSurrogate_ThrowsJsonException() =>
        FluentActions.Invoking(() => System.Text.Json.JsonSerializer.Deserialize<RunnerUpCase>(Document(candidate: LoneSurrogate), SecondChanceJson.Options))
            .Should().Throw<System.Text.Json.JsonException>().WithMessage("*candidate: is not valid Unicode text*");

    [Fact]
    public void RuleSet_LoneSurrogate_IsAProblem() =>
        PlaybookRuleSet.Load("""{ "WorkflowName": "W\ud800", "Rules": [] }""").Errors.Should().ContainSingle()
            .Which.Where.Should().Be("WorkflowName");

    [Theory]
    [InlineData("""{ "candidate": "Alex", "Candidate": "Kim" }""", "Candidate", "also as \"candidate\"")]
    [InlineData("""{ "candidate": "Alex", "candidate": "Kim" }""", "candidate", "is given more than once; give each member once")]
    [InlineData("""{ "candidate": "Alex", "contact": { "name": "Pat", "NAME": "Lee" } }""", "contact.NAME", "also as \"name\"")]
    [InlineData("""{ "events": [ { "type": "Notified", "on": "2026-03-06", "On": "2026-03-07" } ] }""", "events[0].On", "also as \"on\"")]
    public void ParseCase_RepeatedMember_IsAnErrorNamingItsPath(string json, string path, string says)
    {
        var result = SecondChanceJson.ParseCase(json);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Match<CaseError>(e => e.Field == path && e.Message.Contains(says));
    }

    [Fact]
    public void ParseCase_ManyMembers_RepeatedOneIsFoundAmongThem()
    {
        var members = string.Join(", ", Enumerable.Range(0, 500).Select(i => $"\"m{i}\": {i}"));

        SecondChanceJson.ParseCase($$"""{ {{members}}, "M250": 1 }""").Errors.Should().ContainSingle()
            .Which.Should().Be(new CaseError("M250", "is given more than once (also as \"m250\"); member names are read ignoring letter case, so give each once"));
    }

    [Fact]
    public void ParseEvent_RepeatedMemberInAnotherCase_IsAnError() =>
        SecondChanceJson.ParseEvent("""{ "type": "NoteSent", "on": "2026-03-06", "channel": "Email", "Channel": "Card" }""", out _)
            .Should().ContainSingle().Which.Field.Should().Be("Channel");

    [Fact]
    public void ParseOpening_RepeatedMember_IsAnError() =>
        SecondChanceJson.ParseOpening("""{ "company": "Contoso", "title": "Manager", "Title": "Director", "postedOn": "2026-03-06" }""", out _)
            .Should().ContainSingle().Which.Field.Should().Be("Title");

    [Fact]
    public void Deserialize_RepeatedMember_ThrowsJsonExceptionNamingIt() =>
        FluentActions.Invoking(() => System.Text.Json.JsonSerializer.Deserialize<RunnerUpCase>("""{ "level": "MiddleManagement", "Level": "SeniorExecutive" }""", SecondChanceJson.Options))
            .Should().Throw<System.Text.Json.JsonException>().WithMessage("*Level: is given more than once*");

    [Fact]
    public void RuleSet_ExpressionGivenTwiceInAnotherCase_IsAProblemNamingThePath()
    {
        var json = """{ "WorkflowName": "W", "Rules": [ { "RuleName": "R", "Expression": "facts.Notified", "expression": "facts.Closed" } ] }""";

        var problem = PlaybookRuleSet.Load(json).Errors.Should().ContainSingle().Subject;

        problem.Where.Should().Be("Rules[0].expression");
        problem.Message.Should().Contain("also as \"Expression\"");
    }

    [Theory]
    [InlineData("0000-03-06", "events[0].on")]
    [InlineData("1899-12-31", "events[0].on")]
    public void Validate_DateBeforeTheRange_IsAnErrorWithItsPath(string notified, string path)
    {
        var @case = SecondChanceJson.ParseCase(Document(notified: notified)).Case!;
        var engine = new PlaybookEngine();

        var decision = engine.Decide(@case, D(2026, 3, 9));

        decision.IsValid.Should().BeFalse();
        decision.Errors.Should().Contain(e => e.Field == path && e.Message.Contains("from 1900-01-01 to 2999-12-31"));
        engine.Plan(@case, D(2026, 3, 9)).Steps.Should().BeEmpty();
    }

    [Fact]
    public void Decide_RespondByAtTheEndOfTheCalendar_IsAnErrorNotAnOverflow()
    {
        var @case = SecondChanceJson.ParseCase(Document(respondBy: "9999-12-31")).Case!;
        var engine = new PlaybookEngine();

        var decision = engine.Decide(@case, D(2026, 3, 9));
        var plan = engine.Plan(@case, D(2026, 3, 9));

        decision.Errors.Should().ContainSingle().Which.Field.Should().Be("events[2].respondBy");
        plan.Decision.IsValid.Should().BeFalse();
    }

    [Theory]
    [InlineData(9999, 12, 31)]
    [InlineData(3000, 1, 1)]
    [InlineData(1, 1, 1)]
    public void Decide_TodayOutsideTheRange_IsAnErrorNamingToday(int y, int m, int d)
    {
        var engine = new PlaybookEngine();
        var @case = New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6)));

        var decision = engine.Decide(@case, D(y, m, d));
        var plan = engine.Plan(@case, D(y, m, d));

        decision.Errors.Should().Contain(e => e.Field == "today");
        plan.Steps.Should().BeEmpty();
    }

    [Fact]
    public void Decide_LastDayOfTheRange_Plans()
    {
        var engine = new PlaybookEngine();
        var @case = New(JobLevel.SeniorExecutive, HappyPath(CaseLimits.LatestDate));

        var plan = engine.Plan(@case, CaseLimits.LatestDate);

        plan.Decision.IsValid.Should().BeTrue();
        (plan.Decision.DueOn > CaseLimits.LatestDate).Should().BeTrue();
    }

    [Fact]
    public void Decide_LastDayOfTheRangeWithTheLongestPolicies_StaysInsideTheCalendar()
    {
        // Every policy number at its limit (365 days, 120 months, a 365-day window, a level's 60 months):
        // due dates from the last day a case may hold stay far inside the calendar, so deciding needs no
        // guard against date overflow.
        var json = PlaybookRuleSet.DefaultWorkflowJson
            .Replace("\"days\": 1 }", "\"days\": 365 }").Replace("\"days\": 2 }", "\"days\": 365 }")
            .Replace("\"policy\": \"LevelMonthsAfter\", \"anchor\": \"NoteSent\", \"windowDays\": 14", "\"policy\": \"MonthsAfter\", \"anchor\": \"NoteSent\", \"months\": 120, \"windowDays\": 365");
        json.Should().Contain("\"months\": 120").And.NotContain("\"days\": 1 }");
        var options = new PlaybookOptions { RuleSet = PlaybookRuleSet.Load(json).GetRuleSetOrThrow() };
        options.Levels[JobLevel.SeniorExecutive] = new LevelProfile(60, 365, 0.15);
        var engine = new PlaybookEngine(options);
        var last = CaseLimits.LatestDate;
        CaseEvent[][] histories =
        [
            [new Notified(last)],
            [new Notified(last), new FeedbackRecorded(last, ["a gap"]), new InterestReaffirmed(last)],
            HappyPath(last),
            [.. HappyPath(last), new FollowUpMade(last, FollowUpOutcome.NoChange)],
            [.. HappyPath(last), new OpeningSeen(last, "Engineering Manager", OpeningMatch.Reopened, null)],
            [.. HappyPath(last), new Approached(last)],
            [.. HappyPath(last), new OfferReceived(last, null)],
        ];

        foreach (var events in histories)
        {
            var plan = engine.Plan(New(JobLevel.SeniorExecutive, events), last);

            plan.Decision.IsValid.Should().BeTrue(string.Join("; ", plan.Decision.Errors));
            (plan.Decision.Next.DueOn is { } due && due >= last).Should().BeTrue();
            plan.Steps.Should().NotBeEmpty();
        }
    }
}
