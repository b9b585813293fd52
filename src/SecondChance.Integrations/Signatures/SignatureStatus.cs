namespace SecondChance.Integrations.Signatures;

/// <summary>How a signature check ended.</summary>
public enum SignatureStatus
{
    /// <summary>The signature matches the body with the shared secret.</summary>
    Valid,

    /// <summary>A header or field the scheme needs is absent or empty.</summary>
    Missing,

    /// <summary>A header or field is present but not in the scheme's format.</summary>
    Malformed,

    /// <summary>The signature is well formed but does not match: a wrong secret or a changed body.</summary>
    Mismatch,

    /// <summary>The signed timestamp is outside the allowed tolerance of the current time (a replay or a skewed clock).</summary>
    Stale,
}
