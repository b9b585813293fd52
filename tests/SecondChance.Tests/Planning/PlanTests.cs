using SecondChance.Planning;
using SecondChance.Analytics;
using SecondChance.Tests.Rules;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Planning;

public class PlanTests
{
    private static readonly PlaybookEngine Engine = new();

    private static string Statuses(CasePlan plan) => string.Join(" ", plan.Steps.Select(s => s.Status switch
    {
        PlanStepStatus.Done => "D",
        PlanStepStatus.Next => "N",
        PlanStepStatus.Projected => "P",
        PlanStepStatus.Conditional => "C",
        _ => "-",
    }));

    [Fact]
    public void Plan_JustNotified_ProjectsEveryCandidateStepFromTheRules()
    {
        var plan = Engine.Plan(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6))), D(2026, 3, 6));

        Statuses(plan).Should().Be("N N N P P P P P P C");
        plan.Steps[3].On.Should().Be(D(2026, 3, 6));
        plan.Steps[4].On.Should().Be(D(2026, 3, 9));
        plan.Steps[6].On.Should().Be(D(2026, 8, 10)); // note projected Mon Mar 9 + 5 months
        plan.Steps[6].WindowStart.Should().Be(D(2026, 7, 27));
        plan.Steps[8].On.Should().Be(D(2026, 8, 31)); // follow-up Aug 10 + 21 days
        plan.Steps[9].On.Should().BeNull();
    }

    [Fact]
    public void Plan_NoteSent_DoneStepsCarryTheirDates()
    {
        var plan = Engine.Plan(New(JobLevel.MiddleManagement, RuleMatrixTests.Stage("NoteSent")), D(2026, 3, 10));

        Statuses(plan).Should().Be("D D D D D D N N P C");
        plan.Steps.Take(6).Should().OnlyContain(s => s.On == D(2026, 3, 6));
        plan.Steps[6].Should().BeEquivalentTo(new { Step = 7, Status = PlanStepStatus.Next, On = D(2026, 8, 6), Rule = "FollowUp" });
    }

    [Fact]
    public void Plan_OfferReceived_NegotiationIsNext()
    {
        var plan = Engine.Plan(New(JobLevel.SeniorExecutive, RuleMatrixTests.Stage("OfferReceived")), D(2026, 8, 21));

        Statuses(plan).Should().Be("D D D D D D D D D N");
        plan.Steps[8].On.Should().Be(D(2026, 8, 20)); // the approach was answered when the offer came
        plan.Steps[9].On.Should().Be(D(2026, 8, 24));
    }

    [Fact]
    public void Plan_HiredAfterOffer_EverythingDone()
    {
        var plan = Engine.Plan(New(JobLevel.SeniorExecutive, [.. RuleMatrixTests.Stage("OfferReceived"), new Closed(D(2026, 9, 1), CloseReason.Hired)]), D(2026, 9, 2));

        Statuses(plan).Should().Be("D D D D D D D D D D");
        plan.Steps[9].On.Should().Be(D(2026, 9, 1));
        plan.Next!.Value.Action.Should().Be(PlaybookAction.None);
    }

    [Fact]
    public void Plan_ClosedEarly_RemainingStepsDoNotApply()
    {
        var plan = Engine.Plan(New(JobLevel.IndividualContributor, new Notified(D(2026, 3, 6)), new Closed(D(2026, 3, 7), CloseReason.TookOtherJob)), D(2026, 3, 8));

        Statuses(plan).Should().Be("- - - - - - - - - -");
    }

    [Fact]
    public void Plan_SkippedSteps_DoNotApply()
    {
        var plan = Engine.Plan(New(JobLevel.IndividualContributor, new Notified(D(2026, 3, 6)), new NoteSent(D(2026, 3, 9), NoteChannel.Card)), D(2026, 3, 10));

        Statuses(plan).Should().Be("D D D - - - N N P C");
        plan.Steps[0].On.Should().Be(D(2026, 3, 9));
    }

    [Fact]
    public void Plan_OverdueAction_ProjectsFromToday()
    {
        var plan = Engine.Plan(New(JobLevel.MiddleManagement, RuleMatrixTests.Stage("InterestReaffirmed")), D(2026, 4, 1));

        plan.Next!.Value.Overdue.Should().BeTrue();
        plan.Steps[6].On.Should().Be(D(2026, 9, 1)); // the note goes out today at the earliest
    }

    [Fact]
    public void Plan_AgreesWithDecide()
    {
        var c = New(JobLevel.MiddleManagement, RuleMatrixTests.Stage("FollowUpMade"));
        var decision = Engine.Decide(c, D(2026, 8, 12));
        var plan = Engine.Plan(c, D(2026, 8, 12));

        plan.Next.Should().BeEquivalentTo(decision.Next);
        plan.Steps.Where(s => s.Status == PlanStepStatus.Next).Select(s => s.Step).Should().Equal(decision.Next.Covers);
    }

    [Fact]
    public void PlannedRules_JustNotified_TheNextActionAndEveryProjectedOne()
    {
        var plan = Engine.Plan(New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6))), D(2026, 3, 6));

        plan.PlannedRules.Should().Equal("AwaitApproach", "FollowUp", "SendThankYouNote", "ReaffirmInterest", "ThankAndAsk");
    }

    [Fact]
    public void PlannedRules_OpeningSeenThenApproached_KeepWhatEarlierEventsScheduled()
    {
        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new NoteSent(D(2026, 3, 6), NoteChannel.Email),
            new OpeningSeen(D(2026, 4, 1), "Engineering Manager", OpeningMatch.Reopened), new Approached(D(2026, 4, 8)));

        var plan = Engine.Plan(c, D(2026, 4, 8));

        Statuses(plan).Should().Be("D D D - - - D D N C");
        plan.PlannedRules.Should().Equal("RespondToApproach", "FollowUpOnOpening", "AwaitApproach", "FollowUp", "SendThankYouNote", "ReaffirmInterest", "ThankAndAsk");
        plan.Steps.Where(s => s.Status is PlanStepStatus.Next or PlanStepStatus.Projected).Select(s => s.Rule).Should().Equal("RespondToApproach");
    }

    [Fact]
    public void PlannedRules_ClosedCase_NeverListsTheClosingRuleAndSurvivesWithChance()
    {
        var c = New(JobLevel.IndividualContributor, new Notified(D(2026, 3, 6)), new Closed(D(2026, 3, 9), CloseReason.Withdrew));
        var plan = Engine.Plan(c, D(2026, 3, 9));

        plan.PlannedRules.Should().Equal("AwaitApproach", "FollowUp", "SendThankYouNote", "ReaffirmInterest", "ThankAndAsk");
        plan.WithChance(OutcomeStatistics.Compute([], Engine)).PlannedRules.Should().Equal(plan.PlannedRules);
    }

    [Fact]
    public void PlannedRules_InvalidCase_Empty()
    {
        Engine.Plan(New(JobLevel.MiddleManagement), D(2026, 3, 6)).PlannedRules.Should().BeEmpty();
    }
}
