using SecondChance.Cases;

namespace SecondChance.Rules;

/// <summary>
/// A rule's due-date policy: which kind, counted from which event, with which numbers. Dates are
/// always counted from the latest event of the <see cref="Anchor"/> type.
/// </summary>
/// <param name="Kind">How the date is computed.</param>
/// <param name="Anchor">The event the date counts from; <see langword="null"/> only for <see cref="DuePolicyKind.None"/>.</param>
/// <param name="Days">Business or calendar days, for the policies that use them.</param>
/// <param name="Months">Months, for <see cref="DuePolicyKind.MonthsAfter"/>.</param>
/// <param name="WindowDays">Days either side of the due date that still count as on time, for the month-based policies.</param>
public sealed record DuePolicy(DuePolicyKind Kind, CaseEventType? Anchor = null, int Days = 0, int Months = 0, int WindowDays = 0)
{
    /// <summary>Gets the policy that gives no due date.</summary>
    public static DuePolicy None { get; } = new(DuePolicyKind.None);
}
