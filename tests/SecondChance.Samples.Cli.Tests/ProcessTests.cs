using System.Diagnostics;
using System.Text.Json;
using SecondChance.Samples.Cli.Tests.Support;

namespace SecondChance.Samples.Cli.Tests;

/// <summary>Starts the built program as a separate process, as a shell would.</summary>
public class ProcessTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "SecondChance.Cli.dll");

    private static async Task<CliResult> Start(string stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Paths.Root,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Even with a colour terminal type in the environment, redirected output must stay plain.
        info.Environment["TERM"] = "xterm-256color";
        info.Environment.Remove("NO_COLOR");

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Process_NextJson_PrintsTheContract()
    {
        File.Exists(Dll).Should().BeTrue($"the CLI is built next to the tests ({Dll})");

        var result = await Start(string.Empty, "next", "--case", "samples/cases/alex-middle-manager.json", "--today", "2026-03-10", "--json");

        result.ExitCode.Should().Be(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("step").GetInt32().Should().Be(7);
        doc.RootElement.GetProperty("dueOn").GetString().Should().Be("2026-08-06");
        doc.RootElement.GetProperty("covers").GetRawText().Should().Be("[7,8]");
    }

    [Fact]
    public async Task Process_Plan_IsPlainTextWhenRedirected()
    {
        var result = await Start(string.Empty, "plan", "--case", "samples/cases/alex-middle-manager.json", "--today", "2026-03-10");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Contain("The ten steps").And.Contain("Alex Rivera").And.NotContain("\u001b");
        result.StdoutLines.Should().OnlyContain(l => l.Length <= 80);
    }

    [Fact]
    public async Task Process_BatchAndBadInput_ExitCodes()
    {
        var alex = JsonDocument.Parse(File.ReadAllText(Paths.Alex)).RootElement.GetRawText().ReplaceLineEndings(string.Empty);
        var batch = await Start(alex + "\nnope\n", "batch", "--today", "2026-03-10");
        var missing = await Start(string.Empty, "next", "--case", "samples/cases/nobody.json");

        batch.ExitCode.Should().Be(0, batch.Stderr);
        batch.StdoutLines.Should().HaveCount(2);
        batch.StdoutLines[1].Should().StartWith("{\"line\":2,\"errors\":[");
        missing.ExitCode.Should().Be(2);
        missing.Stderr.Trim().Should().Be("case file 'samples/cases/nobody.json' was not found");
    }
}
