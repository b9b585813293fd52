using SecondChance.Analytics;

namespace SecondChance.Tests.Analytics;

public class DayHistogramTests
{
    [Fact]
    public void Median_Empty_IsNull()
    {
        new DayHistogram().Median().Should().BeNull();
    }

    [Theory]
    [InlineData(new[] { 7 }, 7)]
    [InlineData(new[] { 200, 150, 170, 160 }, 165)]
    [InlineData(new[] { 3, 1, 2 }, 2)]
    [InlineData(new[] { 10, 10, 11, 40 }, 10.5)]
    [InlineData(new[] { 0, 0, 5 }, 0)]
    public void Median_MatchesSortedMiddle(int[] days, double expected)
    {
        var histogram = new DayHistogram();
        foreach (var d in days)
        {
            histogram.Add(d);
        }

        histogram.Median().Should().Be(expected);
        histogram.Count.Should().Be(days.Length);
    }

    [Fact]
    public void Median_SpansBeyondTheCap_CountAsTheCap()
    {
        var histogram = new DayHistogram();
        histogram.Add(5000);
        histogram.Add(9000);
        histogram.Add(10);

        histogram.Median().Should().Be(OutcomeAccumulator.MaxTrackedDays);
    }

    [Fact]
    public void Median_NegativeSpan_CountsAsZero()
    {
        var histogram = new DayHistogram();
        histogram.Add(-3);

        histogram.Median().Should().Be(0);
    }
}
