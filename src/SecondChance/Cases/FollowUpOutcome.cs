namespace SecondChance.Cases;

/// <summary>What the candidate learned when following up months after the note.</summary>
public enum FollowUpOutcome
{
    /// <summary>The contact answered; nothing has changed.</summary>
    NoChange,

    /// <summary>The role the candidate missed is open again.</summary>
    RoleReopened,

    /// <summary>A similar role is open.</summary>
    SimilarRoleOpen,

    /// <summary>The contact did not answer.</summary>
    NoResponse,
}
