namespace SecondChance.Rules;

/// <summary>What the candidate should do next. The names are a public contract (the <c>action</c> field).</summary>
public enum PlaybookAction
{
    /// <summary>Nothing is left to do: the case is closed.</summary>
    None,

    /// <summary>On the call: thank the caller, ask where you fell short, listen, do not argue (steps 1 to 3).</summary>
    ThankAndAskWhereShort,

    /// <summary>Before the call ends: thank them and say you remain interested (step 4).</summary>
    ReaffirmInterest,

    /// <summary>Send the thank-you note that answers each gap and closes with continued interest (steps 5 and 6).</summary>
    SendThankYouNote,

    /// <summary>Contact the same person again months later and ask what has changed (steps 7 and 8).</summary>
    FollowUp,

    /// <summary>Give the employer time to come back (step 9).</summary>
    AwaitApproach,

    /// <summary>The employer came back: answer promptly (step 9).</summary>
    RespondToApproach,

    /// <summary>An offer is on the table: negotiate it (step 10).</summary>
    NegotiateOffer,
}
