using SecondChance.Tests.Support;

namespace SecondChance.Tests.Analytics;

/// <summary>Small hand-made case sets whose statistics were worked out by hand (see reference_values.py).</summary>
internal static class OutcomeCases
{
    public static readonly LocalDate Call = new(2025, 1, 6);

    public static RunnerUpCase Case(JobLevel level, params (int Day, CaseEvent Event)[] later)
    {
        var events = new List<CaseEvent> { new Notified(Call) };
        events.AddRange(later.Select(l => l.Event));
        return TestCases.New(level, [.. events]);
    }

    public static (int, CaseEvent) Note(int day) => (day, new NoteSent(Call.PlusDays(day), NoteChannel.Email));

    public static (int, CaseEvent) FollowUp(int day) => (day, new FollowUpMade(Call.PlusDays(day), FollowUpOutcome.NoChange));

    public static (int, CaseEvent) Approach(int day) => (day, new Approached(Call.PlusDays(day)));

    public static (int, CaseEvent) Offer(int day) => (day, new OfferReceived(Call.PlusDays(day)));

    public static (int, CaseEvent) Close(int day, CloseReason reason) => (day, new Closed(Call.PlusDays(day), reason));

    /// <summary>
    /// Ten middle-management cases. Furthest stage and closing, case by case:
    /// 1 none (open); 2 note (open); 3 follow-up, NoOpening; 4 follow-up, TookOtherJob;
    /// 5 approached day 150, Withdrew; 6 approached day 160, offer, Hired day 190;
    /// 7 approached day 170, offer, Hired day 200; 8 approached day 200, offer (open);
    /// 9 note, Withdrew; 10 follow-up (open).
    /// Reached: note 9, follow-up 7, approached 4, offered 3, hired 2. Closed: 2 hired, 4 not.
    /// Days to approach 150, 160, 170, 200 (median 165); days to hire 190, 200 (median 195).
    /// </summary>
    public static IEnumerable<RunnerUpCase> MiddleManagementTen()
    {
        var mm = JobLevel.MiddleManagement;
        yield return Case(mm);
        yield return Case(mm, Note(1));
        yield return Case(mm, Note(1), FollowUp(150), Close(180, CloseReason.NoOpening));
        yield return Case(mm, Note(1), FollowUp(150), Close(160, CloseReason.TookOtherJob));
        yield return Case(mm, Note(1), FollowUp(140), Approach(150), Close(170, CloseReason.Withdrew));
        yield return Case(mm, Note(1), FollowUp(150), Approach(160), Offer(175), Close(190, CloseReason.Hired));
        yield return Case(mm, Note(2), FollowUp(151), Approach(170), Offer(180), Close(200, CloseReason.Hired));
        yield return Case(mm, Note(1), FollowUp(152), Approach(200), Offer(210));
        yield return Case(mm, Note(1), Close(30, CloseReason.Withdrew));
        yield return Case(mm, Note(3), FollowUp(153));
    }

    /// <summary>
    /// Three individual-contributor cases: a hire straight after an approach with no follow-up or offer
    /// recorded (day 30, hired day 45), a follow-up closed NoOpening, and a case closed Withdrew right after the call.
    /// Reached: note 2, follow-up 2, approached 1, offered 1, hired 1. Closed: 1 hired, 2 not.
    /// </summary>
    public static IEnumerable<RunnerUpCase> IndividualContributorThree()
    {
        var ic = JobLevel.IndividualContributor;
        yield return Case(ic, Note(1), Approach(30), Close(45, CloseReason.Hired));
        yield return Case(ic, Note(1), FollowUp(120), Close(130, CloseReason.NoOpening));
        yield return Case(ic, Close(2, CloseReason.Withdrew));
    }
}
