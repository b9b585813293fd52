using System.Text.Json.Serialization;
using NodaTime;
using SecondChance.Analytics;
using SecondChance.Rules;

namespace SecondChance.Decisions;

/// <summary>
/// What the candidate should do next and by when: the next-action JSON contract
/// (<c>step</c>, <c>action</c>, <c>covers</c>, <c>dueOn</c>, <c>windowStart</c>, <c>windowEnd</c>,
/// <c>overdue</c>, <c>rule</c>, <c>guidance</c>). When nothing is left to do, <see cref="Step"/> and
/// <see cref="DueOn"/> are <see langword="null"/> and <see cref="Action"/> is <see cref="PlaybookAction.None"/>.
/// </summary>
/// <param name="Step">The playbook step (1 to 10), or <see langword="null"/> when nothing is left to do.</param>
/// <param name="Action">The action to take.</param>
/// <param name="Covers">The playbook steps the action covers.</param>
/// <param name="DueOn">The date it is due, in the case's time zone.</param>
/// <param name="WindowStart">The first day of the window in which it is on time, when the action has a window.</param>
/// <param name="WindowEnd">The last day of that window.</param>
/// <param name="Overdue">Whether today is after <paramref name="DueOn"/>.</param>
/// <param name="Rule">The name of the rule that decided.</param>
/// <param name="Guidance">What to do, in plain words.</param>
public readonly record struct NextAction(
    int? Step,
    PlaybookAction Action,
    IReadOnlyList<int> Covers,
    LocalDate? DueOn,
    LocalDate? WindowStart,
    LocalDate? WindowEnd,
    bool Overdue,
    string Rule,
    string Guidance)
{
    /// <summary>
    /// Gets the calibrated chance that this case comes back, when the host supplies one (from
    /// <see cref="OutcomeReport.ChanceFor(Cases.JobLevel)"/>, with <see cref="WithChance(OutcomeReport, Cases.JobLevel)"/>);
    /// omitted from JSON when absent.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CalibratedOdds? Chance { get; init; }

    /// <summary>Returns this next action carrying the chance for <paramref name="level"/> from a board's own outcomes.</summary>
    /// <param name="outcomes">The outcome report of the board's cases.</param>
    /// <param name="level">The case's job level.</param>
    /// <returns>A copy with <see cref="Chance"/> set (or <see langword="null"/> when the report does not know the level).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outcomes"/> is <see langword="null"/>.</exception>
    public NextAction WithChance(OutcomeReport outcomes, Cases.JobLevel level)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return this with { Chance = outcomes.ChanceFor(level) };
    }
}
