using System.Text.Json;
using SecondChance.Cases;
using SecondChance.Validation;

namespace SecondChance.Rules;

/// <summary>Reads and checks this library's properties on a RulesEngine rule (step, action, covers, due, completedBy, guidance).</summary>
internal static class RulePropertiesReader
{
    private static readonly string[] PropertyNames = ["step", "action", "covers", "due", "completedBy", "guidance", "openingGuidance"];

    private static readonly string[] DueNames = ["policy", "anchor", "days", "months", "windowDays"];

    internal readonly record struct RuleProperties(int? Step, PlaybookAction Action, int[] Covers, DuePolicy Due, CaseEventType? CompletedBy, string Guidance, IReadOnlyDictionary<OpeningMatch, string> OpeningGuidance);

    public static RuleProperties? Read(string rule, JsonElement? element, List<RuleSetProblem> problems)
    {
        if (element is not { ValueKind: JsonValueKind.Object } props)
        {
            problems.Add(new RuleSetProblem(rule, "Properties", "is required: an object with step, action, covers, due and guidance"));
            return null;
        }

        var before = problems.Count;
        AddUnknown(rule, props, "Properties.", PropertyNames, problems);
        var action = ReadEnum<PlaybookAction>(rule, props, "action", required: true, problems);

        int? step = null;
        switch (JsonMembers.Find(props, "step"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                if (action is not null and not PlaybookAction.None)
                {
                    problems.Add(new RuleSetProblem(rule, "Properties.step", "is required for an action other than None"));
                }

                break;
            case { ValueKind: JsonValueKind.Number } s when s.TryGetInt32(out var value) && value is >= 1 and <= 10:
                step = value;
                if (action == PlaybookAction.None)
                {
                    problems.Add(new RuleSetProblem(rule, "Properties.step", "must be null when the action is None"));
                }

                break;
            default:
                problems.Add(new RuleSetProblem(rule, "Properties.step", "must be a whole number from 1 to 10, or null"));
                break;
        }

        var covers = new List<int>();
        switch (JsonMembers.Find(props, "covers"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.Array } array:
                var i = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var c) && c is >= 1 and <= 10 && !covers.Contains(c))
                    {
                        covers.Add(c);
                    }
                    else
                    {
                        problems.Add(new RuleSetProblem(rule, $"Properties.covers[{i}]", "must be a step number from 1 to 10, listed once"));
                    }

                    i++;
                }

                break;
            default:
                problems.Add(new RuleSetProblem(rule, "Properties.covers", "must be an array of step numbers"));
                break;
        }

        if (step is { } st && covers.Count > 0 && !covers.Contains(st))
        {
            problems.Add(new RuleSetProblem(rule, "Properties.covers", $"must include the rule's own step ({st})"));
        }

        if (step is { } only && covers.Count == 0)
        {
            covers.Add(only);
        }

        if (action == PlaybookAction.None && covers.Count > 0)
        {
            problems.Add(new RuleSetProblem(rule, "Properties.covers", "must be empty when the action is None"));
        }

        var due = ReadDue(rule, JsonMembers.Find(props, "due"), action, problems);
        var completedBy = ReadEnum<CaseEventType>(rule, props, "completedBy", required: false, problems);

        var guidance = JsonMembers.Find(props, "guidance") is { ValueKind: JsonValueKind.String } g ? g.GetString()!.Trim() : string.Empty;
        if (guidance.Length == 0)
        {
            problems.Add(new RuleSetProblem(rule, "Properties.guidance", "is required: the advice shown to the candidate"));
        }
        else if (!CaseLimits.HasVisibleCharacter(guidance))
        {
            problems.Add(new RuleSetProblem(rule, "Properties.guidance", RuleSetLoader.InvisibleName));
        }
        else if (guidance.Length > PlaybookRuleSet.MaxGuidanceLength)
        {
            problems.Add(new RuleSetProblem(rule, "Properties.guidance", $"is longer than {PlaybookRuleSet.MaxGuidanceLength} characters"));
        }

        var openingGuidance = ReadOpeningGuidance(rule, JsonMembers.Find(props, "openingGuidance"), problems);
        if (problems.Count != before || action is null || due is null)
        {
            return null;
        }

        covers.Sort();
        return new RuleProperties(step, action.Value, [.. covers], due, completedBy, guidance, openingGuidance);
    }

    // Optional guidance per match of the latest opening seen, in place of "guidance" when the case has one.
    private static Dictionary<OpeningMatch, string> ReadOpeningGuidance(string rule, JsonElement? element, List<RuleSetProblem> problems)
    {
        var result = new Dictionary<OpeningMatch, string>();
        switch (element)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                break;
            case { ValueKind: JsonValueKind.Object } obj:
                foreach (var property in obj.EnumerateObject())
                {
                    var where = "Properties.openingGuidance." + property.Name;
                    if (!Validation.CaseText.TryParseName<OpeningMatch>(property.Name, out var match))
                    {
                        problems.Add(new RuleSetProblem(rule, where, $"is not a known match; use {string.Join(" or ", Enum.GetNames<OpeningMatch>())}"));
                    }
                    else if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString()!.Trim() is not { Length: > 0 } text || !CaseLimits.HasVisibleCharacter(text))
                    {
                        problems.Add(new RuleSetProblem(rule, where, "must be the guidance text for that match"));
                    }
                    else if (text.Length > PlaybookRuleSet.MaxGuidanceLength)
                    {
                        problems.Add(new RuleSetProblem(rule, where, $"is longer than {PlaybookRuleSet.MaxGuidanceLength} characters"));
                    }
                    else
                    {
                        result[match] = text;
                    }
                }

                break;
            default:
                problems.Add(new RuleSetProblem(rule, "Properties.openingGuidance", "must be an object such as { \"Reopened\": \"...\", \"Similar\": \"...\" }"));
                break;
        }

        return result;
    }

    private static DuePolicy? ReadDue(string rule, JsonElement? element, PlaybookAction? action, List<RuleSetProblem> problems)
    {
        if (element is not { ValueKind: JsonValueKind.Object } due)
        {
            problems.Add(new RuleSetProblem(rule, "Properties.due", "is required: an object with a policy, such as { \"policy\": \"None\" }"));
            return null;
        }

        var before = problems.Count;
        AddUnknown(rule, due, "Properties.due.", DueNames, problems);
        var kind = ReadEnum<DuePolicyKind>(rule, due, "policy", required: true, problems, "Properties.due.");
        var anchor = ReadEnum<CaseEventType>(rule, due, "anchor", required: false, problems, "Properties.due.");
        if (kind is null)
        {
            return null;
        }

        if (kind == DuePolicyKind.None)
        {
            if (action is not null and not PlaybookAction.None)
            {
                problems.Add(new RuleSetProblem(rule, "Properties.due.policy", "None gives no due date; only the None action may use it"));
            }

            return DuePolicy.None;
        }

        if (anchor is null && problems.Count == before)
        {
            problems.Add(new RuleSetProblem(rule, "Properties.due.anchor", $"is required for the {kind} policy: the event type the date counts from"));
        }

        var days = ReadInt(rule, due, "days", 0, 365, problems);
        var months = ReadInt(rule, due, "months", 0, 120, problems);
        var window = ReadInt(rule, due, "windowDays", 0, 365, problems);
        switch (kind)
        {
            case DuePolicyKind.BusinessDaysAfter or DuePolicyKind.RespondByOrBusinessDaysAfter or DuePolicyKind.DaysAfter when days < 1:
                problems.Add(new RuleSetProblem(rule, "Properties.due.days", $"must be from 1 to 365 for the {kind} policy"));
                break;
            case DuePolicyKind.MonthsAfter when months < 1:
                problems.Add(new RuleSetProblem(rule, "Properties.due.months", "must be from 1 to 120 for the MonthsAfter policy"));
                break;
        }

        if (kind == DuePolicyKind.RespondByOrBusinessDaysAfter && anchor is not null and not CaseEventType.OfferReceived)
        {
            problems.Add(new RuleSetProblem(rule, "Properties.due.anchor", "must be OfferReceived for the RespondByOrBusinessDaysAfter policy"));
        }

        return problems.Count != before ? null : new DuePolicy(kind.Value, anchor, days, months, window);
    }

    /// <summary>Reports each property the contract does not define, with the name probably meant, instead of ignoring it.</summary>
    private static void AddUnknown(string rule, JsonElement obj, string prefix, string[] known, List<RuleSetProblem> problems)
    {
        foreach (var (name, message) in KnownMembers.Unknown(obj, known))
        {
            problems.Add(new RuleSetProblem(rule, prefix + name, message));
        }
    }

    private static int ReadInt(string rule, JsonElement obj, string name, int min, int max, List<RuleSetProblem> problems)
    {
        switch (JsonMembers.Find(obj, name))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return 0;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var value) && value >= min && value <= max:
                return value;
            default:
                problems.Add(new RuleSetProblem(rule, "Properties.due." + name, $"must be a whole number from {min} to {max}"));
                return 0;
        }
    }

    private static T? ReadEnum<T>(string rule, JsonElement obj, string name, bool required, List<RuleSetProblem> problems, string prefix = "Properties.")
        where T : struct, Enum
    {
        switch (JsonMembers.Find(obj, name))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                if (required)
                {
                    problems.Add(new RuleSetProblem(rule, prefix + name, $"is required; one of {string.Join(", ", Enum.GetNames<T>())}"));
                }

                return null;
            case { ValueKind: JsonValueKind.String } s when Enum.TryParse<T>(s.GetString(), ignoreCase: true, out var value)
                && Enum.IsDefined(value) && !int.TryParse(s.GetString(), out _):
                return value;
            case var other:
                problems.Add(new RuleSetProblem(rule, prefix + name, $"'{other}' is not known; use one of {string.Join(", ", Enum.GetNames<T>())}"));
                return null;
        }
    }
}
