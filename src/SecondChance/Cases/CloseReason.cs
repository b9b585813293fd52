namespace SecondChance.Cases;

/// <summary>Why a case ended.</summary>
public enum CloseReason
{
    /// <summary>The candidate was hired.</summary>
    Hired,

    /// <summary>The candidate took a job elsewhere.</summary>
    TookOtherJob,

    /// <summary>The candidate stopped pursuing the employer.</summary>
    Withdrew,

    /// <summary>The employer confirmed there is no opening to come back to.</summary>
    NoOpening,
}
