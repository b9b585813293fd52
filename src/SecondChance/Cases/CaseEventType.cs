namespace SecondChance.Cases;

/// <summary>
/// The kinds of event in a case's history. The names are a public contract: they are the
/// <c>type</c> values of the case document's events and never change meaning.
/// </summary>
public enum CaseEventType
{
    /// <summary>The employer told the candidate they came second. Always the first event, exactly once.</summary>
    Notified,

    /// <summary>The candidate asked where they fell short and noted the answer (steps 1 to 3).</summary>
    FeedbackRecorded,

    /// <summary>The candidate thanked the caller and said they remain interested (step 4).</summary>
    InterestReaffirmed,

    /// <summary>The candidate sent the thank-you note (steps 5 and 6).</summary>
    NoteSent,

    /// <summary>The candidate contacted the same person again months later (steps 7 and 8).</summary>
    FollowUpMade,

    /// <summary>The employer came back to the candidate (step 9).</summary>
    Approached,

    /// <summary>The employer made an offer (step 10).</summary>
    OfferReceived,

    /// <summary>The case ended. Nothing may follow it.</summary>
    Closed,

    /// <summary>A job board saw the role posted again, or a similar role at the same company (step 8 made visible).</summary>
    OpeningSeen,
}
