namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// What <see cref="ICaseStore.GetIfChangedAsync"/> read: the case's stored version, and its document only
/// when that version is not the one the caller already holds.
/// </summary>
/// <param name="Version">The stored version.</param>
/// <param name="Document">The stored document; <see langword="null"/> when <paramref name="Version"/> is the version the caller gave.</param>
public readonly record struct CaseReading(long Version, string? Document);
