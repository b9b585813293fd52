using NodaTime;
using SecondChance.Cases;
using SecondChance.Rules;

namespace SecondChance;

/// <summary>
/// Settings for a <see cref="PlaybookEngine"/>. Mutable while a host configures it; the engine takes
/// a snapshot when it is built, so later changes do not affect an existing engine.
/// </summary>
public sealed class PlaybookOptions
{
    /// <summary>Gets the job levels the engine knows, with their profiles. Add an entry to define a level of your own.</summary>
    /// <value>The default value holds <see cref="JobLevel.IndividualContributor"/> (4 months, 14 days, 0.15),
    /// <see cref="JobLevel.MiddleManagement"/> (5 months, 21 days, 0.30) and
    /// <see cref="JobLevel.SeniorExecutive"/> (6 months, 28 days, 0.15).</value>
    public IDictionary<JobLevel, LevelProfile> Levels { get; } = new Dictionary<JobLevel, LevelProfile>
    {
        [JobLevel.IndividualContributor] = LevelProfile.IndividualContributor,
        [JobLevel.MiddleManagement] = LevelProfile.MiddleManagement,
        [JobLevel.SeniorExecutive] = LevelProfile.SeniorExecutive,
    };

    /// <summary>Gets the days of the week on which a due date may fall.</summary>
    /// <value>The default value is Monday to Friday.</value>
    public ISet<IsoDayOfWeek> BusinessDays { get; } = new HashSet<IsoDayOfWeek>
    {
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday,
    };

    /// <summary>Gets dates that are never business days (public holidays, office closures).</summary>
    /// <value>The default value is empty.</value>
    public ISet<LocalDate> Holidays { get; } = new HashSet<LocalDate>();

    /// <summary>Gets or sets the rules that decide the next action.</summary>
    /// <value>The default value is <see cref="PlaybookRuleSet.Default"/>, the playbook's ten steps.</value>
    public PlaybookRuleSet RuleSet { get; set; } = PlaybookRuleSet.Default;
}
