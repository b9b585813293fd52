namespace SecondChance.Analytics;

/// <summary>Settings for calibrating each level's odds with observed outcomes.</summary>
public sealed class OddsOptions
{
    /// <summary>The default <see cref="Weight"/>.</summary>
    public const double DefaultWeight = 20;

    /// <summary>
    /// Gets or sets how many closed cases the level's prior odds are worth (the Beta prior's pseudo-count).
    /// A larger weight needs more of the board's own outcomes to move the estimate away from the prior.
    /// Must be a finite number above zero.
    /// </summary>
    /// <value>The default value is 20.</value>
    public double Weight { get; set; } = DefaultWeight;

    internal double ValidatedWeight()
    {
        if (!double.IsFinite(Weight) || Weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "OddsOptions.Weight must be a finite number above zero.");
        }

        return Weight;
    }
}
