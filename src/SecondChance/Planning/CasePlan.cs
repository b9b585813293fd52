using System.Text.Json.Serialization;
using NodaTime;
using SecondChance.Decisions;
using SecondChance.Validation;

namespace SecondChance.Planning;

/// <summary>
/// All ten playbook steps for a case as of a date: what is done, what is next, what is projected,
/// derived from the same rules and policies as the next action. Immutable.
/// </summary>
public sealed class CasePlan
{
    internal CasePlan(Decision decision, IReadOnlyList<PlanStep> steps)
    {
        Decision = decision;
        Steps = steps;
    }

    /// <summary>Gets the decision the plan was built around.</summary>
    [JsonIgnore]
    public Decision Decision { get; }

    /// <summary>Gets whether the case was valid.</summary>
    public bool IsValid => Decision.IsValid;

    /// <summary>Gets what is wrong with the case; empty when it is valid.</summary>
    public IReadOnlyList<CaseError> Errors => Decision.Errors;

    /// <summary>Gets the date the plan was made for, in the case's time zone.</summary>
    public LocalDate Today => Decision.Today;

    /// <summary>Gets the next action; <see langword="null"/> for an invalid case.</summary>
    public NextAction? Next => Decision.IsValid ? Decision.Next : null;

    /// <summary>Gets the ten steps in order; empty for an invalid case.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }
}
