using SecondChance.Cases;
using SecondChance.Decisions;

namespace SecondChance.Samples.Web.Api;

/// <summary>A stored case as the API returns it: its id, its document and its next action as of today.</summary>
public sealed record CaseResource(string Id, RunnerUpCase Case, NextAction Next);
