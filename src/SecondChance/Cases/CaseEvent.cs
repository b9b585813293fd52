using NodaTime;

namespace SecondChance.Cases;

/// <summary>
/// Something that happened in a runner-up case, on a calendar date. The set of event kinds is
/// closed to this library (new kinds may be added in later versions); use the derived records.
/// </summary>
public abstract record CaseEvent
{
    private protected CaseEvent(LocalDate on) => On = on;

    /// <summary>Gets the date the event happened, in the case's time zone.</summary>
    public LocalDate On { get; init; }

    /// <summary>Gets the kind of event; its name is the event's <c>type</c> in JSON.</summary>
    public abstract CaseEventType Type { get; }
}
