namespace SecondChance.Samples.Cli;

/// <summary>What the CLI knows about where it runs: whether a person is at a terminal, and whether colour is wanted.</summary>
/// <param name="IsInputTerminal">Whether standard input is a terminal (the guided session then prompts; otherwise it reads answers line by line).</param>
/// <param name="IsOutputTerminal">Whether standard output is a terminal (otherwise output is plain text).</param>
/// <param name="NoColor">Whether the <c>NO_COLOR</c> convention asks for plain text.</param>
/// <param name="Width">The terminal's width in columns, when known.</param>
internal sealed record CliTerminal(bool IsInputTerminal, bool IsOutputTerminal, bool NoColor, int? Width = null)
{
    /// <summary>Redirected input and output: plain text, answers read line by line. The default for tests and pipes.</summary>
    public static CliTerminal Redirected { get; } = new(false, false, NoColor: true);

    /// <summary>Gets whether output may use colour and other terminal control codes.</summary>
    public bool UseAnsi => IsOutputTerminal && !NoColor;

    public static CliTerminal FromConsole()
    {
        var outputTerminal = !Console.IsOutputRedirected;
        int? width = null;
        if (outputTerminal)
        {
            try
            {
                width = Console.WindowWidth > 0 ? Console.WindowWidth : null;
            }
            catch (IOException)
            {
                width = null;
            }
        }

        // NO_COLOR: any non-empty value turns colour off (no-color.org).
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new CliTerminal(!Console.IsInputRedirected, outputTerminal, noColor, width);
    }
}
