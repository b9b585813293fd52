namespace SecondChance.Rules;

/// <summary>
/// Finds which rule of a set threw while it was evaluated on some facts, and words the fault. A rule
/// set can pass every check and still throw on a case nobody tried (a division by a count that is zero
/// there, a null string): that is a fault of the rules for that one case, never of the host.
/// </summary>
internal static class RuleFaults
{
    /// <summary>Gets whether <paramref name="error"/> is an evaluation fault a rule can cause, rather than the process failing.</summary>
    public static bool IsEvaluationFault(Exception error) =>
        error is not (OutOfMemoryException or InsufficientExecutionStackException or ThreadInterruptedException);

    /// <summary>
    /// Evaluates the rules one by one in order, as the compiled first-match delegate does, and returns
    /// the first that throws with what it threw. Rules are pure functions of the facts, so the same rule
    /// throws again; if none does, the original error is returned without a rule.
    /// </summary>
    public static (PlaybookRule? Rule, Exception Error) Blame(IReadOnlyList<PlaybookRule> rules, CaseFacts facts, Exception thrown)
    {
        foreach (var rule in rules)
        {
            try
            {
                if (rule.Matches(facts))
                {
                    break;
                }
            }
            catch (Exception ex) when (IsEvaluationFault(ex))
            {
                return (rule, ex);
            }
        }

        return (null, thrown);
    }

    /// <summary>Words a fault for a person: the rule, the exception type and its message.</summary>
    public static string Describe(PlaybookRule? rule, Exception error) =>
        (rule is null ? "the rules" : $"rule '{rule.Name}'") + " " + Threw(error);

    /// <summary>Words what was thrown: <c>threw DivideByZeroException (Attempted to divide by zero.)</c>.</summary>
    public static string Threw(Exception error)
    {
        var message = error.Message.Split('\n', 2)[0].Trim();
        if (message.Length > 200)
        {
            message = message[..200] + "...";
        }

        return $"threw {error.GetType().Name} ({message})";
    }
}
