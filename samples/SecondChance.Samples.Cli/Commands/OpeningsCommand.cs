using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;
using SecondChance.Openings;
using SecondChance.Samples.Cli.Presentation;
using SecondChance.Serialization;

namespace SecondChance.Samples.Cli.Commands;

/// <summary>
/// <c>openings --cases FILE.ndjson --openings FILE.ndjson [--today D] [--json]</c>: matches a board's new
/// openings against the open cases and prints, per matched case, the match, the reasons and the new next action.
/// </summary>
/// <remarks>Every line of both files must be valid: otherwise nothing is matched, each problem is printed with its file and line, and the exit code is 2.</remarks>
internal static class OpeningsCommand
{
    public static Command Create(CliSession session, Cli.GlobalOptions options)
    {
        var casesOption = new Option<string>("--cases")
        {
            Description = "The cases to watch: one case document per line (NDJSON).",
            HelpName = "FILE.ndjson",
            Required = true,
        };
        var openingsOption = new Option<string>("--openings")
        {
            Description = "The openings a board has seen: one opening per line (NDJSON) with company, title, postedOn and optional level, url, location, id.",
            HelpName = "FILE.ndjson",
            Required = true,
        };
        var command = new Command("openings", "Match new job openings against open cases: the same role posted again or a similar one at the company makes following up the next action.")
        {
            casesOption,
            openingsOption,
            options.Today,
            options.Json,
        };

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var engine = session.Engine;
            var problems = new List<string>();
            var casesPath = parsed.GetRequiredValue(casesOption);
            var openingsPath = parsed.GetRequiredValue(openingsOption);
            var cases = new List<(RunnerUpCase Case, long Line)>();
            await ReadLinesAsync(casesPath, "cases", (line, number) =>
            {
                var result = SecondChanceJson.ParseCase(line);
                var errors = result.Succeeded ? engine.Validate(result.Case!, session.TodayFor(result.Case!)) : result.Errors;
                if (errors.Count == 0)
                {
                    cases.Add((result.Case!, number));
                }

                return errors;
            }, problems, cancellationToken);

            var openingsToday = session.Today ?? session.Clock.GetCurrentInstant().InUtc().Date;
            var openings = new List<(JobOpening Opening, long Line)>();
            await ReadLinesAsync(openingsPath, "openings", (line, number) =>
            {
                var errors = SecondChanceJson.ParseOpening(line, out var opening);
                if (opening is not null)
                {
                    errors = opening.Validate(openingsToday);
                    if (errors.Count == 0)
                    {
                        openings.Add((opening, number));
                    }
                }

                return errors;
            }, problems, cancellationToken);

            if (problems.Count > 0)
            {
                throw new InvalidInputException(problems);
            }

            var index = new OpeningIndex(cases.Select(c => c.Case).ToArray());

            // Openings in the order they went up, so a case two openings match records both in date order.
            var current = new Dictionary<int, RunnerUpCase>();
            var json = parsed.GetValue(options.Json);
            var matched = 0;
            foreach (var (opening, openingLine) in openings.OrderBy(o => o.Opening.PostedOn))
            {
                foreach (var candidate in index.Match(opening))
                {
                    var before = current.GetValueOrDefault(candidate.Index, candidate.Case);
                    var after = before.With(candidate.Event);
                    var decision = engine.Decide(after, session.TodayFor(after));
                    if (!decision.IsValid)
                    {
                        continue;
                    }

                    current[candidate.Index] = after;
                    matched++;
                    var caseLine = cases[candidate.Index].Line;
                    await session.Stdout.WriteLineAsync(json ? Json(candidate, decision, caseLine, openingLine) : Presentation.TerminalText.Safe(Text(candidate, decision, caseLine, openingLine)));
                }
            }

            if (!json && matched == 0)
            {
                await session.Stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"No open case matches these openings ({index.Count} open cases, {openings.Count} openings)."));
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static async Task ReadLinesAsync(string path, string what, Func<string, long, IReadOnlyList<SecondChance.Validation.CaseError>> read, List<string> problems, CancellationToken cancellationToken)
    {
        await foreach (var (number, line) in CliSession.ReadLinesAsync(path, what, cancellationToken))
        {
            foreach (var error in read(line, number))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what} file '{path}', line {number}: {error}"));
            }
        }
    }

    private static string Text(OpeningCandidate candidate, Decision decision, long caseLine, long openingLine)
    {
        var c = candidate.Case;
        var o = candidate.Opening;
        var r = candidate.Result;
        var next = decision.Next;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{c.Candidate}: {c.Role} at {c.Company} (cases line {caseLine})"),
            string.Create(CultureInfo.InvariantCulture, $"  {r.Match} (score {r.Score}): \"{o.Title}\" at {o.Company}, posted {CaseView.Date(o.PostedOn)}{(o.Url is null ? string.Empty : " " + o.Url)} (openings line {openingLine})"),
        };
        lines.AddRange(r.Reasons.Select(reason => "  - " + reason));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  Next: {next.Action}{(next.Step is { } step ? $" (step {step})" : string.Empty)}{(next.DueOn is { } due ? " due " + CaseView.Date(due) : string.Empty)} by rule {next.Rule}"));
        lines.Add("  " + next.Guidance);
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string Json(OpeningCandidate candidate, Decision decision, long caseLine, long openingLine) =>
        JsonSerializer.Serialize(
            new MatchLine(
                caseLine,
                openingLine,
                candidate.Case.Candidate,
                candidate.Case.Company,
                candidate.Case.Role,
                new OpeningLine(candidate.Opening.Company, candidate.Opening.Title, candidate.Opening.PostedOn, candidate.Opening.Url),
                candidate.Result.Match!.Value,
                candidate.Result.Score,
                candidate.Result.MatchedWords,
                candidate.Result.RoleOnlyWords,
                candidate.Result.OpeningOnlyWords,
                candidate.Result.Reasons,
                decision.Next),
            SecondChanceJson.Options);

    /// <summary>One matched case in <c>--json</c> output.</summary>
    private sealed record MatchLine(
        long CaseLine,
        long OpeningLine,
        string Candidate,
        string Company,
        string Role,
        OpeningLine Opening,
        OpeningMatch Match,
        int Score,
        IReadOnlyList<string> MatchedWords,
        IReadOnlyList<string> RoleOnlyWords,
        IReadOnlyList<string> OpeningOnlyWords,
        IReadOnlyList<string> Reasons,
        NextAction Next);

    /// <summary>The opening as <c>--json</c> shows it.</summary>
    private sealed record OpeningLine(string Company, string Title, LocalDate PostedOn, string? Url);
}
