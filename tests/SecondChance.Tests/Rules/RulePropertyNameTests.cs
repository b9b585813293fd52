namespace SecondChance.Tests.Rules;

/// <summary>A misspelled rule property is an error naming the rule, the property and the name probably meant.</summary>
public class RulePropertyNameTests
{
    private static string WithFollowUpProperties(string from, string to)
    {
        var json = PlaybookRuleSet.DefaultWorkflowJson;
        var start = json.IndexOf("\"RuleName\": \"FollowUp\"", StringComparison.Ordinal);
        start.Should().BePositive();
        var at = json.IndexOf(from, start, StringComparison.Ordinal);
        at.Should().BePositive();
        return json[..at] + to + json[(at + from.Length)..];
    }

    private static List<string> Errors(string json) =>
        PlaybookRuleSet.Load(json).Errors.Select(p => p.ToString()).ToList();

    [Fact]
    public void DefaultRules_HaveNoUnknownProperties() =>
        PlaybookRuleSet.Load(PlaybookRuleSet.DefaultWorkflowJson).Problems.Should().BeEmpty();

    [Fact]
    public void MisspelledProperty_IsAnErrorWithASuggestion() =>
        Errors(WithFollowUpProperties("\"completedBy\"", "\"completed_by\"")).Should().Contain("rule 'FollowUp', Properties.completed_by: unknown field; did you mean completedBy?");

    [Fact]
    public void MisspelledDueMember_IsAnErrorWithASuggestion() =>
        Errors(WithFollowUpProperties("\"windowDays\"", "\"window_days\"")).Should().Equal("rule 'FollowUp', Properties.due.window_days: unknown field; did you mean windowDays?");

    [Fact]
    public void UnrelatedProperty_ListsTheKnownOnes() =>
        Errors(WithFollowUpProperties("\"guidance\"", "\"colour\": \"red\", \"guidance\"")).Should().Equal(
            "rule 'FollowUp', Properties.colour: unknown field; the fields here are step, action, covers, due, completedBy, guidance, openingGuidance");
}
