namespace SecondChance.Samples.Cli.Walk;

/// <summary>Asks the guided session's questions, either at a terminal or from scripted input.</summary>
internal interface IPrompter
{
    /// <summary>Asks for text and turns it into a value; an empty answer means <paramref name="defaultAnswer"/> when there is one.</summary>
    T Ask<T>(string question, string? defaultAnswer, Func<string, Answer<T>> parse);

    /// <summary>Asks the user to pick one of <paramref name="choices"/>.</summary>
    T Choose<T>(string question, IReadOnlyList<T> choices, Func<T, string> label)
        where T : notnull;

    /// <summary>Asks a yes-or-no question.</summary>
    bool Confirm(string question, bool defaultAnswer);
}
