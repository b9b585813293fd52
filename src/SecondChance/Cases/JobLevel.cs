namespace SecondChance.Cases;

/// <summary>
/// The seniority of the role a case is about. Three levels are built in; hosts may add their own by
/// giving <see cref="PlaybookOptions.Levels"/> a profile for a new name.
/// </summary>
/// <remarks>
/// Names compare without regard to letter case, so <c>"middlemanagement"</c> and
/// <c>"MiddleManagement"</c> are the same level. The engine reports the spelling it was configured with.
/// </remarks>
public readonly struct JobLevel : IEquatable<JobLevel>
{
    /// <summary>An individual contributor role (engineer, analyst, designer and the like).</summary>
    public static JobLevel IndividualContributor { get; } = new("IndividualContributor");

    /// <summary>A middle-management role (team lead, manager, director).</summary>
    public static JobLevel MiddleManagement { get; } = new("MiddleManagement");

    /// <summary>A senior-executive role (vice president, C-level).</summary>
    public static JobLevel SeniorExecutive { get; } = new("SeniorExecutive");

    private readonly string? _name;

    /// <summary>Creates a level with the given name.</summary>
    /// <param name="name">The level's name as it appears in the case document, such as <c>MiddleManagement</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public JobLevel(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name.Trim();
    }

    /// <summary>Gets the level's name; an empty string for the default value of the struct.</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Gets whether this value names no level (the default value of the struct).</summary>
    public bool IsEmpty => string.IsNullOrEmpty(_name);

    /// <inheritdoc />
    public bool Equals(JobLevel other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JobLevel other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Compares two levels by name, ignoring letter case.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when both name the same level.</returns>
    public static bool operator ==(JobLevel left, JobLevel right) => left.Equals(right);

    /// <summary>Compares two levels by name, ignoring letter case.</summary>
    /// <param name="left">The first level.</param>
    /// <param name="right">The second level.</param>
    /// <returns><see langword="true"/> when they name different levels.</returns>
    public static bool operator !=(JobLevel left, JobLevel right) => !left.Equals(right);
}
