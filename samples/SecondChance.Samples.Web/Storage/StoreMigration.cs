namespace SecondChance.Samples.Web.Storage;

/// <summary>One step of a store's schema history: applied once, in order, to bring the database to <paramref name="Version"/>.</summary>
/// <param name="Version">The schema version after this step (1, 2, ...).</param>
/// <param name="Description">What the step changes, for people reading the history.</param>
/// <param name="Script">The statements, in the store's SQL dialect.</param>
public sealed record StoreMigration(int Version, string Description, string Script);
