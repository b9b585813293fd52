using SecondChance.Analytics;

namespace SecondChance.Tests.Analytics;

// Expected bounds from the closed-form Wilson score interval evaluated at 40 digits with the exact
// z = sqrt(2) erfinv(0.95) (reference_values.py).
public class WilsonTests
{
    [Theory]
    [InlineData(9, 10, 0.5958499732047615, 0.9821237869049271)]
    [InlineData(1, 3, 0.061491944720396231, 0.79234039919795228)]
    [InlineData(1, 2, 0.094531205734230713, 0.90546879426576929)]
    [InlineData(0, 1, 0, 0.79345068562276261)]
    [InlineData(1, 1, 0.20654931437723739, 1)]
    [InlineData(0, 5, 0, 0.43448246478317482)]
    [InlineData(5, 5, 0.56551753521682518, 1)]
    [InlineData(0, 10, 0, 0.27753279986288925)]
    public void Interval_MatchesReferenceValues(long successes, long trials, double lower, double upper)
    {
        var interval = Wilson.Interval(successes, trials)!;

        interval.Lower.Should().BeApproximately(lower, 1e-12);
        interval.Upper.Should().BeApproximately(upper, 1e-12);
    }

    [Fact]
    public void Interval_NoTrials_IsNull()
    {
        Wilson.Interval(0, 0).Should().BeNull();
    }

    [Fact]
    public void Interval_AllOrNothing_TouchesZeroOrOneExactly()
    {
        Wilson.Interval(0, 1000)!.Lower.Should().Be(0);
        Wilson.Interval(1000, 1000)!.Upper.Should().Be(1);
    }
}
