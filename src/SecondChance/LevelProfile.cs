using System.Globalization;

namespace SecondChance;

/// <summary>
/// The timing and odds that go with a job level. Defaults follow the playbook: a follow-up 4 to 6
/// months after the note (longer for more senior roles), then a wait of a few days to weeks.
/// Every value is checked when the profile is made, so an engine never meets an out-of-range one.
/// </summary>
/// <param name="FollowUpAfterMonths">Months from the thank-you note to the follow-up (step 7); 1 to 60.</param>
/// <param name="WaitAfterFollowUpDays">Days to wait after the follow-up for the employer to come back (step 9); 0 to 365.</param>
/// <param name="PriorOdds">The chance, from 0 to 1, that a runner-up at this level is eventually hired.</param>
/// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
public sealed record LevelProfile(int FollowUpAfterMonths, int WaitAfterFollowUpDays, double PriorOdds)
{
    private readonly int _followUpAfterMonths = CheckRange(FollowUpAfterMonths, 1, 60, nameof(FollowUpAfterMonths));
    private readonly int _waitAfterFollowUpDays = CheckRange(WaitAfterFollowUpDays, 0, 365, nameof(WaitAfterFollowUpDays));
    private readonly double _priorOdds = CheckOdds(PriorOdds, nameof(PriorOdds));

    /// <summary>Gets the default profile for individual contributors: 4 months, 14 days, 0.15.</summary>
    public static LevelProfile IndividualContributor { get; } = new(4, 14, 0.15);

    /// <summary>Gets the default profile for middle management: 5 months, 21 days, 0.30.</summary>
    public static LevelProfile MiddleManagement { get; } = new(5, 21, 0.30);

    /// <summary>Gets the default profile for senior executives: 6 months, 28 days, 0.15.</summary>
    public static LevelProfile SeniorExecutive { get; } = new(6, 28, 0.15);

    /// <summary>Gets the months from the thank-you note to the follow-up (step 7); 1 to 60.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set out of range.</exception>
    public int FollowUpAfterMonths
    {
        get => _followUpAfterMonths;
        init => _followUpAfterMonths = CheckRange(value, 1, 60, nameof(FollowUpAfterMonths));
    }

    /// <summary>Gets the days to wait after the follow-up (step 9); 0 to 365.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set out of range.</exception>
    public int WaitAfterFollowUpDays
    {
        get => _waitAfterFollowUpDays;
        init => _waitAfterFollowUpDays = CheckRange(value, 0, 365, nameof(WaitAfterFollowUpDays));
    }

    /// <summary>Gets the chance, from 0 to 1, that a runner-up at this level is eventually hired.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set out of range.</exception>
    public double PriorOdds
    {
        get => _priorOdds;
        init => _priorOdds = CheckOdds(value, nameof(PriorOdds));
    }

    private static int CheckRange(int value, int min, int max, string name) => value >= min && value <= max
        ? value
        : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be from {min} to {max} (was {value})."));

    private static double CheckOdds(double value, string name) => value is >= 0 and <= 1
        ? value
        : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be from 0 to 1 (was {value})."));
}
