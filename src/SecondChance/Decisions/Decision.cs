using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Rules;
using SecondChance.Engine;
using SecondChance.Validation;

namespace SecondChance.Decisions;

/// <summary>
/// The outcome of deciding a case: either the next action with the rule that chose it, or the reasons
/// the case is invalid. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A value type, so deciding a case allocates nothing: a nightly sweep over millions of cases leaves
/// no garbage behind. Copies are cheap (a few references and dates) and all refer to the same case.
/// <c>default(Decision)</c> is not a decision: it is invalid and its <see cref="Errors"/> say so.
/// </remarks>
public readonly struct Decision : IEquatable<Decision>
{
    private static readonly CaseError[] NotADecision = [new CaseError("$", "this is default(Decision), not a decision made by an engine")];

    private readonly PlaybookRule? _rule;
    private readonly IReadOnlyList<CaseError>? _errors;

    // The level as the engine spells it, to fold the facts from when they are asked for.
    private readonly string? _level;
    private readonly DueWindow _due;

    /// <summary>Creates a valid decision.</summary>
    internal Decision(RunnerUpCase @case, LocalDate today, PlaybookRule rule, string level, DueWindow due)
    {
        Case = @case;
        Today = today;
        _rule = rule;
        _level = level;
        _due = due;
    }

    internal Decision(RunnerUpCase @case, LocalDate today, IReadOnlyList<CaseError> errors)
    {
        Case = @case;
        Today = today;
        _errors = errors;
    }

    /// <summary>Gets the case that was decided; <see langword="null"/> only for <c>default(Decision)</c>.</summary>
    public RunnerUpCase Case { get; }

    /// <summary>Gets the date the decision was made for, in the case's time zone.</summary>
    public LocalDate Today { get; }

    /// <summary>Gets whether the case was valid; when not, <see cref="Errors"/> says why and there is no next action.</summary>
    public bool IsValid => _rule is not null;

    /// <summary>Gets what is wrong with the case; empty when it is valid.</summary>
    public IReadOnlyList<CaseError> Errors => _rule is not null ? Array.Empty<CaseError>() : _errors ?? NotADecision;

    /// <summary>Gets the rule that decided; <see langword="null"/> for an invalid case.</summary>
    public PlaybookRule? Rule => _rule;

    /// <summary>Gets the due date, when the action has one.</summary>
    public LocalDate? DueOn => _due.HasDueDate ? _due.Due : null;

    /// <summary>Gets the first day of the on-time window, when the action has one.</summary>
    public LocalDate? WindowStart => _due.StartOn(_rule?.Due.WindowDays ?? 0);

    /// <summary>Gets the last day of the on-time window, when the action has one.</summary>
    public LocalDate? WindowEnd => _due.EndOn(_rule?.Due.WindowDays ?? 0);

    /// <summary>Gets whether today is after the due date.</summary>
    public bool IsOverdue => _due.HasDueDate && Today > _due.Due;

    /// <summary>Gets the next action (the JSON contract).</summary>
    /// <exception cref="InvalidOperationException">The case is invalid; check <see cref="IsValid"/> first.</exception>
    public NextAction Next
    {
        get
        {
            var rule = _rule ?? throw new InvalidOperationException("The case is invalid, so there is no next action: " + string.Join("; ", Errors));
            return new NextAction(rule.Step, rule.Action, rule.Covers, DueOn, WindowStart, WindowEnd, IsOverdue, rule.Name, rule.GuidanceFor(Case));
        }
    }

    /// <summary>Gets the facts the deciding rule read, with their values for this case; empty for an invalid case.</summary>
    public IReadOnlyList<FactValue> FactsRead =>
        _rule is { } rule && GetFacts() is { } facts
            ? rule.FactsRead.Select(name => new FactValue(name, facts.TextOf(name))).ToArray()
            : Array.Empty<FactValue>();

    /// <summary>
    /// Folds the facts this decision was made on from the case's events; <see langword="null"/> for an
    /// invalid case. Deciding does not keep them (so it allocates nothing): each call folds afresh.
    /// </summary>
    /// <returns>A new facts object, with the level spelled as the engine spells it.</returns>
    public CaseFacts? GetFacts() => _rule is null
        ? null
        : CaseFacts.Fold(Case.Events, Case.Events.Count, _level ?? Case.Level.Name, out _);

    /// <summary>Explains the decision in one or two sentences: the rule, its expression, the facts it read and the date.</summary>
    /// <returns>The explanation, or the errors for an invalid case.</returns>
    public string Explain()
    {
        if (_rule is not { } rule)
        {
            return "The case is invalid: " + string.Join("; ", Errors);
        }

        var facts = string.Join(", ", FactsRead);
        var text = $"Rule '{rule.Name}' matched ({rule.Expression}) with {facts}.";
        if (DueOn is { } due)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" Due {LocalDatePattern.Iso.Format(due)} by policy {rule.Due.Kind}");
            text += rule.Due.Anchor is { } anchor ? $" from {anchor}." : ".";
        }

        return text;
    }

    /// <summary>
    /// Gets whether <paramref name="other"/> is the same decision by value: equal cases (see
    /// <see cref="RunnerUpCase.Equals(RunnerUpCase)"/>) decided on the same day with the same outcome, that
    /// is the same rule (by name) and dates, or errors equal one by one (field and message).
    /// </summary>
    /// <param name="other">The decision to compare with.</param>
    /// <returns><see langword="true"/> when they are the same decision.</returns>
    public bool Equals(Decision other) =>
        Today == other.Today && _due == other._due && SameOutcome(other) && Equals(Case, other.Case);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Decision other && Equals(other);

    private bool SameOutcome(Decision other) => (_rule, other._rule) switch
    {
        ({ } a, { } b) => ReferenceEquals(a, b) || (a.Name == b.Name && a.Step == b.Step && a.Action == b.Action && a.Due == b.Due),
        (null, null) => Errors.SequenceEqual(other.Errors),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Case, Today, _rule?.Name, _rule is null ? Errors.Count : 0, _due);

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"{Next.Action} ({Next.Rule})" : "invalid: " + string.Join("; ", Errors);

    /// <summary>Compares two decisions with <see cref="Equals(Decision)"/>.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when they are the same decision.</returns>
    public static bool operator ==(Decision left, Decision right) => left.Equals(right);

    /// <summary>Compares two decisions with <see cref="Equals(Decision)"/>.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when they are not the same decision.</returns>
    public static bool operator !=(Decision left, Decision right) => !left.Equals(right);
}
