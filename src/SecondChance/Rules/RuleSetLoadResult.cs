namespace SecondChance.Rules;

/// <summary>The outcome of loading a rule set: the rule set when it is usable, and every problem found.</summary>
public sealed class RuleSetLoadResult
{
    internal RuleSetLoadResult(PlaybookRuleSet? ruleSet, IReadOnlyList<RuleSetProblem> problems)
    {
        RuleSet = ruleSet;
        Problems = problems;
    }

    /// <summary>Gets whether the rule set loaded without errors (warnings allowed).</summary>
    public bool Succeeded => RuleSet is not null;

    /// <summary>Gets the loaded rule set; <see langword="null"/> when there were errors.</summary>
    public PlaybookRuleSet? RuleSet { get; }

    /// <summary>Gets every error and warning, in the order found.</summary>
    public IReadOnlyList<RuleSetProblem> Problems { get; }

    /// <summary>Gets the errors only.</summary>
    public IEnumerable<RuleSetProblem> Errors => Problems.Where(p => !p.IsWarning);

    /// <summary>Gets the warnings only.</summary>
    public IEnumerable<RuleSetProblem> Warnings => Problems.Where(p => p.IsWarning);

    /// <summary>Returns the rule set, or throws when it did not load.</summary>
    /// <returns>The loaded rule set.</returns>
    /// <exception cref="RuleSetException">The rule set has errors.</exception>
    public PlaybookRuleSet GetRuleSetOrThrow() => RuleSet ?? throw new RuleSetException(Problems);
}
