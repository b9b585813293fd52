namespace SecondChance.Samples.Web.Storage;

/// <summary>A case on the agenda as stored: the row, its next due date (ISO) and its time zone.</summary>
public sealed record DueCase(StoredCase Case, string NextDue, string TimeZone)
{
    /// <summary>Gets where this case sits in agenda order.</summary>
    public AgendaPosition Position => new(NextDue, Case.Id);
}
