using NodaTime;

namespace SecondChance.Cases;

/// <summary>
/// Something that happened in a runner-up case, on a calendar date. The set of event kinds is
/// closed to this library (new kinds may be added in later versions); use the derived records.
/// </summary>
public abstract record CaseEvent
{
    private protected CaseEvent(LocalDate on, CaseEventType type)
    {
        On = on;
        Type = type;
    }

    /// <summary>Gets the date the event happened, in the case's time zone.</summary>
    public LocalDate On { get; init; }

    /// <summary>Gets the kind of event; its name is the event's <c>type</c> in JSON.</summary>
    /// <remarks>Set by each event's constructor and stored, so reading it is a field load, not a virtual call.</remarks>
    public CaseEventType Type { get; }
}
