using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using SecondChance.Cases;
using ReRule = RulesEngine.Models.Rule;

namespace SecondChance.Rules;

/// <summary>
/// An ordered, compiled set of rules that decides a case's next action: the first rule whose
/// expression matches decides. Built from a RulesEngine workflow (JSON), which stays the single
/// source of truth; every expression is parsed by RulesEngine's own parser, checked against the
/// sandbox, and compiled once. Immutable and thread-safe.
/// </summary>
public sealed class PlaybookRuleSet
{
    /// <summary>The maximum number of rules in a rule set.</summary>
    public const int MaxRules = 200;

    /// <summary>The maximum length of one rule expression, in characters.</summary>
    public const int MaxExpressionLength = 1000;

    /// <summary>The maximum nesting depth of one rule expression.</summary>
    public const int MaxExpressionDepth = ExpressionSandbox.MaxDepth;

    /// <summary>The maximum length of a rule's guidance, in characters.</summary>
    public const int MaxGuidanceLength = 2000;

    /// <summary>The name rule expressions use for the case's facts.</summary>
    public const string FactsParameterName = "facts";

    // Compiled on first use (a benign race compiles it twice); rule sets built only to be checked never need it.
    private Func<CaseFacts, int>? _firstMatch;

    private static readonly Lazy<PlaybookRuleSet> DefaultRuleSet = new(() => Load(ReadDefaultJson()).GetRuleSetOrThrow());

    private PlaybookRuleSet(string workflowName, PlaybookRule[] rules, string json, IReadOnlyList<RuleSetProblem> warnings)
    {
        WorkflowName = workflowName;
        RulesArray = rules;
        Json = json;
        Warnings = warnings;
    }

    /// <summary>Gets the playbook's default rules, embedded in the library.</summary>
    public static PlaybookRuleSet Default => DefaultRuleSet.Value;

    /// <summary>Gets the default workflow's JSON, a starting point for a custom rule set.</summary>
    public static string DefaultWorkflowJson => Default.Json;

    /// <summary>Gets the workflow's name.</summary>
    public string WorkflowName { get; }

    /// <summary>Gets the rules in the order they are checked.</summary>
    public IReadOnlyList<PlaybookRule> Rules => RulesArray;

    /// <summary>Gets the workflow JSON the rule set was built from (for an extended set, the custom workflow's JSON).</summary>
    public string Json { get; }

    /// <summary>Gets the warnings found when the rule set was loaded.</summary>
    public IReadOnlyList<RuleSetProblem> Warnings { get; }

    internal PlaybookRule[] RulesArray { get; }

    /// <summary>
    /// Gets all the rules compiled into one delegate that returns the index of the first rule that
    /// matches, or -1: one call per decision instead of one per rule, with the same expressions in the same order.
    /// </summary>
    internal Func<CaseFacts, int> FirstMatch => _firstMatch ??= RuleSetLoader.CompileFirstMatch(RulesArray);

    /// <summary>Loads and checks a workflow from JSON text, reporting every problem.</summary>
    /// <param name="json">A RulesEngine workflow in JSON, with this library's rule properties.</param>
    /// <param name="mode">Whether the workflow replaces the default rules or extends them.</param>
    /// <returns>The result; never throws for bad content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static RuleSetLoadResult Load(string json, RuleSetMode mode = RuleSetMode.Replace)
    {
        ArgumentNullException.ThrowIfNull(json);
        return RuleSetLoader.Load(json, mode);
    }

    /// <summary>Loads and checks a workflow from a stream of UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <param name="mode">Whether the workflow replaces the default rules or extends them.</param>
    /// <returns>The result; never throws for bad content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    public static RuleSetLoadResult Load(Stream utf8Json, RuleSetMode mode = RuleSetMode.Replace)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json, leaveOpen: true);
        return Load(reader.ReadToEnd(), mode);
    }

    /// <summary>Loads and checks a workflow from a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="mode">Whether the workflow replaces the default rules or extends them.</param>
    /// <returns>The result; a missing or unreadable file is reported as a problem, not thrown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public static RuleSetLoadResult LoadFile(string path, RuleSetMode mode = RuleSetMode.Replace)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new RuleSetLoadResult(null, [new RuleSetProblem(null, "file", $"cannot read '{path}': {ex.Message}")]);
        }

        return Load(text, mode);
    }

    /// <summary>Builds a RulesEngine workflow model of this rule set, for running it through RulesEngine itself.</summary>
    /// <returns>A new workflow whose rules take one parameter named <c>facts</c> of type <see cref="CaseFacts"/>.</returns>
    public Workflow ToWorkflow() => new()
    {
        WorkflowName = WorkflowName,
        Rules = RulesArray.Select(r => new ReRule
        {
            RuleName = r.Name,
            Expression = r.Expression,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
        }).ToList(),
    };

    internal static PlaybookRuleSet Create(string name, PlaybookRule[] rules, string json, IReadOnlyList<RuleSetProblem> warnings, Func<CaseFacts, int>? firstMatch = null) =>
        new(name, rules, json, warnings) { _firstMatch = firstMatch };

    private static string ReadDefaultJson()
    {
        using var stream = typeof(PlaybookRuleSet).Assembly.GetManifestResourceStream("SecondChance.Rules.DefaultWorkflow.json")
            ?? throw new InvalidOperationException("The default workflow is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses, checks and compiles workflows.</summary>
    private static class RuleSetLoader
    {
        private static readonly ParameterExpression FactsParameter = System.Linq.Expressions.Expression.Parameter(typeof(CaseFacts), FactsParameterName);

        public static RuleSetLoadResult Load(string json, RuleSetMode mode)
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

                var root = doc.RootElement;
                var workflowName = Get(root, "WorkflowName") is { ValueKind: JsonValueKind.String } wn ? wn.GetString()! : string.Empty;
                if (string.IsNullOrWhiteSpace(workflowName))
                {
                    problems.Add(new RuleSetProblem(null, "WorkflowName", "is required"));
                }

                if (Get(root, "Rules") is not { ValueKind: JsonValueKind.Array } rulesElement)
                {
                    problems.Add(new RuleSetProblem(null, "Rules", "is required and must be an array of rules"));
                    return new RuleSetLoadResult(null, problems);
                }

                var count = rulesElement.GetArrayLength();
                if (count == 0)
                {
                    problems.Add(new RuleSetProblem(null, "Rules", "must hold at least one rule"));
                }

                if (count > MaxRules)
                {
                    problems.Add(new RuleSetProblem(null, "Rules", $"holds {count} rules; at most {MaxRules} are allowed"));
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

                var rules = mode == RuleSetMode.Extend ? Merge(compiled, Default.RulesArray) : compiled.ToArray();
                var firstMatch = CompileFirstMatch(rules);
                RuleSetAnalyzer.Analyze(rules, firstMatch, problems);
                if (problems.Any(p => !p.IsWarning))
                {
                    return new RuleSetLoadResult(null, problems);
                }

                return new RuleSetLoadResult(Create(workflowName, rules, json, problems.ToArray(), firstMatch), problems);
            }
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

            var name = Get(element, "RuleName") is { ValueKind: JsonValueKind.String } n ? n.GetString()!.Trim() : string.Empty;
            if (name.Length == 0)
            {
                problems.Add(new RuleSetProblem(null, where + ".RuleName", "is required"));
                return null;
            }

            if (!names.Add(name))
            {
                problems.Add(new RuleSetProblem(name, "RuleName", "is used by more than one rule; names must be unique"));
                return null;
            }

            if (Get(element, "Enabled") is { ValueKind: JsonValueKind.False })
            {
                return null;
            }

            if (Get(element, "Rules") is { ValueKind: JsonValueKind.Array } || Get(element, "WorkflowsToInject") is { ValueKind: JsonValueKind.Array })
            {
                problems.Add(new RuleSetProblem(name, "Rules", "nested rules and injected workflows are not supported; write one expression per rule"));
                return null;
            }

            if (Get(element, "RuleExpressionType") is { ValueKind: JsonValueKind.String } ret
                && !string.Equals(ret.GetString(), nameof(RuleExpressionType.LambdaExpression), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new RuleSetProblem(name, "RuleExpressionType", "must be LambdaExpression"));
            }

            if (Get(element, "LocalParams") is { ValueKind: JsonValueKind.Array } || Get(element, "Actions") is { ValueKind: JsonValueKind.Object })
            {
                problems.Add(new RuleSetProblem(name, "LocalParams", "local parameters and rule actions are not supported"));
            }

            var expression = Get(element, "Expression") is { ValueKind: JsonValueKind.String } ex ? ex.GetString()! : string.Empty;
            var before = problems.Count;
            Expression? body = null;
            var factsRead = new SortedSet<string>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(expression))
            {
                problems.Add(new RuleSetProblem(name, "Expression", "is required"));
            }
            else if (expression.Length > MaxExpressionLength)
            {
                problems.Add(new RuleSetProblem(name, "Expression", $"is {expression.Length} characters long; at most {MaxExpressionLength} are allowed"));
            }
            else
            {
                body = ParseExpression(name, expression, factsRead, problems);
            }

            var properties = RulePropertiesReader.Read(name, Get(element, "Properties"), problems);
            if (problems.Count != before || body is null || properties is null)
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
            Expression body;
            try
            {
                // RulesEngine's own parser, so the language is exactly RulesEngine's; the tree is then sandboxed.
                var parser = new RuleExpressionParser(new ReSettings());
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

        /// <summary>
        /// Compiles <c>if (rule0) return 0; if (rule1) return 1; ... return -1;</c> from the rules' own
        /// trees. Every rule was parsed over the one shared parameter, so the bodies combine as they are.
        /// </summary>
        internal static Func<CaseFacts, int> CompileFirstMatch(PlaybookRule[] rules)
        {
            var ret = System.Linq.Expressions.Expression.Label(typeof(int), "matched");
            var statements = new List<Expression>(rules.Length + 1);
            for (var i = 0; i < rules.Length; i++)
            {
                statements.Add(System.Linq.Expressions.Expression.IfThen(rules[i].Body, System.Linq.Expressions.Expression.Return(ret, System.Linq.Expressions.Expression.Constant(i))));
            }

            statements.Add(System.Linq.Expressions.Expression.Label(ret, System.Linq.Expressions.Expression.Constant(-1)));
            return System.Linq.Expressions.Expression.Lambda<Func<CaseFacts, int>>(System.Linq.Expressions.Expression.Block(statements), FactsParameter).Compile();
        }

        private static void ValidateWithRulesEngine(string workflowName, List<PlaybookRule> rules, List<RuleSetProblem> problems)
        {
            if (rules.Count == 0 || string.IsNullOrWhiteSpace(workflowName))
            {
                return;
            }

            // RulesEngine's structural validation of the workflow, so a set that loads here also loads there.
            var workflow = Create(workflowName, [.. rules], string.Empty, []).ToWorkflow();
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

    internal static JsonElement? Get(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
