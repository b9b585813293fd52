namespace SecondChance.Samples.Cli;

/// <summary>The user's input cannot be used; the CLI prints every message on stderr and exits with code 2.</summary>
internal sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message)
        : this([message])
    {
    }

    public InvalidInputException(IEnumerable<string> messages)
        : base(string.Join(Environment.NewLine, messages))
    {
        Messages = Message.Split(Environment.NewLine);
    }

    public InvalidInputException()
        : this("invalid input")
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Messages = [message];
    }

    public IReadOnlyList<string> Messages { get; } = [];
}
