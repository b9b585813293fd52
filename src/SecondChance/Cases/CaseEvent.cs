using NodaTime;

namespace SecondChance.Cases;

/// <summary>
/// Something that happened in a runner-up case, on a calendar date. The set of event kinds is
/// closed to this library (new kinds may be added in later versions); use the derived records.
/// </summary>
public abstract record CaseEvent
{
    private protected CaseEvent(LocalDate on, CaseEventType kind)
    {
        On = on;
        Kind = kind;
    }

    /// <summary>Gets the date the event happened, in the case's time zone.</summary>
    public LocalDate On { get; init; }

    /// <summary>Gets the kind of event; its name is the event's <c>type</c> in JSON.</summary>
    public abstract CaseEventType Type { get; }

    /// <summary>The same as <see cref="Type"/>, as a field: the engine's fold reads it without a virtual call.</summary>
    internal CaseEventType Kind { get; }
}
