using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using SecondChance.Cases;
using SecondChance.Engine;
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

    /// <summary>
    /// The default rules' workflow name. A rule file that extends the default rules says so at its top
    /// with RulesEngine's own <c>"WorkflowsToInject": ["SecondChance.Default"]</c>, and then loads in
    /// <see cref="RuleSetMode.Extend"/> without being told.
    /// </summary>
    public const string DefaultWorkflowName = "SecondChance.Default";

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

    /// <summary>Gets how the workflow relates to the default rules: the mode asked for, or else the one the file declares.</summary>
    public RuleSetMode Mode { get; private init; }

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
    /// <param name="mode">
    /// Whether the workflow replaces the default rules or extends them; <see langword="null"/> (the default)
    /// takes what the file declares (<see cref="DefaultWorkflowName"/> in its <c>WorkflowsToInject</c> means extend), else replace.
    /// </param>
    /// <returns>The result; never throws for bad content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static RuleSetLoadResult Load(string json, RuleSetMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return RuleSetLoader.Load(json, mode);
    }

    /// <summary>Loads and checks a workflow from a stream of UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <param name="mode">
    /// Whether the workflow replaces the default rules or extends them; <see langword="null"/> (the default)
    /// takes what the file declares (<see cref="DefaultWorkflowName"/> in its <c>WorkflowsToInject</c> means extend), else replace.
    /// </param>
    /// <returns>The result; never throws for bad content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    public static RuleSetLoadResult Load(Stream utf8Json, RuleSetMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json, leaveOpen: true);
        return Load(reader.ReadToEnd(), mode);
    }

    /// <summary>Loads and checks a workflow from a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="mode">
    /// Whether the workflow replaces the default rules or extends them; <see langword="null"/> (the default)
    /// takes what the file declares (<see cref="DefaultWorkflowName"/> in its <c>WorkflowsToInject</c> means extend), else replace.
    /// </param>
    /// <returns>The result; a missing or unreadable file is reported as a problem, not thrown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    public static RuleSetLoadResult LoadFile(string path, RuleSetMode? mode = null)
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

    internal static PlaybookRuleSet Create(string name, PlaybookRule[] rules, string json, IReadOnlyList<RuleSetProblem> warnings, Func<CaseFacts, int>? firstMatch = null, RuleSetMode mode = RuleSetMode.Replace) =>
        new(name, rules, json, warnings) { _firstMatch = firstMatch, Mode = mode };

    private static string ReadDefaultJson()
    {
        using var stream = typeof(PlaybookRuleSet).Assembly.GetManifestResourceStream("SecondChance.Rules.DefaultWorkflow.json")
            ?? throw new InvalidOperationException("The default workflow is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
