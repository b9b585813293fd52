using NodaTime;
using SecondChance.Cases;
using SecondChance.Decisions;

namespace SecondChance.Openings;

/// <summary>An open case an opening matched: the case, where it sits in the indexed list, the verdict, and the event that records it.</summary>
public sealed class OpeningCandidate
{
    internal OpeningCandidate(int index, RunnerUpCase @case, JobOpening opening, OpeningMatchResult result, bool alreadyRecorded)
    {
        AlreadyRecorded = alreadyRecorded;
        Index = index;
        Case = @case;
        Opening = opening;
        Result = result;
        Event = opening.ToEvent(result.Match ?? throw new ArgumentException("Only a match makes a candidate.", nameof(result)));
    }

    /// <summary>Gets the case's position in the list the <see cref="OpeningIndex"/> was built from.</summary>
    public int Index { get; }

    /// <summary>Gets the case as it was indexed, without the opening.</summary>
    public RunnerUpCase Case { get; }

    /// <summary>Gets the opening that matched.</summary>
    public JobOpening Opening { get; }

    /// <summary>Gets the verdict, with the score and the reasons.</summary>
    public OpeningMatchResult Result { get; }

    /// <summary>Gets whether the case already records this opening (same address, or same title and date); only returned when asked for.</summary>
    public bool AlreadyRecorded { get; }

    /// <summary>Gets the event that records the opening on the case.</summary>
    public OpeningSeen Event { get; }

    /// <summary>Returns the case with <see cref="Event"/> appended to its history.</summary>
    /// <returns>A new case; <see cref="Case"/> is unchanged.</returns>
    public RunnerUpCase WithOpening() => Case.With(Event);

    /// <summary>Decides the case's next action once the opening is recorded.</summary>
    /// <param name="engine">The engine to decide with.</param>
    /// <param name="today">Today's date in the case's time zone.</param>
    /// <returns>The decision on <see cref="WithOpening"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    public Decision Decide(PlaybookEngine engine, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Decide(WithOpening(), today);
    }
}
