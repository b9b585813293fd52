using NodaTime;

namespace SecondChance.Cases;

/// <summary>
/// A job board saw the role posted again, or a similar role at the same company (step 8 made visible).
/// Seen after the last follow-up and before any approach or offer, it makes following up the next action.
/// </summary>
/// <param name="On">The date the opening was seen, in the case's time zone.</param>
/// <param name="Title">The opening's title as posted (1 to 200 characters).</param>
/// <param name="Match">Whether it is the same role or a similar one.</param>
/// <param name="Url">Where the opening is posted, when known: an absolute http or https address of at most 2000 characters.</param>
public sealed record OpeningSeen(LocalDate On, string Title, OpeningMatch Match, string? Url = null) : CaseEvent(On, CaseEventType.OpeningSeen);
