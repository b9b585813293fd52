using System.Globalization;
using Spectre.Console;

namespace SecondChance.Samples.Cli.Walk;

/// <summary>
/// Reads answers line by line from redirected input, so a session can be scripted. Each question is
/// echoed with its answer; a bad or missing answer stops the session (exit 2) with the reason.
/// </summary>
internal sealed class ScriptedPrompter(TextReader input, IAnsiConsole console) : IPrompter
{
    private int _line;

    public T Ask<T>(string question, string? defaultAnswer, Func<string, Answer<T>> parse)
    {
        var text = Read(question + (defaultAnswer is { Length: > 0 } ? $" [{defaultAnswer}]" : string.Empty));
        if (text.Length == 0 && defaultAnswer is not null)
        {
            text = defaultAnswer;
        }

        var answer = parse(text);
        return answer.Ok ? answer.Value : throw Bad(question, answer.Error ?? "that answer cannot be used");
    }

    public T Choose<T>(string question, IReadOnlyList<T> choices, Func<T, string> label)
        where T : notnull
    {
        var list = string.Join(", ", choices.Select((c, i) => $"{i + 1}. {label(c)}"));
        var text = Read($"{question} ({list})");
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= choices.Count)
        {
            return choices[n - 1];
        }

        foreach (var choice in choices)
        {
            if (string.Equals(label(choice), text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        throw Bad(question, $"'{text}' is not one of the choices; answer with a number from 1 to {choices.Count} or a name");
    }

    public bool Confirm(string question, bool defaultAnswer)
    {
        var text = Read(question + (defaultAnswer ? " [Y/n]" : " [y/N]"));
        return text.ToUpperInvariant() switch
        {
            "" => defaultAnswer,
            "Y" or "YES" => true,
            "N" or "NO" => false,
            _ => throw Bad(question, $"'{text}' is not yes or no"),
        };
    }

    private string Read(string question)
    {
        console.Write(new Text("? " + question + ": "));
        var line = input.ReadLine();
        _line++;
        if (line is null)
        {
            console.WriteLine();
            throw new InvalidInputException($"walk: the answers ended before this question: {question}");
        }

        line = line.Trim();
        console.WriteLine(line);
        return line;
    }

    private InvalidInputException Bad(string question, string error) =>
        new($"walk: answer on line {_line} ({question}): {error}");
}
