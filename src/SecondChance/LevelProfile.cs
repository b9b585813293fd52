namespace SecondChance;

/// <summary>
/// The timing and odds that go with a job level. Defaults follow the playbook: a follow-up 4 to 6
/// months after the note (longer for more senior roles), then a wait of a few days to weeks.
/// </summary>
/// <param name="FollowUpAfterMonths">Months from the thank-you note to the follow-up (step 7); 1 to 60.</param>
/// <param name="WaitAfterFollowUpDays">Days to wait after the follow-up for the employer to come back (step 9); 0 to 365.</param>
/// <param name="PriorOdds">The chance, from 0 to 1, that a runner-up at this level is eventually hired.</param>
public sealed record LevelProfile(int FollowUpAfterMonths, int WaitAfterFollowUpDays, double PriorOdds)
{
    /// <summary>Gets the default profile for individual contributors: 4 months, 14 days, 0.15.</summary>
    public static LevelProfile IndividualContributor { get; } = new(4, 14, 0.15);

    /// <summary>Gets the default profile for middle management: 5 months, 21 days, 0.30.</summary>
    public static LevelProfile MiddleManagement { get; } = new(5, 21, 0.30);

    /// <summary>Gets the default profile for senior executives: 6 months, 28 days, 0.15.</summary>
    public static LevelProfile SeniorExecutive { get; } = new(6, 28, 0.15);
}
