namespace SecondChance.Notes;

/// <summary>What <see cref="NoteChecker"/> found in a note. Immutable.</summary>
public sealed class NoteCheckResult
{
    /// <summary>Creates a result from its findings.</summary>
    /// <param name="findings">The findings, in the order they should be shown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="findings"/> is <see langword="null"/>.</exception>
    public NoteCheckResult(IEnumerable<NoteFinding> findings)
        : this(findings, [])
    {
    }

    /// <summary>Creates a result from its findings and the judgement on each recorded gap.</summary>
    /// <param name="findings">The findings, in the order they should be shown.</param>
    /// <param name="gaps">The judgement on each recorded gap, in case order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="findings"/> or <paramref name="gaps"/> is <see langword="null"/>.</exception>
    public NoteCheckResult(IEnumerable<NoteFinding> findings, IEnumerable<GapAnswer> gaps)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(gaps);
        Findings = findings.ToArray();
        Gaps = gaps.ToArray();
    }

    /// <summary>Gets every finding, ordered by line (note-wide findings last), then by code.</summary>
    public IReadOnlyList<NoteFinding> Findings { get; }

    /// <summary>
    /// Gets the judgement on each recorded gap, in case order: whether a paragraph answers it, with
    /// the concept matched, the candidate's claim and the example found (see <see cref="GapJudge"/>).
    /// A gap with no word to look for is left out.
    /// </summary>
    public IReadOnlyList<GapAnswer> Gaps { get; }

    /// <summary>Gets whether the note has no error and can be sent (warnings may remain).</summary>
    public bool CanSend => !Findings.Any(f => f.Severity == NoteSeverity.Error);

    /// <summary>Gets whether the note has no findings at all.</summary>
    public bool IsClean => Findings.Count == 0;

    /// <summary>Gets the findings with <see cref="NoteSeverity.Error"/>.</summary>
    public IEnumerable<NoteFinding> Errors => Findings.Where(f => f.Severity == NoteSeverity.Error);

    /// <summary>Gets the findings with <see cref="NoteSeverity.Warning"/>.</summary>
    public IEnumerable<NoteFinding> Warnings => Findings.Where(f => f.Severity == NoteSeverity.Warning);
}
