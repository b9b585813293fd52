namespace SecondChance.Notes;

/// <summary>How a note answers one recorded gap. The names are stable and appear in JSON.</summary>
public enum GapVerdict
{
    /// <summary>A paragraph speaks of the gap's concept as the candidate's own claim and backs it with a concrete example: a number, a result, a named system or a time span.</summary>
    Answered,

    /// <summary>A paragraph claims the gap's concept for the candidate but gives no concrete example.</summary>
    ClaimWithoutExample,

    /// <summary>No paragraph is about the gap as the candidate's own claim (it may share the gap's words, or speak of the interviewer or the company).</summary>
    NotAnswered,
}
