using SecondChance.Planning;
using SecondChance.Serialization;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Rules;

/// <summary>
/// The FollowUpOnOpening rule at every stage a case can be in when an opening arrives, per the rule
/// table: an open case that sees an opening after its last follow-up follows up the next business day;
/// after an approach or an offer, or once closed, the opening changes nothing.
/// </summary>
public class OpeningRuleTests
{
    private static readonly PlaybookEngine Engine = new();
    private static readonly LocalDate Call = D(2026, 3, 6); // a Friday
    private static readonly LocalDate Seen = D(2026, 9, 4); // a Friday: due the Monday after
    private static readonly LocalDate Today = D(2026, 12, 31);
    private static readonly OpeningSeen Reopened = new(Seen, "Engineering Manager", OpeningMatch.Reopened, "https://jobs.example/contoso/42");

    public static TheoryData<string, string, string?> Stages() => new()
    {
        // stage the case is in when the opening is seen, rule that decides, due date
        { "Notified", "FollowUpOnOpening", "2026-09-07" },
        { "FeedbackRecorded", "FollowUpOnOpening", "2026-09-07" },
        { "InterestReaffirmed", "FollowUpOnOpening", "2026-09-07" },
        { "NoteSent", "FollowUpOnOpening", "2026-09-07" },
        { "FollowUpMade", "FollowUpOnOpening", "2026-09-07" },
        { "TwoFollowUps", "FollowUpOnOpening", "2026-09-07" },
        { "Approached", "RespondToApproach", "2026-08-17" },
        { "OfferReceived", "NegotiateOffer", "2026-08-24" },
        { "OfferReceivedRespondBy", "NegotiateOffer", "2026-08-28" },
    };

    [Theory]
    [MemberData(nameof(Stages))]
    public void Decide_OpeningSeenAtEachStage_FollowsUpOnlyWhileNoApproachOrOffer(string stage, string rule, string? dueOn)
    {
        foreach (var level in new[] { JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive })
        {
            var decision = Engine.Decide(New(level, [.. History(stage), Reopened]), Today);

            decision.Errors.Should().BeEmpty();
            decision.Next.Rule.Should().Be(rule);
            decision.Next.DueOn?.ToString("uuuu-MM-dd", null).Should().Be(dueOn);
            if (rule == "FollowUpOnOpening")
            {
                decision.Next.Should().BeEquivalentTo(new { Step = 7, Action = PlaybookAction.FollowUp, Covers = new[] { 7, 8 }, WindowStart = (LocalDate?)null, WindowEnd = (LocalDate?)null, Overdue = true });
            }
            else
            {
                decision.Next.Should().Be(Engine.Decide(New(level, History(stage)), Today).Next with { Guidance = decision.Next.Guidance }, "an opening after an approach or an offer changes nothing");
            }
        }
    }

    [Fact]
    public void Decide_OpeningBeforeTheLastFollowUp_IsAlreadyActedOn()
    {
        var c = New(JobLevel.MiddleManagement, [.. HappyPath(Call), Reopened, new FollowUpMade(Seen.PlusDays(3), FollowUpOutcome.RoleReopened)]);

        Engine.Decide(c, Today).Next.Rule.Should().Be("AwaitApproach");
    }

    [Fact]
    public void Decide_OpeningAfterAFollowUpOnTheSameDay_FollowsUpAgain()
    {
        var c = New(JobLevel.MiddleManagement, [.. HappyPath(Call), new FollowUpMade(Seen, FollowUpOutcome.NoChange), Reopened]);

        Engine.Decide(c, Today).Next.Rule.Should().Be("FollowUpOnOpening");
    }

    [Fact]
    public void Decide_SecondOpeningAfterAFollowUp_CountsFromTheLatestOpening()
    {
        var similar = new OpeningSeen(D(2026, 10, 14), "Senior Engineering Manager, Payments", OpeningMatch.Similar);
        var c = New(JobLevel.MiddleManagement, [.. HappyPath(Call), Reopened, new FollowUpMade(Seen.PlusDays(3), FollowUpOutcome.RoleReopened), similar]);

        var next = Engine.Decide(c, D(2026, 10, 14)).Next;

        next.Rule.Should().Be("FollowUpOnOpening");
        next.DueOn.Should().Be(D(2026, 10, 15));
        next.Overdue.Should().BeFalse();
        next.Guidance.Should().Contain("\u201cSenior Engineering Manager, Payments\u201d").And.Contain("interested in this role too");
    }

    [Fact]
    public void Decide_ClosedAfterAnOpening_IsClosed_AndNoOpeningMayFollowClosed()
    {
        var closed = New(JobLevel.MiddleManagement, [.. HappyPath(Call), Reopened, new Closed(Seen.PlusDays(1), CloseReason.TookOtherJob)]);
        Engine.Decide(closed, Today).Next.Rule.Should().Be("CaseClosed");

        var after = New(JobLevel.MiddleManagement, [.. HappyPath(Call), new Closed(Seen.PlusDays(-1), CloseReason.TookOtherJob), Reopened]);
        var decision = Engine.Decide(after, Today);
        decision.IsValid.Should().BeFalse();
        decision.Errors.Should().ContainSingle().Which.ToString().Should().Be("events[5]: no event may follow Closed (events[4])");
    }

    [Fact]
    public void Decide_ReopenedOpening_GuidanceNamesTheOpeningAndSaysToReachOutNow()
    {
        var next = Engine.Decide(New(JobLevel.MiddleManagement, [.. HappyPath(Call), Reopened]), Seen).Next;

        next.Guidance.Should().Contain("\u201cEngineering Manager\u201d (https://jobs.example/contoso/42)")
            .And.Contain("hire did not work out")
            .And.Contain("Reach out now");
        next.DueOn.Should().Be(D(2026, 9, 7));
        next.Overdue.Should().BeFalse();
    }

    [Fact]
    public void Decide_OpeningOnAFridayBeforeAHoliday_IsDueOnTheNextBusinessDay()
    {
        var options = new PlaybookOptions();
        options.Holidays.Add(D(2026, 9, 7));
        var engine = new PlaybookEngine(options);

        engine.Decide(New(JobLevel.SeniorExecutive, [.. HappyPath(Call), Reopened]), Today).Next.DueOn.Should().Be(D(2026, 9, 8));
    }

    [Fact]
    public void Explain_NamesTheRuleAndTheFactsItRead()
    {
        var decision = Engine.Decide(New(JobLevel.MiddleManagement, [.. HappyPath(Call), Reopened]), Today);

        decision.FactsRead.Should().BeEquivalentTo([new FactValue("Approached", "false"), new FactValue("OfferReceived", "false"), new FactValue("OpeningSinceFollowUp", "true")]);
        decision.Explain().Should().Contain("FollowUpOnOpening").And.Contain("from OpeningSeen");
        var facts = decision.GetFacts()!;
        facts.LastOpeningMatch.Should().Be("Reopened");
        facts.OpeningSeen.Should().BeTrue();
    }

    [Fact]
    public void Plan_OpeningSeen_PutsTheFollowUpNextWithoutMarkingEarlierStepsDone()
    {
        var plan = Engine.Plan(New(JobLevel.MiddleManagement, [new Notified(Call), Reopened]), Seen);

        plan.Steps.Single(s => s.Step == 7).Should().BeEquivalentTo(new { Status = PlanStepStatus.Next, On = (LocalDate?)D(2026, 9, 7), Rule = "FollowUpOnOpening" });
        plan.Steps.Single(s => s.Step == 7).Guidance.Should().Contain("\u201cEngineering Manager\u201d");
        plan.Steps.Where(s => s.Step <= 3).Should().OnlyContain(s => s.Status != PlanStepStatus.Done, "seeing an opening is not something the candidate did");
        plan.Steps.Single(s => s.Step == 9).Status.Should().Be(PlanStepStatus.Projected);
    }

    [Fact]
    public void Json_OpeningSeen_RoundTripsAndBadFieldsAreNamed()
    {
        var c = New(JobLevel.MiddleManagement, [.. HappyPath(Call), Reopened, new OpeningSeen(Seen, "Product Manager", OpeningMatch.Similar)]);
        var json = SecondChanceJson.Serialize(c);
        json.Should().Contain("{\"type\":\"OpeningSeen\",\"on\":\"2026-09-04\",\"title\":\"Engineering Manager\",\"url\":\"https://jobs.example/contoso/42\",\"match\":\"Reopened\"}");
        json.Should().Contain("{\"type\":\"OpeningSeen\",\"on\":\"2026-09-04\",\"title\":\"Product Manager\",\"match\":\"Similar\"}");
        SecondChanceJson.ParseCase(json).Case!.Events.OfType<OpeningSeen>().Should().Equal(c.Events.OfType<OpeningSeen>());

        SecondChanceJson.ParseEvent("""{ "type": "OpeningSeen", "on": "2026-09-04", "match": "Maybe" }""", out _)
            .Select(e => e.ToString()).Should().BeEquivalentTo("title: is required", "match: 'Maybe' is not a known match; use one of Reopened, Similar");
    }

    [Fact]
    public void Validate_BadOpeningFields_AreNamedWithTheirPath()
    {
        var c = New(JobLevel.MiddleManagement, [.. HappyPath(Call), new OpeningSeen(Seen, " ", (OpeningMatch)7, "ftp://jobs.example/1")]);

        Engine.Validate(c, Today).Select(e => e.ToString()).Should().BeEquivalentTo(
            "events[4].title: must not be empty",
            "events[4].match: '7' is not a known match; use one of Reopened, Similar",
            "events[4].url: 'ftp://jobs.example/1' is not an absolute http or https address of at most 2000 characters");
        Engine.Decide(c, Today).IsValid.Should().BeFalse();
    }

    private static CaseEvent[] History(string stage) => stage switch
    {
        "TwoFollowUps" => [.. RuleMatrixTests.Stage("FollowUpMade"), new FollowUpMade(D(2026, 8, 31), FollowUpOutcome.NoResponse)],
        _ => RuleMatrixTests.Stage(stage),
    };
}
