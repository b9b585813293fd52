using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using SecondChance.Cases;
using SecondChance.Notes;
using SecondChance.Validation;
using SecondChance.Serialization;
using Spectre.Console;

namespace SecondChance.Samples.Cli.Commands;

/// <summary>
/// <c>note draft</c> and <c>note check</c>: a first draft of the thank-you note (steps 5 and 6) from the case and
/// the candidate's own examples, and a check of a note before it is sent.
/// </summary>
internal static class NoteCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var channel = new Option<NoteChannel?>("--channel")
        {
            Description = "Email, Card or Letter. Default: the channel of the note recorded in the case, else Email.",
            HelpName = "Email|Card|Letter",
            CustomParser = ParseChannel,
        };

        var evidence = new Option<string?>("--evidence")
        {
            Description = "A JSON object mapping each recorded gap to your example for it.",
            HelpName = "FILE",
        };

        var draft = new Command("draft", "Draft the thank-you note: the text on stdout, and on stderr the gaps that still need an example.")
        {
            options.Case,
            evidence,
            channel,
            options.Today,
        };
        draft.SetAction(parsed => Draft(session, parsed.GetRequiredValue(options.Case), parsed.GetValue(evidence), parsed.GetValue(channel)));

        var note = new Option<string>("--note")
        {
            Description = "The note to check (plain text).",
            HelpName = "FILE",
            Required = true,
        };

        var check = new Command("check", "Check a note before sending it: exit 0 when it has no errors (warnings allowed), 2 when it has errors.")
        {
            options.Case,
            note,
            channel,
            options.Today,
            options.Json,
        };
        check.SetAction(parsed => Check(session, parsed.GetRequiredValue(options.Case), parsed.GetRequiredValue(note), parsed.GetValue(channel), parsed.GetValue(options.Json)));

        return new Command("note", "Draft the thank-you note for a case, or check one you wrote.")
        {
            draft,
            check,
        };
    }

    private static int Draft(CliSession session, string casePath, string? evidencePath, NoteChannel? channel)
    {
        var @case = session.Validated(CliSession.LoadCase(casePath));
        IReadOnlyDictionary<string, string>? examples = null;
        if (evidencePath is not null)
        {
            var parsed = NoteEvidence.Parse(CliSession.ReadText(evidencePath, "evidence"));
            if (!parsed.Succeeded)
            {
                throw new InvalidInputException(parsed.Errors.Select(e => $"evidence file '{evidencePath}': {e}"));
            }

            examples = parsed.Evidence;
        }

        var draft = NoteDrafter.Draft(@case, channel, examples);
        session.Stdout.WriteLine(Presentation.TerminalText.Safe(draft.Text.TrimEnd('\n')));

        var gaps = @case.RecordedGaps();
        foreach (var gap in examples?.Keys ?? [])
        {
            if (!gaps.Contains(gap.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                session.Stderr.WriteLine($"evidence for \"{gap}\" matches no gap recorded in the case; it was not used");
            }
        }

        if (draft.MissingEvidence.Count > 0)
        {
            var missing = draft.MissingEvidence.Count;
            session.Stderr.WriteLine($"{Count(missing, "gap")} still {(missing == 1 ? "needs" : "need")} an example; replace each [ADD AN EXAMPLE ...] before sending:");
            foreach (var gap in draft.MissingEvidence)
            {
                session.Stderr.WriteLine($"- {gap}");
            }
        }

        return ExitCodes.Success;
    }

    private static int Check(CliSession session, string casePath, string notePath, NoteChannel? channel, bool json)
    {
        var @case = session.Validated(CliSession.LoadCase(casePath));
        var result = NoteChecker.Check(CliSession.ReadText(notePath, "note"), @case, channel);
        var errors = result.Errors.Count();
        var warnings = result.Warnings.Count();

        if (json)
        {
            session.Stdout.WriteLine(JsonSerializer.Serialize(result.Findings, SecondChanceJson.Options));
        }
        else
        {
            WriteFindings(session.Console, result, errors, warnings);
        }

        if (result.CanSend)
        {
            return ExitCodes.Success;
        }

        session.Stderr.WriteLine($"note '{notePath}' has {Count(errors, "error")} and {Count(warnings, "warning")}; fix the errors before sending it");
        return ExitCodes.InvalidInput;
    }

    private static void WriteFindings(IAnsiConsole console, NoteCheckResult result, int errors, int warnings)
    {
        WriteGaps(console, result);
        if (result.IsClean)
        {
            console.MarkupLine("[green]No findings[/]: the note thanks them, answers every gap with an example, and closes with interest and openness.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("Severity").NoWrap());
        table.AddColumn(new TableColumn("Code").NoWrap());
        table.AddColumn(new TableColumn("Line").RightAligned().NoWrap());
        table.AddColumn("Excerpt, reason");
        foreach (var finding in result.Findings)
        {
            var severity = finding.Severity == NoteSeverity.Error ? "[bold red]error[/]" : "[yellow]warning[/]";
            // Most reasons quote the excerpt already; show it on its own only when they do not.
            var what = finding.Excerpt is null || finding.Reason.Contains($"\"{finding.Excerpt}\"", StringComparison.Ordinal)
                ? Markup.Escape(finding.Reason)
                : $"[bold]\"{Markup.Escape(finding.Excerpt)}\"[/]\n{Markup.Escape(finding.Reason)}";
            table.AddRow(
                new Markup(severity),
                new Text(finding.Code.ToString()),
                new Text(finding.Line?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                new Markup(what));
        }

        console.Write(table);
        var verdict = errors == 0 ? "[green]the note can be sent[/]" : "[bold red]fix the errors before sending[/]";
        console.MarkupLine($"{Count(errors, "error")}, {Count(warnings, "warning")}: {verdict}.");
    }

    // One line per recorded gap: how the note answers it, and why.
    private static void WriteGaps(IAnsiConsole console, NoteCheckResult result)
    {
        foreach (var gap in result.Gaps)
        {
            var mark = gap.Verdict switch
            {
                GapVerdict.Answered => "[green]answered[/]",
                GapVerdict.ClaimWithoutExample => "[yellow]no example[/]",
                _ => "[bold red]not answered[/]",
            };
            var where = gap.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line})") : string.Empty;
            console.MarkupLine($"{mark} \"{Markup.Escape(gap.Gap)}\"{where}: {Markup.Escape(gap.Reason)}");
        }
    }

    private static string Count(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");

    private static NoteChannel? ParseChannel(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (CaseText.TryParseName<NoteChannel>(text, out var channel))
        {
            return channel;
        }

        result.AddError($"--channel: '{CaseText.Excerpt(text)}' is not a channel; use {CaseText.Names<NoteChannel>()}.");
        return null;
    }
}
