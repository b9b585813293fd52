namespace SecondChance.Rules;

/// <summary>How a rule's due date is computed. The names are the <c>policy</c> values of a rule's <c>due</c> property.</summary>
public enum DuePolicyKind
{
    /// <summary>No due date (the case is closed).</summary>
    None,

    /// <summary>The date of the anchor event.</summary>
    OnEventDate,

    /// <summary>The <c>days</c>th business day after the anchor event (1 = next business day).</summary>
    BusinessDaysAfter,

    /// <summary>The offer's <c>respondBy</c> date when given, else the <c>days</c>th business day after the anchor event.</summary>
    RespondByOrBusinessDaysAfter,

    /// <summary>The anchor date plus the level's follow-up months, moved forward to a business day; a window of <c>windowDays</c> either side.</summary>
    LevelMonthsAfter,

    /// <summary>The anchor date plus <c>months</c> months, moved forward to a business day; a window of <c>windowDays</c> either side.</summary>
    MonthsAfter,

    /// <summary>The anchor date plus the level's waiting days; the window runs from the anchor date to that day.</summary>
    LevelWaitAfter,

    /// <summary>The anchor date plus <c>days</c> calendar days; the window runs from the anchor date to that day.</summary>
    DaysAfter,
}
