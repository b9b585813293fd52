using NodaTime;
using SecondChance.Rules;

namespace SecondChance.Planning;

/// <summary>One of the playbook's ten steps as it stands for a case.</summary>
/// <param name="Step">The step's number, 1 to 10.</param>
/// <param name="Title">A short description of the step.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="On">The date it was done (Done), is due (Next) or is projected (Projected); otherwise <see langword="null"/>.</param>
/// <param name="WindowStart">The first day of its on-time window, when it has one.</param>
/// <param name="WindowEnd">The last day of its on-time window, when it has one.</param>
/// <param name="Rule">The rule that covers the step, when one decided or will decide it.</param>
/// <param name="Action">The action that covers the step; <see cref="PlaybookAction.None"/> when no rule does.</param>
/// <param name="Guidance">What to do, from the covering rule or the step's description.</param>
public sealed record PlanStep(
    int Step,
    string Title,
    PlanStepStatus Status,
    LocalDate? On,
    LocalDate? WindowStart,
    LocalDate? WindowEnd,
    string? Rule,
    PlaybookAction Action,
    string Guidance);
