using NodaTime;
using SecondChance.Rules;

namespace SecondChance.Scheduling;

/// <summary>Computes a rule's due date and on-time window from its policy, the case's facts and the level's profile.</summary>
internal static class DueDates
{
    public static (LocalDate? Due, LocalDate? Start, LocalDate? End) Compute(DuePolicy policy, CaseFacts facts, LevelProfile profile, BusinessCalendar calendar)
    {
        if (policy.Kind == DuePolicyKind.None || policy.Anchor is not { } anchorType)
        {
            return (null, null, null);
        }

        // A rule set that passed the analyzer never fires without its anchor; the call date is a safe floor regardless.
        var anchor = facts.Has(anchorType) ? facts.LatestOn(anchorType) : facts.LatestOn(Cases.CaseEventType.Notified);
        switch (policy.Kind)
        {
            case DuePolicyKind.OnEventDate:
                return (anchor, null, null);
            case DuePolicyKind.BusinessDaysAfter:
                return (calendar.AddBusinessDays(anchor, policy.Days), null, null);
            case DuePolicyKind.RespondByOrBusinessDaysAfter:
                return (facts.RespondBy ?? calendar.AddBusinessDays(anchor, policy.Days), null, null);
            case DuePolicyKind.LevelMonthsAfter:
                return Window(calendar.OnOrAfter(anchor.PlusMonths(profile.FollowUpAfterMonths)), policy.WindowDays);
            case DuePolicyKind.MonthsAfter:
                return Window(calendar.OnOrAfter(anchor.PlusMonths(policy.Months)), policy.WindowDays);
            case DuePolicyKind.LevelWaitAfter:
                return (anchor.PlusDays(profile.WaitAfterFollowUpDays), anchor, anchor.PlusDays(profile.WaitAfterFollowUpDays));
            case DuePolicyKind.DaysAfter:
                return (anchor.PlusDays(policy.Days), anchor, anchor.PlusDays(policy.Days));
            default:
                return (null, null, null);
        }
    }

    private static (LocalDate?, LocalDate?, LocalDate?) Window(LocalDate due, int windowDays) =>
        windowDays > 0 ? (due, due.PlusDays(-windowDays), due.PlusDays(windowDays)) : (due, null, null);
}
