namespace SecondChance.Rules;

/// <summary>One thing wrong (or worth a warning) in a rule set, found when it was loaded.</summary>
/// <param name="Rule">The rule's name, or <see langword="null"/> for a problem with the workflow as a whole.</param>
/// <param name="Where">What part of the rule or workflow, such as <c>Expression</c> or <c>Properties.due.policy</c>.</param>
/// <param name="Message">What is wrong, in plain words.</param>
/// <param name="IsWarning"><see langword="true"/> for a finding that does not stop the rule set from loading.</param>
public sealed record RuleSetProblem(string? Rule, string Where, string Message, bool IsWarning = false)
{
    /// <summary>Formats the problem as one line: <c>rule 'Name', Where: Message</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString() =>
        (IsWarning ? "warning: " : string.Empty)
        + (Rule is null ? "workflow" : $"rule '{Rule}'") + $", {Where}: {Message}";
}
