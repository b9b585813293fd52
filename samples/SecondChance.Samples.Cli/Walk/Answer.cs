namespace SecondChance.Samples.Cli.Walk;

/// <summary>An answer read from the user: the value, or why it cannot be used.</summary>
internal readonly record struct Answer<T>(bool Ok, T Value, string? Error)
{
    public static Answer<T> Accept(T value) => new(true, value, null);

    public static Answer<T> Reject(string error) => new(false, default!, error);
}
