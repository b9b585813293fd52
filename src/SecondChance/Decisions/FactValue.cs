namespace SecondChance.Decisions;

/// <summary>One fact a rule read when it decided, with its value written as a rule expression would write it.</summary>
/// <param name="Name">The fact's name, as written in rule expressions (<c>facts.Name</c>).</param>
/// <param name="Value">Its value for the case: <c>true</c> or <c>false</c>, a whole number, or a name such as <c>NoteSent</c> (empty when there is none).</param>
public readonly record struct FactValue(string Name, string Value)
{
    /// <summary>Formats the fact as <c>Name = Value</c>.</summary>
    /// <returns>The formatted fact.</returns>
    public override string ToString() => $"{Name} = {Value}";

}
