namespace SecondChance.Analytics;

/// <summary>
/// The milestones of a runner-up case that outcome statistics count, in playbook order. A case that
/// reached a stage is counted as having reached every stage before it as well (see <see cref="StageRate"/>).
/// </summary>
public enum OutcomeStage
{
    /// <summary>The candidate sent the thank-you note (steps 5 and 6).</summary>
    NoteSent,

    /// <summary>The candidate followed up months later (steps 7 and 8).</summary>
    FollowUpMade,

    /// <summary>The employer came back to the candidate (step 9).</summary>
    Approached,

    /// <summary>The employer made an offer (step 10).</summary>
    Offered,

    /// <summary>The case was closed because the candidate was hired.</summary>
    Hired,
}
