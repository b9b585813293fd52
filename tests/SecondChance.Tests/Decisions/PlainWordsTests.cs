using System.Globalization;
using SecondChance.Planning;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Decisions;

/// <summary>Why a decision was made, in the words a candidate uses: no rule names, policies or enum names.</summary>
public class PlainWordsTests
{
    private static readonly PlaybookEngine Engine = new();

    private static string Why(RunnerUpCase @case, LocalDate today) => PlainWords.Why(Engine.Decide(@case, today), Engine.Levels);

    [Fact]
    public void NoteSent_SaysWhenAndTheLevelsUsualTiming() =>
        Why(New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6))), D(2026, 3, 10))
            .Should().Be("You sent your note on 6 March 2026; middle-management roles usually revisit in about 5 months, so it is due on 6 August 2026.");

    [Theory]
    [InlineData(1, "They called you on 6 March 2026; this is best done the same day, so it is due on 6 March 2026.")]
    [InlineData(3, "They called you on 6 March 2026; this is best done within 1 working day, so it is due on 9 March 2026.")]
    public void EarlySteps_CountFromTheCall(int events, string expected) =>
        Why(New(JobLevel.IndividualContributor, HappyPath(D(2026, 3, 6))[..events]), D(2026, 3, 6)).Should().Be(expected);

    [Fact]
    public void FollowUpMade_SaysHowLongToWait() =>
        Why(New(JobLevel.SeniorExecutive, [.. HappyPath(D(2026, 3, 6)), new FollowUpMade(D(2026, 9, 7), FollowUpOutcome.NoChange)]), D(2026, 9, 8))
            .Should().Be("You followed up on 7 September 2026; for senior-executive roles, give them about 28 days to come back, so it is due on 5 October 2026.");

    [Fact]
    public void OfferWithADate_SaysTheirDate() =>
        Why(New(JobLevel.MiddleManagement, [.. HappyPath(D(2026, 3, 6)), new OfferReceived(D(2026, 9, 1), D(2026, 9, 10))]), D(2026, 9, 2))
            .Should().Be("They made you an offer on 1 September 2026; they asked for your answer by 10 September 2026, so it is due on 10 September 2026.");

    [Fact]
    public void Closed_SaysWhy() =>
        Why(New(JobLevel.MiddleManagement, [.. HappyPath(D(2026, 3, 6)), new Closed(D(2026, 4, 1), CloseReason.TookOtherJob)]), D(2026, 4, 2))
            .Should().Be("You closed the case on 1 April 2026 (you took another job).");

    [Fact]
    public void EveryDefaultRule_HasPlainWordsWithoutTechnicalTerms()
    {
        var histories = new[]
        {
            HappyPath(D(2026, 3, 6))[..1], HappyPath(D(2026, 3, 6))[..2], HappyPath(D(2026, 3, 6))[..3], HappyPath(D(2026, 3, 6)),
            [.. HappyPath(D(2026, 3, 6)), new FollowUpMade(D(2026, 8, 6), FollowUpOutcome.RoleReopened)],
            [.. HappyPath(D(2026, 3, 6)), new Approached(D(2026, 8, 6))],
            [.. HappyPath(D(2026, 3, 6)), new OfferReceived(D(2026, 8, 6))],
            [.. HappyPath(D(2026, 3, 6)), new Closed(D(2026, 8, 6), CloseReason.Hired)],
        };

        foreach (var events in histories)
        {
            var text = Why(New(JobLevel.MiddleManagement, events), D(2026, 9, 1));
            text.Should().NotContainAny("Rule", "facts.", "policy", "MiddleManagement", "Notified", "NoteSent", "2026-");
        }
    }

    [Fact]
    public void Dates_AreTheSameInEveryCulture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            PlainWords.Date(D(2026, 3, 6)).Should().Be("6 March 2026");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Event_NamesTheEventAndItsDay() =>
        PlainWords.Event(new Notified(D(2026, 11, 27))).Should().Be("the call on 27 November 2026");

    [Fact]
    public void Plan_OnceTheyCameBack_Step9SaysAnswerTheirApproach()
    {
        var plan = Engine.Plan(New(JobLevel.MiddleManagement, [.. HappyPath(D(2026, 3, 6)), new Approached(D(2026, 8, 6))]), D(2026, 8, 7));

        plan.Next!.Value.Action.Should().Be(PlaybookAction.RespondToApproach);
        plan.Steps[8].Title.Should().Be("Answer their approach");
        Engine.Plan(New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6))), D(2026, 3, 7)).Steps[8].Title.Should().Be("Give them time to come back to you");
    }
}
