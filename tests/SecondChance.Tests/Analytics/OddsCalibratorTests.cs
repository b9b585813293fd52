using SecondChance.Analytics;

namespace SecondChance.Tests.Analytics;

// Expected posterior means and 95% equal-tailed intervals from reference_values.py (python3 + mpmath,
// 40 digits): exact binomial-sum CDF for whole-number Beta parameters, mpmath.betainc otherwise, then bisection.
public class OddsCalibratorTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    // prior, weight, hired, closed otherwise, posterior mean, 2.5th percentile, 97.5th percentile
    [InlineData(0.30, 20, 0, 0, 0.3, 0.1257606358729833, 0.5120293453458728)] // Beta(6, 14)
    [InlineData(0.15, 20, 0, 0, 0.15, 0.033826249001764666, 0.33137666445676597)] // Beta(3, 17)
    [InlineData(0.30, 20, 2, 4, 0.30769230769230769, 0.14949542261356959, 0.49387682180625557)] // Beta(8, 18)
    [InlineData(0.15, 20, 1, 2, 0.17391304347826087, 0.0518672993124369, 0.34912209725740811)] // Beta(4, 19)
    [InlineData(0.30, 20, 1, 0, 0.33333333333333333, 0.15390920478454116, 0.54278918227628917)] // Beta(7, 14)
    [InlineData(0.15, 10, 2, 5, 0.20588235294117647, 0.055812983890008758, 0.42078517223570732)] // Beta(3.5, 13.5)
    [InlineData(0.30, 50, 12, 18, 0.3375, 0.23870292674976109, 0.44399389516518244)] // Beta(27, 53)
    [InlineData(0.30, 20, 3000, 7000, 0.3, 0.29106579138874687, 0.30900982963343883)] // Beta(3006, 7014)
    public void Calibrate_MatchesReferenceValues(double prior, double weight, long hired, long notHired, double mean, double lower, double upper)
    {
        var odds = OddsCalibrator.Calibrate(prior, weight, hired, notHired);

        odds.PosteriorMean.Should().BeApproximately(mean, Tolerance);
        odds.Lower.Should().BeApproximately(lower, Tolerance);
        odds.Upper.Should().BeApproximately(upper, Tolerance);
        odds.Prior.Should().Be(prior);
        odds.Weight.Should().Be(weight);
        odds.Closed.Should().Be(hired + notHired);
    }

    [Fact]
    public void Calibrate_ManyOutcomes_DataOutweighThePrior()
    {
        // 10,000 closed cases at 50% against a prior of 15% worth 20 cases.
        var odds = OddsCalibrator.Calibrate(0.15, 20, 5000, 5000);

        odds.PosteriorMean.Should().BeApproximately(0.4993, 0.0001);
        (odds.Upper - odds.Lower).Should().BeLessThan(0.02);
    }

    [Fact]
    public void Calibrate_PriorOfZeroWithNoHires_IsCertainlyZero()
    {
        var odds = OddsCalibrator.Calibrate(0, 20, 0, 5);

        odds.PosteriorMean.Should().Be(0);
        odds.Lower.Should().Be(0);
        odds.Upper.Should().Be(0);
    }

    [Fact]
    public void Calibrate_PriorOfOneWithNoFailures_IsCertainlyOne()
    {
        var odds = OddsCalibrator.Calibrate(1, 20, 3, 0);

        odds.PosteriorMean.Should().Be(1);
        odds.Lower.Should().Be(1);
        odds.Upper.Should().Be(1);
    }

    [Fact]
    public void Calibrate_PriorOfZeroThenAHire_MovesOffZero()
    {
        // Beta(1, 20 + 4): mean 1/25; the interval is that of a Beta(1, 24).
        var odds = OddsCalibrator.Calibrate(0, 20, 1, 4);

        odds.PosteriorMean.Should().BeApproximately(0.04, Tolerance);
        // Beta(1, b) has CDF 1 - (1 - x)^b, so its p-quantile is 1 - (1 - p)^(1/b).
        odds.Lower.Should().BeApproximately(1 - Math.Pow(0.975, 1 / 24.0), Tolerance);
        odds.Upper.Should().BeApproximately(1 - Math.Pow(0.025, 1 / 24.0), Tolerance);
    }

    [Theory]
    [InlineData(-0.1, 20, 0, 0, "prior")]
    [InlineData(1.1, 20, 0, 0, "prior")]
    [InlineData(double.NaN, 20, 0, 0, "prior")]
    [InlineData(0.3, 0, 0, 0, "weight")]
    [InlineData(0.3, double.NaN, 0, 0, "weight")]
    [InlineData(0.3, 20, -1, 0, "successes")]
    [InlineData(0.3, 20, 0, -1, "failures")]
    public void Calibrate_OutOfRange_Throws(double prior, double weight, long successes, long failures, string parameter)
    {
        var act = () => OddsCalibrator.Calibrate(prior, weight, successes, failures);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
    }

    [Fact]
    public void ToString_DescribesTheEstimateInPercent()
    {
        OddsCalibrator.Calibrate(0.30, 20, 2, 4).ToString()
            .Should().Be("31% (95% credible interval 15% to 49%; 2 hired of 6 closed)");
    }
}
