using System.Diagnostics;
using System.Globalization;
using SecondChance.Rules;

namespace SecondChance.Benchmarks;

/// <summary>
/// How long checking a rule set takes: the default workflow (the baseline) against workflows of 80 and
/// <see cref="PlaybookRuleSet.MaxRules"/> legal rules, loaded in the same run. Ends with one line:
/// <c>validate: default_ms=… rules80_ms=… rules200_ms=… rules200_over_default=…</c>.
/// </summary>
internal static class ValidateMode
{
    private const int Repeats = 5;

    public static int Run()
    {
        var small = PlaybookRuleSet.DefaultWorkflowJson;
        var medium = LargeRuleSet.Build(80);
        var large = LargeRuleSet.Build(PlaybookRuleSet.MaxRules);
        foreach (var json in new[] { small, medium, large })
        {
            var result = PlaybookRuleSet.Load(json);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine("A generated workflow did not load: " + string.Join("; ", result.Errors));
                return 1;
            }
        }

        var baseline = Median(small);
        var m80 = Median(medium);
        var m200 = Median(large);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"validate: default_ms={baseline:F1} rules80_ms={m80:F1} rules200_ms={m200:F1} rules200_over_default={m200 / baseline:F1}"));
        return 0;
    }

    private static double Median(string json)
    {
        var times = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = PlaybookRuleSet.Load(json);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
