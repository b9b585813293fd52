using System.Globalization;
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

    /// <summary>Gets the values configuration held that could not be read, each naming its key.</summary>
    internal List<string> BindingProblems { get; } = [];

    /// <summary>Lists what is wrong with these options, one sentence each naming the setting; empty when an engine can be built from them.</summary>
    internal IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(BindingProblems);
        if (RuleSet is null)
        {
            problems.Add("RuleSet must be set.");
        }

        foreach (var (level, profile) in Levels)
        {
            if (level.IsEmpty)
            {
                problems.Add("Levels: a configured job level has no name.");
            }
            else if (!Validation.CaseLimits.HasVisibleCharacter(level.Name))
            {
                // Shown as escapes: the name itself would print as nothing.
                var shown = string.Concat(level.Name.Select(c => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")));
                problems.Add($"Levels:{shown}: the level's name must hold visible characters, not only control or zero-width ones.");
            }
            else if (profile is null)
            {
                problems.Add($"Levels:{level}: the level has no profile.");
            }
        }

        if (!BusinessDays.Any(d => d is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday))
        {
            problems.Add("BusinessDays: at least one day of the week must be a business day.");
        }

        foreach (var day in BusinessDays.Where(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday))
        {
            problems.Add($"BusinessDays: '{day}' is not a day of the week.");
        }

        return problems;
    }

    /// <summary>Returns a copy of these options that later changes to either do not affect.</summary>
    internal PlaybookOptions Clone()
    {
        var copy = new PlaybookOptions { RuleSet = RuleSet };
        copy.Levels.Clear();
        foreach (var (level, profile) in Levels)
        {
            copy.Levels[level] = profile;
        }

        copy.BusinessDays.Clear();
        copy.BusinessDays.UnionWith(BusinessDays);
        copy.Holidays.UnionWith(Holidays);
        return copy;
    }
}
