namespace SecondChance.Decisions;

/// <summary>One fact a rule read when it decided, with its value.</summary>
/// <param name="Name">The fact's name, as written in rule expressions (<c>facts.Name</c>).</param>
/// <param name="Value">Its value for the case.</param>
public readonly record struct FactValue(string Name, object Value)
{
    /// <summary>Formats the fact as <c>Name = Value</c>.</summary>
    /// <returns>The formatted fact.</returns>
    public override string ToString() => $"{Name} = {(Value is bool b ? (b ? "true" : "false") : Value)}";
}
