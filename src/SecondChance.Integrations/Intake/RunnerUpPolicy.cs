namespace SecondChance.Integrations.Intake;

/// <summary>
/// A board's rule for which ATS rejections are runner-up notices: the candidate was turned down at one of
/// the last stages, for a reason that says someone else got the job. Names are compared ignoring case,
/// surrounding spaces and repeated inner spaces.
/// </summary>
/// <remarks>
/// A rejection is a runner-up notice when its stage is one of <see cref="Stages"/> and its reason is one of
/// <see cref="Reasons"/>. An empty list accepts any value (and a missing one); a missing value never matches
/// a non-empty list. The defaults follow the playbook: the candidate reached the final round and lost to
/// another candidate.
/// </remarks>
public sealed class RunnerUpPolicy
{
    /// <summary>The default last stages: offer, final interview, reference check and their common spellings.</summary>
    public static IReadOnlyList<string> DefaultStages { get; } =
        ["Offer", "Offer Stage", "Final Interview", "Final Round", "Onsite Final", "Reference Check", "Reference Checks", "References"];

    /// <summary>The default reasons: another candidate was hired or the position was filled.</summary>
    public static IReadOnlyList<string> DefaultReasons { get; } =
        ["Hired another candidate", "Hired other candidate", "Position filled", "Another candidate selected", "Filled by another candidate"];

    /// <summary>Gets the stage names that count as last stages.</summary>
    /// <value>The default value is <see cref="DefaultStages"/>.</value>
    public IReadOnlyList<string> Stages { get; init; } = DefaultStages;

    /// <summary>Gets the rejection reasons that mean another candidate got the job.</summary>
    /// <value>The default value is <see cref="DefaultReasons"/>.</value>
    public IReadOnlyList<string> Reasons { get; init; } = DefaultReasons;

    /// <summary>Decides whether a rejection at <paramref name="stage"/> for <paramref name="reason"/> is a runner-up notice.</summary>
    /// <param name="stage">The stage the candidate was in; <see langword="null"/> when the ATS did not say.</param>
    /// <param name="reason">The rejection reason; <see langword="null"/> when the ATS did not say.</param>
    /// <param name="why">Why it is or is not a runner-up notice, for the log.</param>
    /// <returns><see langword="true"/> for a runner-up notice.</returns>
    public bool IsRunnerUp(string? stage, string? reason, out string why)
    {
        if (!Matches(Stages, stage))
        {
            why = stage is null
                ? "the delivery names no stage, and only rejections at a last stage count"
                : $"stage '{Shorten(stage)}' is not one of the last stages ({string.Join(", ", Stages)})";
            return false;
        }

        if (!Matches(Reasons, reason))
        {
            why = reason is null
                ? "the delivery names no rejection reason, and only rejections for another candidate count"
                : $"rejection reason '{Shorten(reason)}' is not one of {string.Join(", ", Reasons)}";
            return false;
        }

        why = $"rejected at stage '{Shorten(stage ?? "(any)")}' for reason '{Shorten(reason ?? "(any)")}'";
        return true;
    }

    private static bool Matches(IReadOnlyList<string> names, string? value)
    {
        if (names.Count == 0)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var normalized = Normalize(value);
        return names.Any(n => string.Equals(Normalize(n), normalized, StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
