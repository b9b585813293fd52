namespace SecondChance.Samples.Web.Storage;

/// <summary>A case as stored: its id, its JSON document (the history of events is the source of truth) and its row version.</summary>
public sealed record StoredCase(string Id, string Document, long Version);
