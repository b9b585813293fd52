namespace SecondChance.Integrations.Intake;

/// <summary>
/// What a host looked up about a Lever opportunity (Lever's web hooks carry only ids): the candidate, the
/// posting, the current stage and, when archived, the archive reason, all by name.
/// </summary>
/// <param name="Candidate">The candidate's name.</param>
/// <param name="Role">The posting's title.</param>
/// <param name="Stage">The opportunity's current stage name, when known.</param>
/// <param name="ArchiveReason">The archive reason's name; <see langword="null"/> when the opportunity is not archived.</param>
/// <param name="ArchivedAt">When it was archived, when it is.</param>
/// <param name="Email">The candidate's email address, when known.</param>
/// <param name="Owner">The opportunity owner's name, used as the contact, when known.</param>
public sealed record LeverOpportunity(
    string Candidate,
    string Role,
    string? Stage,
    string? ArchiveReason,
    NodaTime.Instant? ArchivedAt,
    string? Email = null,
    string? Owner = null);
