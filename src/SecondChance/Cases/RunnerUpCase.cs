namespace SecondChance.Cases;

/// <summary>
/// A candidate who was told they came second for a role: who, where, at which level, and what has
/// happened since, in date order. This is the case document of the JSON contract.
/// </summary>
/// <remarks>
/// Treat an instance as immutable: the engine reads it on many threads at once. Check one with
/// <see cref="PlaybookEngine.Validate(RunnerUpCase, NodaTime.LocalDate)"/>; the engine never
/// throws on invalid content, it reports it.
/// </remarks>
public sealed record RunnerUpCase
{
    /// <summary>Gets the candidate's name (1 to 200 characters).</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the employer's name (1 to 200 characters).</summary>
    public required string Company { get; init; }

    /// <summary>Gets the role the candidate was runner-up for (1 to 200 characters).</summary>
    public required string Role { get; init; }

    /// <summary>Gets the role's job level, which sets the follow-up and waiting periods.</summary>
    public required JobLevel Level { get; init; }

    /// <summary>Gets the IANA time zone the candidate lives in, which decides what "today" is.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets the person at the employer to follow up with, when known.</summary>
    public Contact? Contact { get; init; }

    /// <summary>Gets what has happened, oldest first; the first event is always <see cref="Notified"/>.</summary>
    /// <value>The default value is an empty list, which is not a valid case.</value>
    public IReadOnlyList<CaseEvent> Events { get; init; } = Array.Empty<CaseEvent>();

    /// <summary>Returns a copy of this case with <paramref name="event"/> appended to its history.</summary>
    /// <param name="event">The event to append.</param>
    /// <returns>A new case; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is <see langword="null"/>.</exception>
    public RunnerUpCase With(CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var events = new CaseEvent[Events.Count + 1];
        for (var i = 0; i < Events.Count; i++)
        {
            events[i] = Events[i];
        }

        events[^1] = @event;
        return this with { Events = events };
    }

    /// <summary>
    /// Returns the gaps the case's feedback recorded, trimmed, each once (ignoring letter case), in the
    /// order they were first recorded: what a thank-you note must answer and evidence may be given for.
    /// </summary>
    /// <returns>The gaps; empty when no feedback recorded any.</returns>
    public IReadOnlyList<string> RecordedGaps()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var gaps = new List<string>();
        foreach (var feedback in (Events ?? []).OfType<FeedbackRecorded>())
        {
            foreach (var gap in feedback.Gaps ?? [])
            {
                if (!string.IsNullOrWhiteSpace(gap) && seen.Add(gap.Trim()))
                {
                    gaps.Add(gap.Trim());
                }
            }
        }

        return gaps;
    }

    /// <summary>Gets whether <paramref name="other"/> holds the same content: the same names, level, zone, contact and events, in the same order.</summary>
    /// <param name="other">The case to compare with.</param>
    /// <returns><see langword="true"/> when the two cases are equal by value.</returns>
    public bool Equals(RunnerUpCase? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Candidate == other.Candidate && Company == other.Company && Role == other.Role && Level == other.Level
                && TimeZone == other.TimeZone && Equals(Contact, other.Contact)
                && (ReferenceEquals(Events, other.Events) || (Events is not null && other.Events is not null && Events.SequenceEqual(other.Events)))));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Candidate, Company, Role, Level, TimeZone, Events?.Count ?? -1);
}
