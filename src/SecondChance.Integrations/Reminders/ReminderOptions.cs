using NodaTime;
using SecondChance.Rules;

namespace SecondChance.Integrations.Reminders;

/// <summary>When reminders go out and for which actions.</summary>
public sealed class ReminderOptions
{
    /// <summary>The actions that are the employer's move, not the candidate's, so no reminder is sent: waiting for an approach (step 9).</summary>
    public static IReadOnlySet<PlaybookAction> DefaultEmployerActions { get; } = new HashSet<PlaybookAction> { PlaybookAction.AwaitApproach };

    /// <summary>Gets the local time of day, in the case's time zone, from which a reminder is due.</summary>
    /// <value>The default value is 09:00.</value>
    public LocalTime SendAt { get; init; } = new(9, 0);

    /// <summary>Gets the actions that get no reminder because they belong to the employer.</summary>
    /// <value>The default value is <see cref="DefaultEmployerActions"/>.</value>
    public IReadOnlySet<PlaybookAction> EmployerActions { get; init; } = DefaultEmployerActions;
}
