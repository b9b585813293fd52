namespace SecondChance.Analytics;

/// <summary>
/// Counts of whole-day spans, one bucket per day from 0 to <see cref="OutcomeAccumulator.MaxTrackedDays"/>,
/// the last bucket holding every span at least that long. The median comes out exact below the cap, in
/// fixed memory however many spans are added.
/// </summary>
internal sealed class DayHistogram
{
    private readonly long[] _counts = new long[OutcomeAccumulator.MaxTrackedDays + 1];

    public long Count { get; private set; }

    /// <summary>Counts one span (<paramref name="sign"/> +1) or takes one counted before back (-1).</summary>
    public void Add(int days, int sign = 1)
    {
        _counts[Math.Clamp(days, 0, OutcomeAccumulator.MaxTrackedDays)] += sign;
        Count += sign;
    }

    /// <summary>The median: the middle span, or the mean of the two middle spans for an even count; <see langword="null"/> when empty.</summary>
    public double? Median()
    {
        if (Count == 0)
        {
            return null;
        }

        // Zero-based ranks of the middle one or two spans in sorted order.
        var lowRank = (Count - 1) / 2;
        var highRank = Count / 2;
        long seen = 0;
        int? low = null;
        for (var day = 0; day < _counts.Length; day++)
        {
            seen += _counts[day];
            if (low is null && seen > lowRank)
            {
                low = day;
            }

            if (seen > highRank)
            {
                return (low!.Value + day) / 2.0;
            }
        }

        throw new InvalidOperationException("The histogram's counts do not add up.");
    }
}
