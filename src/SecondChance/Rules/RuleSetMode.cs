namespace SecondChance.Rules;

/// <summary>How a loaded workflow relates to the default rules.</summary>
public enum RuleSetMode
{
    /// <summary>The workflow is the whole rule set; the default rules are not used.</summary>
    Replace,

    /// <summary>
    /// The workflow's rules are checked first, then the default rules. A workflow rule with the same
    /// name as a default rule takes that rule's place instead (at the position the default had).
    /// </summary>
    Extend,
}
