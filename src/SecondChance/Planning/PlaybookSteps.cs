using SecondChance.Rules;

namespace SecondChance.Planning;

/// <summary>The playbook's ten steps, titled in plain words.</summary>
public static class PlaybookSteps
{
    private static readonly string[] Titles =
    [
        "Thank the caller and ask where you fell short",
        "Listen for where the other candidate looked stronger",
        "Stay calm: no arguing, ask for more detail",
        "Thank them and say you are still interested",
        "Send a note that answers each gap with an example",
        "Close the note with continued interest",
        "Follow up with the same person months later",
        "Learn whether their hire worked out",
        "Give them time to come back to you",
        "Negotiate the offer",
    ];

    /// <summary>The number of steps in the playbook.</summary>
    public const int Count = 10;

    /// <summary>Returns the title of step <paramref name="step"/>.</summary>
    /// <param name="step">The step's number, 1 to 10.</param>
    /// <returns>The title.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not from 1 to 10.</exception>
    public static string Title(int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, Count);
        return Titles[step - 1];
    }

    /// <summary>Returns the title of step <paramref name="step"/> when <paramref name="action"/> is what it asks, so a row never contradicts its action.</summary>
    /// <param name="step">The step's number, 1 to 10.</param>
    /// <param name="action">The action a rule asks at that step.</param>
    /// <returns>The title: step 9 reads "Answer their approach" once they have come back.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not from 1 to 10.</exception>
    public static string Title(int step, PlaybookAction action) =>
        step == 9 && action == PlaybookAction.RespondToApproach ? "Answer their approach" : Title(step);
}
