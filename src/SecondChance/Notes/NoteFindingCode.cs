namespace SecondChance.Notes;

/// <summary>What a <see cref="NoteFinding"/> is about. The names are stable and appear in JSON and logs.</summary>
public enum NoteFindingCode
{
    /// <summary>The note never thanks the reader (error).</summary>
    NoThanks,

    /// <summary>A gap recorded in the case is not answered in any paragraph (error).</summary>
    GapNotAddressed,

    /// <summary>A gap is answered, but without a concrete example: no number, size or result (warning).</summary>
    GapWithoutExample,

    /// <summary>The closing paragraph does not say the candidate is still interested (error).</summary>
    NoContinuedInterest,

    /// <summary>The closing paragraph does not say the candidate is open to talk if anything changes (warning).</summary>
    NoOpenness,

    /// <summary>The note argues with the decision, which the playbook rules out at this stage (error).</summary>
    Argumentative,

    /// <summary>The note sounds defensive (warning).</summary>
    Defensive,

    /// <summary>The note is longer than the word limit for its channel (warning).</summary>
    TooLong,

    /// <summary>The note still holds an "[ADD ...]" prompt from the draft (error).</summary>
    UnfilledPrompt,

    /// <summary>The text is over <see cref="NoteChecker.MaxNoteLength"/> characters and was not checked (error).</summary>
    TooLarge,
}
