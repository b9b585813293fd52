using NodaTime;
using SecondChance.Cases;
using SecondChance.Scheduling;

namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark, AllocationTests, FastCheckAgreementTests and
// CompiledVsNaiveTests green (see tests/SecondChance.Benchmarks/README.md).

/// <summary>
/// A due date and on-time window as plain dates plus flags saying which are set: 16 bytes, so it is
/// returned in registers and a decision stores it as it is.
/// </summary>
internal readonly record struct DueWindow(LocalDate Due, LocalDate Start, LocalDate End, byte Flags)
{
    /// <summary>Flags: which dates are set; <see cref="AroundDue"/> means the window is <c>WindowDays</c> either side of the due date, computed when read.</summary>
    public const byte HasDue = 1, HasStart = 2, HasEnd = 4, AroundDue = 16;

    public static readonly DueWindow None;

    public bool HasDueDate => (Flags & HasDue) != 0;

    public static DueWindow On(LocalDate due) => new(due, default, default, HasDue);

    public static DueWindow Around(LocalDate due) => new(due, default, default, HasDue | AroundDue);

    public static DueWindow Between(LocalDate start, LocalDate due) => new(due, start, due, HasDue | HasStart | HasEnd);

    /// <summary>The first day of the window, when there is one; <paramref name="windowDays"/> is the rule's, for <see cref="AroundDue"/>.</summary>
    public LocalDate? StartOn(int windowDays) =>
        (Flags & AroundDue) != 0 ? Due.PlusDays(-windowDays) : (Flags & HasStart) != 0 ? Start : null;

    /// <summary>The last day of the window, when there is one; <paramref name="windowDays"/> is the rule's, for <see cref="AroundDue"/>.</summary>
    public LocalDate? EndOn(int windowDays) =>
        (Flags & AroundDue) != 0 ? Due.PlusDays(windowDays) : (Flags & HasEnd) != 0 ? End : null;
}

/// <summary>The date computations the engine knows; a rule's due policy is one of them with its numbers.</summary>
internal enum DueShape : byte
{
    /// <summary>No due date.</summary>
    None,

    /// <summary>The anchor event's date.</summary>
    OnAnchor,

    /// <summary>A number of business days after the anchor (or the offer's respond-by date, when asked for and known).</summary>
    BusinessDaysAfter,

    /// <summary>Months after the anchor, moved forward onto a business day, with a window either side.</summary>
    MonthsAfter,

    /// <summary>A window of calendar days that starts on the anchor.</summary>
    DaysAfter,
}

/// <summary>
/// A rule's due-date policy in the engine's terms. <see cref="Months"/> or <see cref="Days"/> of -1
/// stand for the level's follow-up months or waiting days.
/// </summary>
internal readonly record struct DueSpec(DueShape Shape, CaseEventType? Anchor, int Days, int Months, int WindowDays, bool RespondByFirst)
{
    public const int LevelValue = -1;
}

/// <summary>Computes a rule's due date and on-time window from its policy, the folded facts and the level's timing.</summary>
internal static class DueDates
{
    public static DueWindow Compute(in DueSpec policy, in FactsState facts, int followUpAfterMonths, int waitAfterFollowUpDays, BusinessCalendar calendar)
    {
        if (policy.Shape == DueShape.None || policy.Anchor is not { } anchorType)
        {
            return DueWindow.None;
        }

        // A rule set that passed the analyzer never fires without its anchor; the call date is a safe floor regardless.
        var anchor = facts.Has(anchorType) ? facts.LatestOn(anchorType) : facts.LatestOn(CaseEventType.Notified);
        return policy.Shape switch
        {
            DueShape.OnAnchor => DueWindow.On(anchor),
            DueShape.BusinessDaysAfter => DueWindow.On(policy.RespondByFirst && facts.RespondBy is { } by ? by : calendar.AddBusinessDays(anchor, policy.Days)),
            DueShape.MonthsAfter => Window(calendar.OnOrAfter(anchor.PlusMonths(policy.Months == DueSpec.LevelValue ? followUpAfterMonths : policy.Months)), policy.WindowDays),
            DueShape.DaysAfter => DueWindow.Between(anchor, anchor.PlusDays(policy.Days == DueSpec.LevelValue ? waitAfterFollowUpDays : policy.Days)),
            _ => DueWindow.None,
        };
    }

    private static DueWindow Window(LocalDate due, int windowDays) => windowDays > 0 ? DueWindow.Around(due) : DueWindow.On(due);
}
