using SecondChance.Decisions;

namespace SecondChance.Samples.Web.Api;

/// <summary>One line of the agenda: a case that has an action due, and that action.</summary>
public sealed record AgendaItem(string Id, string Candidate, string Company, NextAction Next);
