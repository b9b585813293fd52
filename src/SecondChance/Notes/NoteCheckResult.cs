namespace SecondChance.Notes;

/// <summary>What <see cref="NoteChecker"/> found in a note. Immutable.</summary>
public sealed class NoteCheckResult
{
    /// <summary>Creates a result from its findings.</summary>
    /// <param name="findings">The findings, in the order they should be shown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="findings"/> is <see langword="null"/>.</exception>
    public NoteCheckResult(IEnumerable<NoteFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        Findings = findings.ToArray();
    }

    /// <summary>Gets every finding, ordered by line (note-wide findings last), then by code.</summary>
    public IReadOnlyList<NoteFinding> Findings { get; }

    /// <summary>Gets whether the note has no error and can be sent (warnings may remain).</summary>
    public bool CanSend => !Findings.Any(f => f.Severity == NoteSeverity.Error);

    /// <summary>Gets whether the note has no findings at all.</summary>
    public bool IsClean => Findings.Count == 0;

    /// <summary>Gets the findings with <see cref="NoteSeverity.Error"/>.</summary>
    public IEnumerable<NoteFinding> Errors => Findings.Where(f => f.Severity == NoteSeverity.Error);

    /// <summary>Gets the findings with <see cref="NoteSeverity.Warning"/>.</summary>
    public IEnumerable<NoteFinding> Warnings => Findings.Where(f => f.Severity == NoteSeverity.Warning);
}
