namespace SecondChance.Samples.Web.Storage;

/// <summary>How an attempt to record an event ended.</summary>
public enum AppendOutcome
{
    /// <summary>The event was recorded; the response body is the new state.</summary>
    Recorded,

    /// <summary>The idempotency key was used before for the same request; the response body is the first answer.</summary>
    Replayed,

    /// <summary>The idempotency key was used before for a different request.</summary>
    KeyReused,

    /// <summary>The tenant has no such case.</summary>
    NotFound,

    /// <summary>The event was rejected; nothing was written.</summary>
    Rejected,

    /// <summary>The case changed underneath the request, or the database stayed locked; retrying is safe.</summary>
    Conflict,
}
