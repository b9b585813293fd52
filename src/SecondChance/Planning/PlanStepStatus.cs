namespace SecondChance.Planning;

/// <summary>Where a playbook step stands in a case's plan.</summary>
public enum PlanStepStatus
{
    /// <summary>Done, on the date given.</summary>
    Done,

    /// <summary>The next thing to do, due on the date given.</summary>
    Next,

    /// <summary>Expected later, on the projected date given, if the earlier steps happen when due.</summary>
    Projected,

    /// <summary>Happens only if the employer acts (comes back, makes an offer); no date can be projected.</summary>
    Conditional,

    /// <summary>Does not apply: the case closed first, or the history moved past the step without it.</summary>
    NotApplicable,
}
