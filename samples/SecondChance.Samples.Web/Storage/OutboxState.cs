namespace SecondChance.Samples.Web.Storage;

/// <summary>Where a reminder message stands in the outbox.</summary>
public enum OutboxState
{
    /// <summary>Waiting for its send time, queued by a sweep, or claimed by a dispatcher and being sent.</summary>
    Pending,

    /// <summary>Delivered (the receiver answered 2xx, or the SMTP server accepted the message).</summary>
    Sent,

    /// <summary>Parked after its last try, or refused for good (410, a refused recipient); kept with its last error.</summary>
    Failed,

    /// <summary>A later event changed the case's next action before this reminder was sent; it will not be sent.</summary>
    Superseded,
}
