namespace SecondChance.Rules;

/// <summary>Thrown by the throwing loaders of <see cref="PlaybookRuleSet"/> when a rule set has problems.</summary>
public sealed class RuleSetException : Exception
{
    /// <summary>Creates the exception for the given problems.</summary>
    /// <param name="problems">Every problem found; at least one is an error.</param>
    public RuleSetException(IReadOnlyList<RuleSetProblem> problems)
        : base("The rule set is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message.</summary>
    public RuleSetException()
        : this([new RuleSetProblem(null, "workflow", "invalid")])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RuleSetException(string message)
        : this([new RuleSetProblem(null, "workflow", message)])
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleSetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new RuleSetProblem(null, "workflow", message)];
    }

    /// <summary>Gets every problem found, errors and warnings.</summary>
    public IReadOnlyList<RuleSetProblem> Problems { get; }
}
