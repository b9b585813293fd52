namespace SecondChance.Notes;

/// <summary>
/// The judgement on one recorded gap: whether the note answers it, and why. Made by
/// <see cref="GapJudge"/> and reported in <see cref="NoteCheckResult.Gaps"/>.
/// </summary>
/// <param name="Gap">The recorded gap, trimmed.</param>
/// <param name="Verdict">Whether a paragraph answers it with an example, claims it without one, or none is about it.</param>
/// <param name="Theme">The gap's theme in the lexicon (<see cref="GapTheme.Other"/> when the gap's own words are looked for); <see langword="null"/> when the gap has no word to look for.</param>
/// <param name="Concept">The concept the answering paragraph speaks of, such as <c>leading people</c>; <see langword="null"/> when none does.</param>
/// <param name="Matched">The paragraph's words that name the concept, such as <c>18 engineers report to me</c>; <see langword="null"/> when none do.</param>
/// <param name="Claim">The words that make it the candidate's own claim, such as <c>I</c> or <c>my</c>; <see langword="null"/> when there is no claim.</param>
/// <param name="Example">The concrete example found, such as <c>$2.4M</c>, <c>three years</c> or <c>Kubernetes</c>; <see langword="null"/> when there is none.</param>
/// <param name="Line">The 1-based line of the answering paragraph in the note; <see langword="null"/> when no paragraph is about the gap, or when one paragraph was judged on its own.</param>
/// <param name="Excerpt">The start of the answering paragraph; <see langword="null"/> when there is none.</param>
public sealed record GapAnswer(
    string Gap,
    GapVerdict Verdict,
    GapTheme? Theme,
    string? Concept,
    string? Matched,
    string? Claim,
    string? Example,
    int? Line,
    string? Excerpt)
{
    /// <summary>Gets one sentence that says why: the concept matched, the claim and the example found, or what is missing.</summary>
    public string Reason => Verdict switch
    {
        GapVerdict.Answered => $"Answered: speaks of {Concept} (\"{Matched}\") as your own claim (\"{Claim}\"), with an example (\"{Example}\").",
        GapVerdict.ClaimWithoutExample => $"Claimed without an example: speaks of {Concept} (\"{Matched}\") as your own claim (\"{Claim}\"), but gives no number, result, named system or time span.",
        _ when Concept is not null => $"Not answered: a paragraph mentions {Concept} (\"{Matched}\"), but not as something you did.",
        _ => "Not answered: no paragraph speaks of it.",
    };
}
