using SecondChance.Tests.Support;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Rules;

/// <summary>Every stage of the default rule table, for each of the three levels, with exact dates.</summary>
public class RuleMatrixTests
{
    private static readonly PlaybookEngine Engine = new();
    private static readonly LocalDate Call = D(2026, 3, 6); // a Friday
    private static readonly LocalDate Today = D(2026, 12, 31);

    public static TheoryData<string, string, int?, string, string?, string?, string?, int[]> Matrix()
    {
        var data = new TheoryData<string, string, int?, string, string?, string?, string?, int[]>();
        foreach (var level in new[] { "IndividualContributor", "MiddleManagement", "SeniorExecutive" })
        {
            data.Add(level, "Notified", 1, "ThankAndAskWhereShort", "2026-03-06", null, null, [1, 2, 3]);
            data.Add(level, "FeedbackRecorded", 4, "ReaffirmInterest", "2026-03-06", null, null, [4]);
            data.Add(level, "InterestReaffirmed", 5, "SendThankYouNote", "2026-03-09", null, null, [5, 6]);
            data.Add(level, "Approached", 9, "RespondToApproach", "2026-08-17", null, null, [9]);
            data.Add(level, "OfferReceived", 10, "NegotiateOffer", "2026-08-24", null, null, [10]);
            data.Add(level, "OfferReceivedRespondBy", 10, "NegotiateOffer", "2026-08-28", null, null, [10]);
            data.Add(level, "Closed", null, "None", null, null, null, []);
        }

        // Follow-up: note date + the level's months, moved forward to a business day, window of 14 days either side.
        data.Add("IndividualContributor", "NoteSent", 7, "FollowUp", "2026-07-06", "2026-06-22", "2026-07-20", [7, 8]);
        data.Add("MiddleManagement", "NoteSent", 7, "FollowUp", "2026-08-06", "2026-07-23", "2026-08-20", [7, 8]);
        data.Add("SeniorExecutive", "NoteSent", 7, "FollowUp", "2026-09-07", "2026-08-24", "2026-09-21", [7, 8]); // Sep 6 is a Sunday

        // Waiting: follow-up date (Mon 2026-08-10) + the level's days; the window runs from the follow-up.
        data.Add("IndividualContributor", "FollowUpMade", 9, "AwaitApproach", "2026-08-24", "2026-08-10", "2026-08-24", [9]);
        data.Add("MiddleManagement", "FollowUpMade", 9, "AwaitApproach", "2026-08-31", "2026-08-10", "2026-08-31", [9]);
        data.Add("SeniorExecutive", "FollowUpMade", 9, "AwaitApproach", "2026-09-07", "2026-08-10", "2026-09-07", [9]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decide_EachLevelAndStage_GivesTheTableRowWithExactDates(
        string level, string stage, int? step, string action, string? dueOn, string? windowStart, string? windowEnd, int[] covers)
    {
        var decision = Engine.Decide(New(new JobLevel(level), Stage(stage)), Today);

        decision.Errors.Should().BeEmpty();
        var next = decision.Next;
        next.Step.Should().Be(step);
        next.Action.ToString().Should().Be(action);
        next.Covers.Should().Equal(covers);
        next.DueOn?.ToString("uuuu-MM-dd", null).Should().Be(dueOn);
        if (dueOn is null)
        {
            next.DueOn.Should().BeNull();
        }

        next.WindowStart?.ToString("uuuu-MM-dd", null).Should().Be(windowStart);
        next.WindowEnd?.ToString("uuuu-MM-dd", null).Should().Be(windowEnd);
        (next.WindowStart is null).Should().Be(windowStart is null);
        next.Guidance.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decide_NoteSentForMiddleManager_FollowUpFiveMonthsLater()
    {
        var decision = Engine.Decide(New(JobLevel.MiddleManagement, Stage("NoteSent")), D(2026, 3, 10));

        decision.Next.Should().BeEquivalentTo(new
        {
            Step = 7,
            Action = PlaybookAction.FollowUp,
            DueOn = D(2026, 8, 6),
            WindowStart = D(2026, 7, 23),
            WindowEnd = D(2026, 8, 20),
            Overdue = false,
            Rule = "FollowUp",
        });
        decision.Explain().Should().Contain("FollowUp").And.Contain("NoteSent = true").And.Contain("2026-08-06");
        decision.FactsRead.Should().ContainSingle().Which.Should().Be(new FactValue("NoteSent", "true"));
    }

    [Fact]
    public void Decide_AfterDueDate_IsOverdue()
    {
        var c = New(JobLevel.MiddleManagement, Stage("InterestReaffirmed"));

        Engine.Decide(c, D(2026, 3, 9)).Next.Overdue.Should().BeFalse();
        Engine.Decide(c, D(2026, 3, 10)).Next.Overdue.Should().BeTrue();
    }

    [Fact]
    public void Decide_SecondFollowUp_CountsFromTheLatestFollowUp()
    {
        var c = New(JobLevel.IndividualContributor, [.. Stage("FollowUpMade"), new FollowUpMade(D(2026, 9, 1), FollowUpOutcome.NoResponse)]);

        Engine.Decide(c, Today).Next.DueOn.Should().Be(D(2026, 9, 15));
    }

    [Fact]
    public void Decide_ClosedAfterOffer_NothingLeft()
    {
        var c = New(JobLevel.SeniorExecutive, [.. Stage("OfferReceived"), new Closed(D(2026, 8, 25), CloseReason.Hired)]);

        var next = Engine.Decide(c, Today).Next;
        next.Action.Should().Be(PlaybookAction.None);
        next.Step.Should().BeNull();
        next.DueOn.Should().BeNull();
        next.Overdue.Should().BeFalse();
        next.Rule.Should().Be("CaseClosed");
    }

    [Fact]
    public void Decide_CustomLevelProfile_UsesItsNumbers()
    {
        var options = new PlaybookOptions();
        var contractor = new JobLevel("Contractor");
        options.Levels[contractor] = new LevelProfile(2, 7, 0.2);
        options.Levels[JobLevel.SeniorExecutive] = LevelProfile.SeniorExecutive with { FollowUpAfterMonths = 9 };
        var engine = new PlaybookEngine(options);

        engine.Decide(New(new JobLevel("contractor"), Stage("NoteSent")), Today).Next.DueOn.Should().Be(D(2026, 5, 6));
        engine.Decide(New(JobLevel.SeniorExecutive, Stage("NoteSent")), Today).Next.DueOn.Should().Be(D(2026, 12, 7)); // Dec 6 is a Sunday
    }

    internal static CaseEvent[] Stage(string stage)
    {
        var path = HappyPath(Call);
        var followUp = new FollowUpMade(D(2026, 8, 10), FollowUpOutcome.NoChange);
        var approached = new Approached(D(2026, 8, 14));
        return stage switch
        {
            "Notified" => path[..1],
            "FeedbackRecorded" => path[..2],
            "InterestReaffirmed" => path[..3],
            "NoteSent" => path,
            "FollowUpMade" => [.. path, followUp],
            "Approached" => [.. path, followUp, approached],
            "OfferReceived" => [.. path, followUp, approached, new OfferReceived(D(2026, 8, 20))],
            "OfferReceivedRespondBy" => [.. path, followUp, approached, new OfferReceived(D(2026, 8, 20), D(2026, 8, 28))],
            "Closed" => [.. path, new Closed(D(2026, 3, 20), CloseReason.TookOtherJob)],
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
    }
}
