namespace SecondChance.Cases;

/// <summary>How an opening a job board saw relates to the role a case is about. The names are the <c>match</c> values of an <c>OpeningSeen</c> event.</summary>
public enum OpeningMatch
{
    /// <summary>The same role, posted again: the hire may not have worked out.</summary>
    Reopened,

    /// <summary>A similar role at the same company: the same function and kind of job, another team or seniority.</summary>
    Similar,
}
