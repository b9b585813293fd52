using System.Globalization;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;

namespace SecondChance.DependencyInjection;

/// <summary>
/// Reads <see cref="PlaybookOptions"/> from configuration. Values that cannot be read are kept as
/// problems on the options, each naming its key, and reported when the options are validated.
/// </summary>
internal static class PlaybookOptionsBinder
{
    public static void Bind(IConfiguration section, PlaybookOptions options)
    {
        foreach (var level in section.GetSection("Levels").GetChildren())
        {
            BindLevel(level, new JobLevel(level.Key), options);
        }

        var days = section.GetSection("BusinessDays");
        if (days.GetChildren().Any())
        {
            options.BusinessDays.Clear();
            foreach (var day in days.GetChildren())
            {
                if (Enum.TryParse<IsoDayOfWeek>(day.Value, ignoreCase: true, out var parsed) && parsed is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday && !int.TryParse(day.Value, out _))
                {
                    options.BusinessDays.Add(parsed);
                }
                else
                {
                    options.BindingProblems.Add($"{day.Path}: '{day.Value}' is not a day of the week (Monday to Sunday).");
                }
            }
        }

        foreach (var holiday in section.GetSection("Holidays").GetChildren())
        {
            var parsed = LocalDatePattern.Iso.Parse(holiday.Value ?? string.Empty);
            if (parsed.Success)
            {
                options.Holidays.Add(parsed.Value);
            }
            else
            {
                options.BindingProblems.Add($"{holiday.Path}: '{holiday.Value}' is not a date (use yyyy-MM-dd).");
            }
        }

    }

    private static void BindLevel(IConfigurationSection section, JobLevel level, PlaybookOptions options)
    {
        var existing = options.Levels.TryGetValue(level, out var current) ? current : null;
        var months = Read(section, nameof(LevelProfile.FollowUpAfterMonths), existing?.FollowUpAfterMonths, options, int.TryParse);
        var wait = Read(section, nameof(LevelProfile.WaitAfterFollowUpDays), existing?.WaitAfterFollowUpDays, options, int.TryParse);
        var odds = Read(section, nameof(LevelProfile.PriorOdds), existing?.PriorOdds, options, double.TryParse);
        if (months is null || wait is null || odds is null)
        {
            return;
        }

        try
        {
            options.Levels[level] = new LevelProfile(months.Value, wait.Value, odds.Value);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            options.BindingProblems.Add($"{section.Path}:{ex.ParamName}: {ex.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0]}");
        }
    }

    private delegate bool TryParse<T>(string? text, NumberStyles styles, IFormatProvider provider, out T value);

    private static T? Read<T>(IConfigurationSection level, string name, T? fallback, PlaybookOptions options, TryParse<T> parse)
        where T : struct
    {
        var value = level[name];
        if (value is null)
        {
            if (fallback is null)
            {
                options.BindingProblems.Add($"{level.Path}:{name}: is required for a level the defaults do not define.");
            }

            return fallback;
        }

        if (parse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        options.BindingProblems.Add($"{level.Path}:{name}: '{value}' is not a number.");
        return null;
    }
}
