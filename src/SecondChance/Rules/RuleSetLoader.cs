using System.Linq.Expressions;
using System.Text.Json;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using SecondChance.Engine;
using SecondChance.Validation;

namespace SecondChance.Rules;

/// <summary>Parses, checks and compiles workflows.</summary>
internal static class RuleSetLoader
{
    // One parser per thread, kept: building one sets up its settings and type provider each time,
    // which cost more than parsing the expression itself.
    [ThreadStatic]
    private static RuleExpressionParser? t_parser;

    private static readonly ParameterExpression FactsParameter = System.Linq.Expressions.Expression.Parameter(typeof(CaseFacts), PlaybookRuleSet.FactsParameterName);

    private static RuleExpressionParser Parser => t_parser ??= new RuleExpressionParser(new ReSettings());

    /// <summary>The message for a name or text made only of control, zero-width or other invisible characters.</summary>
    internal const string InvisibleName = "must hold visible characters, not only control or zero-width ones";

    /// <summary>The workflow members read here; <c>RuleExpressionType</c> must say lambda, <c>WorkflowsToInject</c> may name only the default rules.</summary>
    private static readonly string[] WorkflowMembers = ["WorkflowName", "WorkflowsToInject", "RuleExpressionType", "Rules"];

    /// <summary>The rule members read here.</summary>
    private static readonly string[] RuleMembers = ["RuleName", "Expression", "RuleExpressionType", "Properties", "Enabled"];

    /// <summary>RulesEngine's workflow members this library does not evaluate, with why: refused rather than silently ignored.</summary>
    private static readonly (string Name, string Message)[] NotEvaluatedWorkflowMembers =
    [
        ("GlobalParams", "global parameters are not supported: write the condition into each rule's Expression, over the facts"),
        ("WorkflowRulesToInject", "is not supported: to extend the default rules, use \"WorkflowsToInject\": [\"" + PlaybookRuleSet.DefaultWorkflowName + "\"]"),
    ];

    /// <summary>RulesEngine's rule members this library does not evaluate, with why: refused rather than silently ignored.</summary>
    private static readonly (string Name, string Message)[] NotEvaluatedRuleMembers =
    [
        ("LocalParams", "local parameters are not supported: write the condition into Expression, over the facts"),
        ("Actions", "rule actions are not run: what a matching rule yields is its Properties (action, due, guidance)"),
        ("SuccessEvent", "is not used: what a matching rule yields is its Properties (action, due, guidance)"),
        ("ErrorMessage", "is not used: a rule that does not match is not an error; the next rule is checked"),
        ("ErrorType", "is not used: a rule that does not match is not an error; the next rule is checked"),
        ("Operator", "nested rules are not supported; write one expression per rule"),
        ("Rules", "nested rules are not supported; write one expression per rule"),
        ("WorkflowsToInject", "injected workflows are not supported inside a rule; write one expression per rule"),
        ("WorkflowRulesToInject", "injected workflows are not supported inside a rule; write one expression per rule"),
    ];

    public static RuleSetLoadResult Load(string json, RuleSetMode? asked)
    {
        var problems = new List<RuleSetProblem>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return Fail(new RuleSetProblem(null, "json", $"malformed JSON (line {(ex.LineNumber ?? 0) + 1}): {FirstSentence(ex.Message)}"));
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail(new RuleSetProblem(null, "json", "the workflow must be a JSON object"));
            }

            if (JsonText.FindInvalid(doc.RootElement, "$") is { } invalidText)
            {
                return Fail(new RuleSetProblem(null, invalidText.Field, invalidText.Message));
            }

            var root = doc.RootElement;
            CheckMembers(null, root, WorkflowMembers, NotEvaluatedWorkflowMembers, problems);
            var declared = DeclaredMode(root, problems);
            if (asked == RuleSetMode.Replace && declared == RuleSetMode.Extend)
            {
                problems.Add(new RuleSetProblem(null, "WorkflowsToInject", $"the file extends {PlaybookRuleSet.DefaultWorkflowName}, but replace mode was asked for; load it in extend mode or without a mode"));
            }

            var mode = asked ?? declared ?? RuleSetMode.Replace;
            var workflowName = JsonMembers.Find(root, "WorkflowName") is { ValueKind: JsonValueKind.String } wn ? wn.GetString()! : string.Empty;
            if (string.IsNullOrWhiteSpace(workflowName))
            {
                problems.Add(new RuleSetProblem(null, "WorkflowName", "is required"));
            }
            else if (!CaseLimits.HasVisibleCharacter(workflowName))
            {
                problems.Add(new RuleSetProblem(null, "WorkflowName", InvisibleName));
            }

            if (JsonMembers.Find(root, "Rules") is not { ValueKind: JsonValueKind.Array } rulesElement)
            {
                problems.Add(new RuleSetProblem(null, "Rules", "is required and must be an array of rules"));
                return new RuleSetLoadResult(null, problems);
            }

            var count = rulesElement.GetArrayLength();
            if (count == 0)
            {
                problems.Add(new RuleSetProblem(null, "Rules", "must hold at least one rule"));
            }

            if (count > PlaybookRuleSet.MaxRules)
            {
                problems.Add(new RuleSetProblem(null, "Rules", $"holds {count} rules; at most {PlaybookRuleSet.MaxRules} are allowed"));
                return new RuleSetLoadResult(null, problems);
            }

            var compiled = new List<PlaybookRule>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var ruleElement in rulesElement.EnumerateArray())
            {
                var rule = CompileRule(ruleElement, index++, names, problems);
                if (rule is not null)
                {
                    compiled.Add(rule);
                }
            }

            ValidateWithRulesEngine(workflowName, compiled, problems);

            if (problems.Any(p => !p.IsWarning))
            {
                return new RuleSetLoadResult(null, problems);
            }

            var rules = mode == RuleSetMode.Extend ? Merge(compiled, PlaybookRuleSet.Default.RulesArray) : compiled.ToArray();
            var firstMatch = CompileFirstMatch(rules);
            RuleSetAnalyzer.Analyze(rules, firstMatch, problems);
            if (problems.Any(p => !p.IsWarning))
            {
                if (mode == RuleSetMode.Replace && declared is null && RuleSetAnalyzer.HasUndecidedStage(problems) && ExtendsCleanly(compiled))
                {
                    problems.Add(new RuleSetProblem(null, "Rules", $"this file looks like an extension of the default rules: load it in extend mode (--rules-mode extend), or declare \"WorkflowsToInject\": [\"{PlaybookRuleSet.DefaultWorkflowName}\"] at its top"));
                }

                return new RuleSetLoadResult(null, problems);
            }

            return new RuleSetLoadResult(PlaybookRuleSet.Create(workflowName, rules, json, problems.ToArray(), firstMatch, mode), problems);
        }
    }

    /// <summary>
    /// Refuses RulesEngine members this library does not evaluate (unless absent, null or empty), naming the
    /// rule and member, and reports members no contract defines, with the name probably meant.
    /// </summary>
    private static void CheckMembers(string? rule, JsonElement obj, string[] known, (string Name, string Message)[] notEvaluated, List<RuleSetProblem> problems)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (known.Any(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var refused = Array.Find(notEvaluated, n => string.Equals(n.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (refused.Name is null)
            {
                problems.Add(new RuleSetProblem(rule, property.Name, KnownMembers.Message(property.Name, known)));
            }
            else if (!IsEmpty(property.Value))
            {
                problems.Add(new RuleSetProblem(rule, refused.Name, refused.Message));
            }
        }

        if (JsonMembers.Find(obj, "RuleExpressionType") is { } type && !IsLambda(type))
        {
            problems.Add(new RuleSetProblem(rule, "RuleExpressionType", "must be LambdaExpression, the only kind of expression evaluated here"));
        }
    }

    /// <summary>Whether a member says nothing: null, an empty string, array or object (as serialisers write unused members).</summary>
    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        _ => false,
    };

    private static bool IsLambda(JsonElement type) => type.ValueKind == JsonValueKind.Null
        || (type.ValueKind == JsonValueKind.String && string.Equals(type.GetString(), nameof(RuleExpressionType.LambdaExpression), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the top-level <c>WorkflowsToInject</c>: naming the default workflow declares an extension.</summary>
    private static RuleSetMode? DeclaredMode(JsonElement root, List<RuleSetProblem> problems)
    {
        switch (JsonMembers.Find(root, "WorkflowsToInject"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.Array } names when names.GetArrayLength() == 0:
                return RuleSetMode.Replace;
            case { ValueKind: JsonValueKind.Array } names when names.GetArrayLength() == 1
                && names[0] is { ValueKind: JsonValueKind.String } only && only.GetString() == PlaybookRuleSet.DefaultWorkflowName:
                return RuleSetMode.Extend;
            default:
                problems.Add(new RuleSetProblem(null, "WorkflowsToInject", $"may only name the default rules: [\"{PlaybookRuleSet.DefaultWorkflowName}\"] (or be empty)"));
                return null;
        }
    }

    /// <summary>Whether the rules, checked before the default ones, leave no stage undecided.</summary>
    private static bool ExtendsCleanly(List<PlaybookRule> compiled)
    {
        var rules = Merge(compiled, PlaybookRuleSet.Default.RulesArray);
        var trial = new List<RuleSetProblem>();
        RuleSetAnalyzer.Analyze(rules, CompileFirstMatch(rules), trial);
        return !trial.Any(p => !p.IsWarning);
    }

    private static PlaybookRule[] Merge(List<PlaybookRule> custom, PlaybookRule[] defaults)
    {
        var byName = custom.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var replaced = defaults.Select(d => byName.Remove(d.Name, out var c) ? c : d).ToList();
        return [.. custom.Where(c => byName.ContainsKey(c.Name)), .. replaced];
    }

    private static PlaybookRule? CompileRule(JsonElement element, int index, HashSet<string> names, List<RuleSetProblem> problems)
    {
        var where = $"Rules[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RuleSetProblem(null, where, "must be a JSON object"));
            return null;
        }

        var name = JsonMembers.Find(element, "RuleName") is { ValueKind: JsonValueKind.String } n ? n.GetString()!.Trim() : string.Empty;
        if (name.Length == 0)
        {
            problems.Add(new RuleSetProblem(null, where + ".RuleName", "is required"));
            return null;
        }

        if (!CaseLimits.HasVisibleCharacter(name))
        {
            problems.Add(new RuleSetProblem(null, where + ".RuleName", InvisibleName));
            return null;
        }

        if (!names.Add(name))
        {
            problems.Add(new RuleSetProblem(name, "RuleName", "is used by more than one rule; names must be unique"));
            return null;
        }

        CheckMembers(name, element, RuleMembers, NotEvaluatedRuleMembers, problems);
        var disabled = false;
        switch (JsonMembers.Find(element, "Enabled"))
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.True }:
                break;
            case { ValueKind: JsonValueKind.False }:
                // Checked like any rule, so turning it back on cannot surprise; then left out.
                disabled = true;
                problems.Add(new RuleSetProblem(name, "Enabled", "is false: the rule is checked but never decides; remove it, or set Enabled to true", IsWarning: true));
                break;
            default:
                problems.Add(new RuleSetProblem(name, "Enabled", "must be true or false"));
                break;
        }

        var expression = JsonMembers.Find(element, "Expression") is { ValueKind: JsonValueKind.String } ex ? ex.GetString()! : string.Empty;
        var before = problems.Count;
        Expression? body = null;
        var factsRead = new SortedSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(expression))
        {
            problems.Add(new RuleSetProblem(name, "Expression", "is required"));
        }
        else if (expression.Length > PlaybookRuleSet.MaxExpressionLength)
        {
            problems.Add(new RuleSetProblem(name, "Expression", $"is {expression.Length} characters long; at most {PlaybookRuleSet.MaxExpressionLength} are allowed"));
        }
        else
        {
            body = ParseExpression(name, expression, factsRead, problems);
        }

        var properties = RulePropertiesReader.Read(name, JsonMembers.Find(element, "Properties"), problems);
        if (problems.Count != before || body is null || properties is null)
        {
            return null;
        }

        if (disabled)
        {
            return null;
        }

        var p = properties.Value;
        return new PlaybookRule(name, expression, p.Step, p.Action, p.Covers, p.Due, p.CompletedBy, p.Guidance, [.. factsRead], FactsParameter, body)
        {
            OpeningGuidance = p.OpeningGuidance,
        };
    }

    private static Expression? ParseExpression(string rule, string expression, ISet<string> factsRead, List<RuleSetProblem> problems)
    {
        if (ExpressionSandbox.CheckNesting(expression) is { } tooDeep)
        {
            problems.Add(new RuleSetProblem(rule, "Expression", $"is refused by the sandbox: {tooDeep}"));
            return null;
        }

        Expression body;
        try
        {
            // RulesEngine's own parser, so the language is exactly RulesEngine's; the tree is then sandboxed.
            var parser = Parser;
            var parsed = parser.Parse(expression, [FactsParameter], typeof(bool));
            body = parsed is LambdaExpression l ? l.Body : parsed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add(new RuleSetProblem(rule, "Expression", $"does not compile against the facts: {FirstSentence(ex.Message)}"));
            return null;
        }

        var refusal = ExpressionSandbox.Check(body, FactsParameter, factsRead);
        if (refusal is not null)
        {
            problems.Add(new RuleSetProblem(rule, "Expression", $"is refused by the sandbox: {refusal}"));
            return null;
        }

        return body;
    }

    internal static Func<CaseFacts, int> CompileFirstMatch(PlaybookRule[] rules) =>
        FirstMatchCompiler.Compile<CaseFacts>(rules.Select(r => r.Body).ToArray(), FactsParameter);

    private static void ValidateWithRulesEngine(string workflowName, List<PlaybookRule> rules, List<RuleSetProblem> problems)
    {
        if (rules.Count == 0 || string.IsNullOrWhiteSpace(workflowName))
        {
            return;
        }

        // RulesEngine's structural validation of the workflow, so a set that loads here also loads there.
        var workflow = PlaybookRuleSet.Create(workflowName, [.. rules], string.Empty, []).ToWorkflow();
        try
        {
            _ = new RulesEngine.RulesEngine([workflow], new ReSettings());
        }
        catch (Exception ex) when (ex is RulesEngine.Exceptions.RuleValidationException or FluentValidation.ValidationException or ArgumentException)
        {
            problems.Add(new RuleSetProblem(null, "workflow", $"RulesEngine rejected the workflow: {FirstSentence(ex.Message)}"));
        }
    }

    private static RuleSetLoadResult Fail(RuleSetProblem problem) => new(null, [problem]);

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }
}
