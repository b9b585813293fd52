using System.Text;
using System.Text.Json;
using SecondChance.Rules;

namespace SecondChance.Benchmarks;

/// <summary>
/// Builds a legal workflow of any size up to <see cref="PlaybookRuleSet.MaxRules"/>: the default rules at
/// the end, and before them custom rules that each name a level of their own and other quoted words,
/// which is what made validation expensive when every quoted word was replayed as a job level.
/// </summary>
internal static class LargeRuleSet
{
    public static string Build(int ruleCount)
    {
        var defaults = PlaybookRuleSet.Default.Rules.Count;
        var custom = Math.Max(0, ruleCount - defaults);
        using var doc = JsonDocument.Parse(PlaybookRuleSet.DefaultWorkflowJson);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("WorkflowName", $"Large{ruleCount}");
            writer.WriteStartArray("Rules");
            for (var i = 0; i < custom; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("RuleName", $"Custom{i}");
                writer.WriteString("Expression", Expression(i));
                writer.WriteStartObject("Properties");
                writer.WriteNumber("step", 7);
                writer.WriteString("action", "FollowUp");
                writer.WriteStartArray("covers");
                writer.WriteNumberValue(7);
                writer.WriteEndArray();
                writer.WriteStartObject("due");
                writer.WriteString("policy", "MonthsAfter");
                writer.WriteString("anchor", "NoteSent");
                writer.WriteNumber("months", 1 + (i % 12));
                writer.WriteEndObject();
                writer.WriteString("guidance", $"Follow up on the note for custom level {i}.");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            foreach (var rule in doc.RootElement.GetProperty("Rules").EnumerateArray())
            {
                rule.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // As many level names as fit in one expression, combined as a balanced tree so the depth limit holds.
    private static string Expression(int rule)
    {
        const string Tail = " && facts.NoteSent && !facts.FollowUpMade";
        for (var words = 64; ; words--)
        {
            var leaves = Enumerable.Range(0, words).Select(w => $"facts.Level==\"L{rule}x{w}\"").ToList();
            var text = "(" + Balanced(leaves, 0, leaves.Count) + ")" + Tail;
            if (text.Length <= PlaybookRuleSet.MaxExpressionLength)
            {
                return text;
            }
        }
    }

    private static string Balanced(List<string> leaves, int from, int to) => to - from == 1
        ? leaves[from]
        : "(" + Balanced(leaves, from, (from + to) / 2) + "||" + Balanced(leaves, (from + to) / 2, to) + ")";
}
