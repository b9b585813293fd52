using NodaTime;
using SecondChance.Rules;

namespace SecondChance.Scheduling;

/// <summary>
/// A due date and on-time window as plain dates plus flags saying which are set: 16 bytes, so it is
/// returned in registers and stored in a <see cref="Decisions.Decision"/> as it is.
/// </summary>
internal readonly record struct DueWindow(LocalDate Due, LocalDate Start, LocalDate End, byte Flags)
{
    /// <summary>Flags: which dates are set; <see cref="AroundDue"/> means the window is the rule's <see cref="DuePolicy.WindowDays"/> either side of the due date, computed when read.</summary>
    public const byte HasDue = 1, HasStart = 2, HasEnd = 4, AroundDue = 16;

    public static readonly DueWindow None;

    public static DueWindow On(LocalDate due) => new(due, default, default, HasDue);

    public static DueWindow Around(LocalDate due) => new(due, default, default, HasDue | AroundDue);

    public static DueWindow Between(LocalDate start, LocalDate due) => new(due, start, due, HasDue | HasStart | HasEnd);
}

/// <summary>Computes a rule's due date and on-time window from its policy, the case's facts and the level's profile.</summary>
internal static class DueDates
{
    public static DueWindow Compute(DuePolicy policy, CaseFacts facts, LevelProfile profile, BusinessCalendar calendar)
    {
        if (policy.Kind == DuePolicyKind.None || policy.Anchor is not { } anchorType)
        {
            return DueWindow.None;
        }

        // A rule set that passed the analyzer never fires without its anchor; the call date is a safe floor regardless.
        var anchor = facts.Has(anchorType) ? facts.LatestOn(anchorType) : facts.LatestOn(Cases.CaseEventType.Notified);
        return policy.Kind switch
        {
            DuePolicyKind.OnEventDate => DueWindow.On(anchor),
            DuePolicyKind.BusinessDaysAfter => DueWindow.On(calendar.AddBusinessDays(anchor, policy.Days)),
            DuePolicyKind.RespondByOrBusinessDaysAfter => DueWindow.On(facts.RespondBy ?? calendar.AddBusinessDays(anchor, policy.Days)),
            DuePolicyKind.LevelMonthsAfter => Window(calendar.OnOrAfter(anchor.PlusMonths(profile.FollowUpAfterMonths)), policy.WindowDays),
            DuePolicyKind.MonthsAfter => Window(calendar.OnOrAfter(anchor.PlusMonths(policy.Months)), policy.WindowDays),
            DuePolicyKind.LevelWaitAfter => DueWindow.Between(anchor, anchor.PlusDays(profile.WaitAfterFollowUpDays)),
            DuePolicyKind.DaysAfter => DueWindow.Between(anchor, anchor.PlusDays(policy.Days)),
            _ => DueWindow.None,
        };
    }

    private static DueWindow Window(LocalDate due, int windowDays) => windowDays > 0 ? DueWindow.Around(due) : DueWindow.On(due);
}
