using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Rules;
using SecondChance.Scheduling;
using SecondChance.Validation;

namespace SecondChance.Decisions;

/// <summary>
/// The outcome of deciding a case: either the next action with the rule that chose it and the facts
/// it read, or the reasons the case is invalid. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A value type, so deciding a case allocates nothing: a nightly sweep over millions of cases leaves
/// no garbage behind. Copies are cheap (a few references and dates) and all refer to the same case.
/// <c>default(Decision)</c> is not a decision: it is invalid and its <see cref="Errors"/> say so.
/// </remarks>
public readonly struct Decision : IEquatable<Decision>
{
    private static readonly CaseError[] NotADecision = [new CaseError("$", "this is default(Decision), not a decision made by an engine")];

    // The rule for a valid decision, the errors (IReadOnlyList<CaseError>) for an invalid one.
    private readonly object? _outcome;

    // The facts, when the engine kept them (planning), else the level as the engine spells it, to fold them from.
    private readonly object? _factsOrLevel;
    private readonly DueWindow _due;
    private readonly bool _overdue;

    /// <summary>Creates a valid decision; with <paramref name="facts"/> <see langword="null"/>, the facts are folded from the case (at <paramref name="level"/>) when read.</summary>
    internal Decision(RunnerUpCase @case, LocalDate today, PlaybookRule rule, CaseFacts? facts, string level, DueWindow due)
    {
        Case = @case;
        Today = today;
        _outcome = rule;
        _factsOrLevel = (object?)facts ?? level;
        _due = due;
        _overdue = (due.Flags & DueWindow.HasDue) != 0 && DateKey.Of(today) > DateKey.Of(due.Due);
    }

    internal Decision(RunnerUpCase @case, LocalDate today, IReadOnlyList<CaseError> errors)
    {
        Case = @case;
        Today = today;
        _outcome = errors;
    }

    /// <summary>Gets the case that was decided; <see langword="null"/> only for <c>default(Decision)</c>.</summary>
    public RunnerUpCase Case { get; }

    /// <summary>Gets the date the decision was made for, in the case's time zone.</summary>
    public LocalDate Today { get; }

    /// <summary>Gets whether the case was valid; when not, <see cref="Errors"/> says why and there is no next action.</summary>
    public bool IsValid => _outcome is PlaybookRule;

    /// <summary>Gets what is wrong with the case; empty when it is valid.</summary>
    public IReadOnlyList<CaseError> Errors => _outcome switch
    {
        PlaybookRule => Array.Empty<CaseError>(),
        IReadOnlyList<CaseError> errors => errors,
        _ => NotADecision,
    };

    /// <summary>Gets the rule that decided; <see langword="null"/> for an invalid case.</summary>
    public PlaybookRule? Rule => _outcome as PlaybookRule;

    /// <summary>Gets the due date, when the action has one.</summary>
    public LocalDate? DueOn => (_due.Flags & DueWindow.HasDue) != 0 ? _due.Due : null;

    /// <summary>Gets the first day of the on-time window, when the action has one.</summary>
    public LocalDate? WindowStart => (_due.Flags & DueWindow.AroundDue) != 0
        ? _due.Due.PlusDays(-((PlaybookRule)_outcome!).Due.WindowDays)
        : (_due.Flags & DueWindow.HasStart) != 0 ? _due.Start : null;

    /// <summary>Gets the last day of the on-time window, when the action has one.</summary>
    public LocalDate? WindowEnd => (_due.Flags & DueWindow.AroundDue) != 0
        ? _due.Due.PlusDays(((PlaybookRule)_outcome!).Due.WindowDays)
        : (_due.Flags & DueWindow.HasEnd) != 0 ? _due.End : null;

    /// <summary>Gets whether today is after the due date.</summary>
    public bool IsOverdue => _overdue;

    /// <summary>Gets the next action (the JSON contract).</summary>
    /// <exception cref="InvalidOperationException">The case is invalid; check <see cref="IsValid"/> first.</exception>
    public NextAction Next
    {
        get
        {
            var rule = _outcome as PlaybookRule ?? throw new InvalidOperationException("The case is invalid, so there is no next action: " + string.Join("; ", Errors));
            return new NextAction(rule.Step, rule.Action, rule.Covers, DueOn, WindowStart, WindowEnd, IsOverdue, rule.Name, rule.GuidanceFor(Case));
        }
    }

    /// <summary>Gets the facts the deciding rule read, with their values for this case; empty for an invalid case.</summary>
    public IReadOnlyList<FactValue> FactsRead
    {
        get
        {
            if (_outcome is not PlaybookRule rule || Facts is not { } facts)
            {
                return Array.Empty<FactValue>();
            }

            return rule.FactsRead.Select(name => new FactValue(name, facts.ValueOf(name))).ToArray();
        }
    }

    /// <summary>
    /// Gets the facts this decision was made on; <see langword="null"/> for an invalid case. Unless the
    /// decision came from a plan, they are folded from the case's events on each read, so keep the result
    /// rather than reading it repeatedly.
    /// </summary>
    public CaseFacts? Facts => _outcome is not PlaybookRule
        ? null
        : _factsOrLevel as CaseFacts ?? CaseFacts.Fold(Case.Events, Case.Events.Count, _factsOrLevel as string ?? Case.Level.Name, out _);

    /// <summary>Explains the decision in one or two sentences: the rule, its expression, the facts it read and the date.</summary>
    /// <returns>The explanation, or the errors for an invalid case.</returns>
    public string Explain()
    {
        if (_outcome is not PlaybookRule rule)
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
    /// Gets whether <paramref name="other"/> decided the same case object on the same day with the same
    /// outcome: the same rule and dates, or errors equal one by one (field and message).
    /// </summary>
    /// <param name="other">The decision to compare with.</param>
    /// <returns><see langword="true"/> when they are the same decision.</returns>
    public bool Equals(Decision other) =>
        ReferenceEquals(Case, other.Case) && Today == other.Today && SameOutcome(other)
        && _due == other._due;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Decision other && Equals(other);

    private bool SameOutcome(Decision other) =>
        ReferenceEquals(_outcome, other._outcome)
        || (_outcome is IReadOnlyList<CaseError> errors && other._outcome is IReadOnlyList<CaseError> otherErrors && errors.SequenceEqual(otherErrors));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Case is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Case), Today, _outcome is PlaybookRule rule ? System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(rule) : Errors.Count, _due);

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
