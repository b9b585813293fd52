using SecondChance.Cases;

namespace SecondChance.Openings;

/// <summary>
/// The verdict of comparing an opening with a case's role: the same role posted again, a similar role,
/// or unrelated (<see cref="Match"/> is <see langword="null"/>), with the similarity score and the reasons.
/// </summary>
/// <param name="Match">The match, or <see langword="null"/> when the opening is unrelated.</param>
/// <param name="Score">The similarity of the normalised titles, 0 to 100: token-sort for a repost, token-set otherwise.</param>
/// <param name="MatchedWords">The normalised words both titles have.</param>
/// <param name="RoleOnlyWords">The normalised words only the case's role has.</param>
/// <param name="OpeningOnlyWords">The normalised words only the opening's title has.</param>
/// <param name="Reasons">Why, in short sentences: company, function, kind, seniority, level and score.</param>
public sealed record OpeningMatchResult(
    OpeningMatch? Match,
    int Score,
    IReadOnlyList<string> MatchedWords,
    IReadOnlyList<string> RoleOnlyWords,
    IReadOnlyList<string> OpeningOnlyWords,
    IReadOnlyList<string> Reasons)
{
    /// <summary>Gets whether the opening is the same role or a similar one.</summary>
    public bool IsMatch => Match is not null;

    /// <inheritdoc />
    public override string ToString() => $"{(Match?.ToString() ?? "Unrelated")} ({Score}): {string.Join("; ", Reasons)}";
}
