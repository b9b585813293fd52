using NodaTime.Testing;
using SecondChance.Samples.Cli;

namespace SecondChance.Samples.Cli.Tests.Support;

/// <summary>The outcome of one CLI run: exit code and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>Runs the CLI in-process, as a user would from a shell with redirected output.</summary>
internal static class CliRun
{
    /// <summary>The clock every in-process run reads: 2026-03-10 at noon UTC.</summary>
    public static Instant Now { get; } = Instant.FromUtc(2026, 3, 10, 12, 0);

    public static Task<CliResult> Run(params string[] args) => RunWithInput(string.Empty, args);

    public static Task<CliResult> RunWithInput(string stdin, params string[] args) =>
        RunWithReader(new StringReader(stdin), args);

    public static async Task<CliResult> RunWithReader(TextReader stdin, string[] args, IClock? clock = null, CliTerminal? terminal = null, TextWriter? stdout = null)
    {
        stdout ??= new StringWriter();
        var stderr = new StringWriter();
        var code = terminal is null
            ? await Cli.RunAsync(args, stdin, stdout, stderr, clock ?? new FakeClock(Now))
            : await Cli.RunAsync(args, stdin, stdout, stderr, clock ?? new FakeClock(Now), terminal);
        return new CliResult(code, stdout.ToString()!, stderr.ToString());
    }
}
