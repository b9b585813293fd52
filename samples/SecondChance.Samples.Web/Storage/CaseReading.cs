namespace SecondChance.Samples.Web.Storage;

/// <summary>
/// A case as read for a caller that may already hold it: the stored version, and the document only when that
/// version is not the one the caller holds (<see cref="ICaseStore.GetIfChangedAsync"/>, and what
/// <see cref="ICaseStore.AppendAsync"/> decides over).
/// </summary>
/// <param name="Version">The stored version.</param>
/// <param name="Document">The stored document; <see langword="null"/> when <paramref name="Version"/> is the version the caller gave.</param>
public readonly record struct CaseReading(long Version, string? Document);
