using System.Text.Json.Serialization;
using NodaTime;
using SecondChance.Analytics;
using SecondChance.Decisions;
using SecondChance.Rules;
using SecondChance.Validation;

namespace SecondChance.Planning;

/// <summary>
/// All ten playbook steps for a case as of a date: what is done, what is next, what is projected,
/// derived from the same rules and policies as the next action. Immutable.
/// </summary>
public sealed class CasePlan
{
    private readonly CalibratedOdds? _chance;
    private readonly Lazy<IReadOnlyList<string>> _plannedRules;

    internal CasePlan(Decision decision, IReadOnlyList<PlanStep> steps, PlaybookRuleSet ruleSet, CalibratedOdds? chance = null, Func<IReadOnlyList<string>>? plannedRules = null)
        : this(decision, steps, ruleSet, chance, new Lazy<IReadOnlyList<string>>(plannedRules ?? Array.Empty<string>))
    {
    }

    private CasePlan(Decision decision, IReadOnlyList<PlanStep> steps, PlaybookRuleSet ruleSet, CalibratedOdds? chance, Lazy<IReadOnlyList<string>> plannedRules)
    {
        Decision = decision;
        Steps = steps;
        RuleSet = ruleSet;
        _chance = chance;
        _plannedRules = plannedRules;
    }

    /// <summary>Gets the decision the plan was built around.</summary>
    [JsonIgnore]
    public Decision Decision { get; }

    /// <summary>Gets whether the case was valid.</summary>
    public bool IsValid => Decision.IsValid;

    /// <summary>Gets what is wrong with the case; empty when it is valid.</summary>
    public IReadOnlyList<CaseError> Errors => Decision.Errors;

    /// <summary>Gets the date the plan was made for, in the case's time zone.</summary>
    public LocalDate Today => Decision.Today;

    /// <summary>Gets the next action (carrying the chance when <see cref="WithChance(OutcomeReport)"/> gave one); <see langword="null"/> for an invalid case.</summary>
    public NextAction? Next => Decision.IsValid ? Decision.Next with { Chance = _chance } : null;

    /// <summary>
    /// Gets the rules the plan was made with, so a host can look up the rule behind any step, including
    /// those that no longer apply (a calendar withdraws their entries by the rule's name).
    /// </summary>
    [JsonIgnore]
    public PlaybookRuleSet RuleSet { get; }

    /// <summary>Gets the ten steps in order; empty for an invalid case.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>
    /// Gets the names of every rule that the plan showed as the next action or as a projected one at
    /// any point of the case's history (after each of its events, this plan included), in the rule
    /// set's order, whether or not it still applies. A rule an earlier event scheduled may since have
    /// been done, been replaced by another (an opening seen turns the scheduled follow-up into a
    /// follow-up on the opening) or stopped applying (an approach ends the wait for one): this is the
    /// list of everything an earlier export of the plan may have shown, so a calendar can withdraw
    /// what no longer applies instead of leaving it behind. Empty for an invalid case.
    /// </summary>
    /// <remarks>Worked out from the rules on first use (each earlier point of the history is decided and projected again) and kept.</remarks>
    [JsonIgnore]
    public IReadOnlyList<string> PlannedRules => _plannedRules.Value;

    /// <summary>Returns this plan with its next action carrying the chance for the case's level from a board's own outcomes.</summary>
    /// <param name="outcomes">The outcome report of the board's cases.</param>
    /// <returns>A copy whose <see cref="Next"/> has <see cref="NextAction.Chance"/> set (<see langword="null"/> when the report does not know the level).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outcomes"/> is <see langword="null"/>.</exception>
    public CasePlan WithChance(OutcomeReport outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return new CasePlan(Decision, Steps, RuleSet, outcomes.ChanceFor(Decision.Case.Level), _plannedRules);
    }
}
