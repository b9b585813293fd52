using SecondChance.Cases;
using SecondChance.Engine;

namespace SecondChance.Rules;

/// <summary>
/// One compiled rule of a <see cref="PlaybookRuleSet"/>: when its expression matches a case's facts,
/// it decides the next action, the playbook steps that action covers, and how its due date is computed.
/// Immutable and thread-safe.
/// </summary>
public sealed class PlaybookRule
{
    // Compiled on first use only: deciding uses the rule set's one compiled first-match delegate.
    private Func<CaseFacts, bool>? _predicate;

    internal PlaybookRule(
        string name,
        string expression,
        int? step,
        PlaybookAction action,
        int[] covers,
        DuePolicy due,
        CaseEventType? completedBy,
        string guidance,
        string[] factsRead,
        System.Linq.Expressions.ParameterExpression facts,
        System.Linq.Expressions.Expression body)
    {
        Name = name;
        Expression = expression;
        Step = step;
        Action = action;
        CoversArray = covers;
        Due = due;
        DueSpec = ToSpec(due);
        CompletedBy = completedBy;
        Guidance = guidance;
        FactsRead = factsRead;
        FactsParameter = facts;
        Body = body;
    }

    /// <summary>Gets the rule's unique name (the <c>rule</c> field of a next action).</summary>
    public string Name { get; }

    /// <summary>Gets the rule's expression in RulesEngine's expression language, over <c>facts</c>.</summary>
    public string Expression { get; }

    /// <summary>Gets the playbook step (1 to 10) the action belongs to; <see langword="null"/> when nothing is left to do.</summary>
    public int? Step { get; }

    /// <summary>Gets the action the rule decides.</summary>
    public PlaybookAction Action { get; }

    /// <summary>Gets the playbook steps the action covers, in order.</summary>
    public IReadOnlyList<int> Covers => CoversArray;

    /// <summary>Gets how the due date is computed.</summary>
    public DuePolicy Due { get; }

    /// <summary>Gets the event that records the action as done, used to project the plan; <see langword="null"/> when the next move is the employer's.</summary>
    public CaseEventType? CompletedBy { get; }

    /// <summary>Gets the guidance shown to the candidate.</summary>
    public string Guidance { get; }

    /// <summary>
    /// Gets guidance per match of the latest opening seen (the rule's <c>openingGuidance</c> property), used
    /// instead of <see cref="Guidance"/> when the case has an <see cref="OpeningSeen"/> event of that match.
    /// </summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<OpeningMatch, string> OpeningGuidance { get; internal init; } = new Dictionary<OpeningMatch, string>();

    /// <summary>Gets the names of the <see cref="CaseFacts"/> members the expression reads.</summary>
    public IReadOnlyList<string> FactsRead { get; }

    internal int[] CoversArray { get; }

    /// <summary>Gets <see cref="Due"/> in the engine's terms.</summary>
    internal DueSpec DueSpec { get; }

    /// <summary>Gets the expression's parsed and sandboxed tree, over the rule set's shared <c>facts</c> parameter.</summary>
    internal System.Linq.Expressions.Expression Body { get; }

    /// <summary>Gets the <c>facts</c> parameter <see cref="Body"/> is written over.</summary>
    internal System.Linq.Expressions.ParameterExpression FactsParameter { get; }

    /// <summary>Evaluates this rule alone (a benign race may compile it twice).</summary>
    internal bool Matches(CaseFacts facts) =>
        (_predicate ??= System.Linq.Expressions.Expression.Lambda<Func<CaseFacts, bool>>(Body, FactsParameter).Compile())(facts);

    /// <summary>
    /// Returns the guidance for <paramref name="case"/>: the <see cref="OpeningGuidance"/> for the match of
    /// its latest <see cref="OpeningSeen"/> event when the rule has one, else <see cref="Guidance"/>; in
    /// either, <c>{opening}</c> becomes the opening's title in quotes (with its address when known).
    /// </summary>
    /// <param name="case">The case the rule decided.</param>
    /// <returns>The text to show the candidate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="case"/> is <see langword="null"/>.</exception>
    public string GuidanceFor(RunnerUpCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var text = Guidance;
        if (OpeningGuidance.Count == 0 && !text.Contains(OpeningPlaceholder, StringComparison.Ordinal))
        {
            return text;
        }

        OpeningSeen? latest = null;
        var events = @case.Events ?? Array.Empty<CaseEvent>();
        for (var i = events.Count - 1; i >= 0 && latest is null; i--)
        {
            latest = events[i] as OpeningSeen;
        }

        if (latest is not null && OpeningGuidance.TryGetValue(latest.Match, out var specific))
        {
            text = specific;
        }

        var named = latest is null ? "the opening" : latest.Url is null ? $"\u201c{latest.Title}\u201d" : $"\u201c{latest.Title}\u201d ({latest.Url})";
        return text.Replace(OpeningPlaceholder, named, StringComparison.Ordinal);
    }

    private const string OpeningPlaceholder = "{opening}";

    /// <inheritdoc />
    public override string ToString() => Name;

    private static DueSpec ToSpec(DuePolicy due) => due.Kind switch
    {
        DuePolicyKind.OnEventDate => new(DueShape.OnAnchor, due.Anchor, 0, 0, 0, false),
        DuePolicyKind.BusinessDaysAfter => new(DueShape.BusinessDaysAfter, due.Anchor, due.Days, 0, 0, false),
        DuePolicyKind.RespondByOrBusinessDaysAfter => new(DueShape.BusinessDaysAfter, due.Anchor, due.Days, 0, 0, true),
        DuePolicyKind.LevelMonthsAfter => new(DueShape.MonthsAfter, due.Anchor, 0, DueSpec.LevelValue, due.WindowDays, false),
        DuePolicyKind.MonthsAfter => new(DueShape.MonthsAfter, due.Anchor, 0, due.Months, due.WindowDays, false),
        DuePolicyKind.LevelWaitAfter => new(DueShape.DaysAfter, due.Anchor, DueSpec.LevelValue, 0, 0, false),
        DuePolicyKind.DaysAfter => new(DueShape.DaysAfter, due.Anchor, due.Days, 0, 0, false),
        _ => new(DueShape.None, null, 0, 0, 0, false),
    };
}
