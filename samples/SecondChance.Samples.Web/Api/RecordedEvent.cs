using SecondChance.Cases;
using SecondChance.Decisions;

namespace SecondChance.Samples.Web.Api;

/// <summary>
/// The short answer to a recorded event, sent instead of the whole case when the request says
/// <c>Prefer: return=minimal</c>: its size does not grow with the case's history.
/// </summary>
/// <param name="Id">The case's id.</param>
/// <param name="Position">Where the event stands in the case's history, from 1: the number of events the case has with it.</param>
/// <param name="Event">The event as recorded.</param>
/// <param name="Next">The case's next action after the event, as of the day it was recorded.</param>
public sealed record RecordedEvent(string Id, int Position, CaseEvent Event, NextAction Next);
