using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SecondChance.Cases;
using SecondChance.Rules;
using SecondChance.Validation;

namespace SecondChance.Decisions;

/// <summary>
/// The outcome of deciding a case: either the next action with the rule that chose it and the facts
/// it read, or the reasons the case is invalid. Immutable and thread-safe.
/// </summary>
public sealed class Decision
{
    private readonly PlaybookRule? _rule;
    private readonly string? _level;
    private readonly IReadOnlyList<CaseError> _errors;
    private CaseFacts? _facts;

    /// <summary>Creates a decision; with <paramref name="facts"/> <see langword="null"/>, the facts are folded from the case (at <paramref name="level"/>) when first read.</summary>
    internal Decision(RunnerUpCase @case, LocalDate today, PlaybookRule rule, CaseFacts? facts, string level, LocalDate? dueOn, LocalDate? windowStart, LocalDate? windowEnd)
    {
        Case = @case;
        Today = today;
        _rule = rule;
        _facts = facts;
        _level = level;
        DueOn = dueOn;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        _errors = Array.Empty<CaseError>();
    }

    internal Decision(RunnerUpCase @case, LocalDate today, IReadOnlyList<CaseError> errors)
    {
        Case = @case;
        Today = today;
        _errors = errors;
    }

    /// <summary>Gets the case that was decided.</summary>
    public RunnerUpCase Case { get; }

    /// <summary>Gets the date the decision was made for, in the case's time zone.</summary>
    public LocalDate Today { get; }

    /// <summary>Gets whether the case was valid; when not, <see cref="Errors"/> says why and there is no next action.</summary>
    public bool IsValid => _rule is not null;

    /// <summary>Gets what is wrong with the case; empty when it is valid.</summary>
    public IReadOnlyList<CaseError> Errors => _errors;

    /// <summary>Gets the rule that decided; <see langword="null"/> for an invalid case.</summary>
    public PlaybookRule? Rule => _rule;

    /// <summary>Gets the due date, when the action has one.</summary>
    public LocalDate? DueOn { get; }

    /// <summary>Gets the first day of the on-time window, when the action has one.</summary>
    public LocalDate? WindowStart { get; }

    /// <summary>Gets the last day of the on-time window, when the action has one.</summary>
    public LocalDate? WindowEnd { get; }

    /// <summary>Gets whether today is after the due date.</summary>
    public bool IsOverdue => DueOn is { } due && Today > due;

    /// <summary>Gets the next action (the JSON contract).</summary>
    /// <exception cref="InvalidOperationException">The case is invalid; check <see cref="IsValid"/> first.</exception>
    public NextAction Next
    {
        get
        {
            var rule = _rule ?? throw new InvalidOperationException("The case is invalid, so there is no next action: " + string.Join("; ", _errors));
            return new NextAction(rule.Step, rule.Action, rule.Covers, DueOn, WindowStart, WindowEnd, IsOverdue, rule.Name, rule.Guidance);
        }
    }

    /// <summary>Gets the facts the deciding rule read, with their values for this case; empty for an invalid case.</summary>
    public IReadOnlyList<FactValue> FactsRead
    {
        get
        {
            if (_rule is null || Facts is not { } facts)
            {
                return Array.Empty<FactValue>();
            }

            return _rule.FactsRead.Select(name => new FactValue(name, facts.ValueOf(name))).ToArray();
        }
    }

    /// <summary>Gets the facts this decision was made on.</summary>
    public CaseFacts? Facts => _rule is null ? null : _facts ?? FoldFacts();

    /// <summary>Explains the decision in one or two sentences: the rule, its expression, the facts it read and the date.</summary>
    /// <returns>The explanation, or the errors for an invalid case.</returns>
    public string Explain()
    {
        if (_rule is null)
        {
            return "The case is invalid: " + string.Join("; ", _errors);
        }

        var facts = string.Join(", ", FactsRead);
        var text = $"Rule '{_rule.Name}' matched ({_rule.Expression}) with {facts}.";
        if (DueOn is { } due)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" Due {LocalDatePattern.Iso.Format(due)} by policy {_rule.Due.Kind}");
            text += _rule.Due.Anchor is { } anchor ? $" from {anchor}." : ".";
        }

        return text;
    }

    private CaseFacts FoldFacts()
    {
        // The engine decides on a reused instance; a decision keeps only what it needs to fold its own.
        var facts = CaseFacts.Fold(Case.Events, Case.Events.Count, _level ?? Case.Level.Name, out _);
        return Interlocked.CompareExchange(ref _facts, facts, null) ?? facts;
    }

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"{Next.Action} ({Next.Rule})" : "invalid: " + string.Join("; ", _errors);
}
