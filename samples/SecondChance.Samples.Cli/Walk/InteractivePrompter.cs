using Spectre.Console;

namespace SecondChance.Samples.Cli.Walk;

/// <summary>Prompts at a terminal, explaining a bad answer and asking again until it is usable.</summary>
internal sealed class InteractivePrompter(IAnsiConsole console) : IPrompter
{
    public T Ask<T>(string question, string? defaultAnswer, Func<string, Answer<T>> parse)
    {
        var prompt = new TextPrompt<string>(Markup.Escape(question))
            .Validate(text =>
            {
                var answer = parse(text.Trim());
                return answer.Ok ? ValidationResult.Success() : ValidationResult.Error($"[red]{Markup.Escape(answer.Error ?? "that answer cannot be used")}[/]");
            });
        if (defaultAnswer is { Length: > 0 })
        {
            prompt.DefaultValue(defaultAnswer);
        }
        else
        {
            // An empty answer goes through the check too, so a required one is refused with the reason instead of silently asked again.
            prompt.AllowEmpty();
        }

        var text = prompt.Show(console).Trim();
        return parse(text.Length == 0 && defaultAnswer is not null ? defaultAnswer : text).Value;
    }

    public T Choose<T>(string question, IReadOnlyList<T> choices, Func<T, string> label)
        where T : notnull
    {
        var choice = console.Prompt(new SelectionPrompt<T>()
            .Title(Markup.Escape(question))
            .UseConverter(label)
            .AddChoices(choices));

        // The list disappears once a choice is made; keep the answer on screen like the other prompts'.
        console.MarkupLineInterpolated($"{question} [green]{label(choice)}[/]");
        return choice;
    }

    public bool Confirm(string question, bool defaultAnswer) =>
        console.Prompt(new ConfirmationPrompt(Markup.Escape(question)) { DefaultValue = defaultAnswer });
}
