using NodaTime;

namespace SecondChance.Cases;

/// <summary>
/// The candidate asked where they fell short and noted what the caller said (steps 1 to 3).
/// </summary>
/// <param name="On">The date it happened, in the case's time zone.</param>
/// <param name="Gaps">Where the employer saw the other candidate as stronger; may be empty, at most 50 entries of at most 500 characters.</param>
public sealed record FeedbackRecorded(LocalDate On, IReadOnlyList<string> Gaps) : CaseEvent(On, CaseEventType.FeedbackRecorded)
{
    /// <summary>Creates a feedback event with no recorded gaps.</summary>
    /// <param name="on">The date it happened, in the case's time zone.</param>
    public FeedbackRecorded(LocalDate on)
        : this(on, Array.Empty<string>())
    {
    }

    /// <summary>Gets whether <paramref name="other"/> happened on the same date with the same gaps, in the same order.</summary>
    /// <param name="other">The event to compare with.</param>
    /// <returns><see langword="true"/> when they record the same feedback.</returns>
    public bool Equals(FeedbackRecorded? other) =>
        other is not null && On == other.On && (ReferenceEquals(Gaps, other.Gaps) || (Gaps is not null && other.Gaps is not null && Gaps.SequenceEqual(other.Gaps)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(On, Gaps?.Count ?? -1);
}
