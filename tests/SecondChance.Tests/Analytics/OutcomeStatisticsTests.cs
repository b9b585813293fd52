using System.Text.Json;
using SecondChance.Analytics;
using SecondChance.Serialization;
using SecondChance.Tests.Support;

namespace SecondChance.Tests.Analytics;

// Reference numbers come from reference_values.py in this folder (python3 + mpmath, 40 digits):
// Wilson intervals from the closed formula with the exact z; Beta quantiles from the exact binomial
// identity I_x(a, b) = P(Binomial(a + b - 1, x) >= a) and bisection, cross-checked with mpmath.betainc.
public class OutcomeStatisticsTests
{
    private const double Tolerance = 1e-9;
    private static readonly PlaybookEngine Engine = new();

    [Fact]
    public void Compute_TenMiddleManagementCases_CountsEachStage()
    {
        var mm = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine).For(JobLevel.MiddleManagement)!;

        mm.Cases.Should().Be(10);
        mm.Stages.Select(s => s.Stage).Should().Equal(
            OutcomeStage.NoteSent, OutcomeStage.FollowUpMade, OutcomeStage.Approached, OutcomeStage.Offered, OutcomeStage.Hired);
        mm.Stages.Select(s => s.Reached).Should().Equal(9, 7, 4, 3, 2);
        mm.Stages.Select(s => s.OutOf).Should().Equal(10, 9, 7, 4, 3);
    }

    [Theory]
    // stage, rate, Wilson lower, Wilson upper (rate = reached / reached at the previous stage)
    [InlineData(OutcomeStage.NoteSent, 9 / 10.0, 0.5958499732047615, 0.9821237869049271)]
    [InlineData(OutcomeStage.FollowUpMade, 7 / 9.0, 0.45258896910698888, 0.93677489288215328)]
    [InlineData(OutcomeStage.Approached, 4 / 7.0, 0.25045836452765719, 0.84178014474853031)]
    [InlineData(OutcomeStage.Offered, 3 / 4.0, 0.30064184258240188, 0.95441273919029944)]
    [InlineData(OutcomeStage.Hired, 2 / 3.0, 0.20765960080204772, 0.93850805527960377)]
    public void Compute_TenMiddleManagementCases_ConversionRatesWithWilsonIntervals(OutcomeStage stage, double rate, double lower, double upper)
    {
        var s = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine).For(JobLevel.MiddleManagement)!.Stage(stage);

        s.Rate.Should().BeApproximately(rate, Tolerance);
        s.Interval!.Lower.Should().BeApproximately(lower, Tolerance);
        s.Interval.Upper.Should().BeApproximately(upper, Tolerance);
    }

    [Theory]
    // stage, overall rate (reached / all 10 cases), Wilson lower, Wilson upper
    [InlineData(OutcomeStage.NoteSent, 0.9, 0.5958499732047615, 0.9821237869049271)]
    [InlineData(OutcomeStage.FollowUpMade, 0.7, 0.39677814746114532, 0.89220873259369898)]
    [InlineData(OutcomeStage.Approached, 0.4, 0.16818032970623612, 0.68732623026634173)]
    [InlineData(OutcomeStage.Offered, 0.3, 0.10779126740630102, 0.60322185253885468)]
    [InlineData(OutcomeStage.Hired, 0.2, 0.056682151454375255, 0.5098375284633583)]
    public void Compute_TenMiddleManagementCases_OverallRatesWithWilsonIntervals(OutcomeStage stage, double rate, double lower, double upper)
    {
        var s = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine).For(JobLevel.MiddleManagement)!.Stage(stage);

        s.OverallRate.Should().BeApproximately(rate, Tolerance);
        s.OverallInterval!.Lower.Should().BeApproximately(lower, Tolerance);
        s.OverallInterval.Upper.Should().BeApproximately(upper, Tolerance);
    }

    [Fact]
    public void Compute_TenMiddleManagementCases_MediansOfDaysFromTheCall()
    {
        var mm = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine).For(JobLevel.MiddleManagement)!;

        mm.MedianDaysToApproach.Should().Be(165); // 150, 160, 170, 200
        mm.MedianDaysToHire.Should().Be(195); // 190, 200
    }

    [Fact]
    public void Compute_TenMiddleManagementCases_OddsUpdatedWithClosedCasesOnly()
    {
        // Prior 0.30 x weight 20 = Beta(6, 14); 2 hired and 4 closed otherwise (3 open cases do not count): Beta(8, 18).
        var odds = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine).ChanceFor(JobLevel.MiddleManagement)!;

        odds.Prior.Should().Be(0.30);
        odds.Weight.Should().Be(20);
        odds.Successes.Should().Be(2);
        odds.Failures.Should().Be(4);
        odds.PosteriorMean.Should().BeApproximately(8 / 26.0, Tolerance);
        odds.Lower.Should().BeApproximately(0.14949542261356959, Tolerance);
        odds.Upper.Should().BeApproximately(0.49387682180625557, Tolerance);
    }

    [Fact]
    public void Compute_HireWithoutRecordedOffer_CountsEveryEarlierStage()
    {
        var ic = OutcomeStatistics.Compute(OutcomeCases.IndividualContributorThree(), Engine).For(JobLevel.IndividualContributor)!;

        ic.Cases.Should().Be(3);
        ic.Stages.Select(s => s.Reached).Should().Equal(2, 2, 1, 1, 1);
        ic.Stages.Select(s => s.Rate).Should().Equal(2 / 3.0, 1.0, 0.5, 1.0, 1.0);
        ic.Stage(OutcomeStage.Approached).Interval.Should().BeEquivalentTo(new RateInterval(0.094531205734230713, 0.90546879426576929),
            o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, Tolerance)).WhenTypeIs<double>());
        ic.Stage(OutcomeStage.Hired).Interval!.Lower.Should().BeApproximately(0.20654931437723739, Tolerance);
        ic.Stage(OutcomeStage.Hired).Interval!.Upper.Should().Be(1);
        ic.MedianDaysToApproach.Should().Be(30);
        ic.MedianDaysToHire.Should().Be(45);

        // Prior 0.15 x 20 = Beta(3, 17); 1 hired, 2 not: Beta(4, 19).
        ic.Odds.PosteriorMean.Should().BeApproximately(4 / 23.0, Tolerance);
        ic.Odds.Lower.Should().BeApproximately(0.0518672993124369, Tolerance);
        ic.Odds.Upper.Should().BeApproximately(0.34912209725740811, Tolerance);
    }

    [Fact]
    public void Compute_LevelWithNoCases_CarriesThePriorOnly()
    {
        var report = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine);
        var se = report.For(JobLevel.SeniorExecutive)!;

        se.Cases.Should().Be(0);
        se.Stages.Should().OnlyContain(s => s.Reached == 0 && s.OutOf == 0 && s.Rate == null && s.Interval == null && s.OverallRate == null);
        se.MedianDaysToApproach.Should().BeNull();
        se.MedianDaysToHire.Should().BeNull();
        // Prior 0.15 x 20 = Beta(3, 17).
        se.Odds.PosteriorMean.Should().BeApproximately(0.15, Tolerance);
        se.Odds.Lower.Should().BeApproximately(0.033826249001764666, Tolerance);
        se.Odds.Upper.Should().BeApproximately(0.33137666445676597, Tolerance);
    }

    [Fact]
    public void Compute_NoCases_ReportsEveryLevelWithItsPrior()
    {
        var report = OutcomeStatistics.Compute([], Engine);

        report.Cases.Should().Be(0);
        report.Skipped.Should().Be(0);
        report.Levels.Select(l => l.Level).Should().Equal(JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive);
        report.Levels.Should().OnlyContain(l => l.Cases == 0 && l.Odds.Successes == 0 && l.Odds.Failures == 0);
        // Prior 0.30 x 20 = Beta(6, 14).
        var mm = report.ChanceFor(JobLevel.MiddleManagement)!;
        mm.PosteriorMean.Should().BeApproximately(0.30, Tolerance);
        mm.Lower.Should().BeApproximately(0.1257606358729833, Tolerance);
        mm.Upper.Should().BeApproximately(0.5120293453458728, Tolerance);
    }

    [Fact]
    public void Compute_SingleHiredCase_EveryStageAtOneOfOne()
    {
        var one = OutcomeCases.Case(JobLevel.MiddleManagement,
            OutcomeCases.Note(0), OutcomeCases.FollowUp(150), OutcomeCases.Approach(160), OutcomeCases.Offer(170), OutcomeCases.Close(181, CloseReason.Hired));

        var mm = OutcomeStatistics.Compute([one], Engine).For(JobLevel.MiddleManagement)!;

        mm.Cases.Should().Be(1);
        mm.Stages.Should().OnlyContain(s => s.Reached == 1 && s.OutOf == 1 && s.Rate == 1 && s.OverallRate == 1);
        // Wilson 1 of 1: lower bound 1 / (1 + z^2).
        mm.Stages.Should().OnlyContain(s => Math.Abs(s.Interval!.Lower - 0.20654931437723739) < Tolerance && s.Interval.Upper == 1);
        mm.MedianDaysToApproach.Should().Be(160);
        mm.MedianDaysToHire.Should().Be(181);
        // Beta(6 + 1, 14).
        mm.Odds.PosteriorMean.Should().BeApproximately(1 / 3.0, Tolerance);
        mm.Odds.Lower.Should().BeApproximately(0.15390920478454116, Tolerance);
        mm.Odds.Upper.Should().BeApproximately(0.54278918227628917, Tolerance);
    }

    [Fact]
    public void Compute_SingleOpenCase_NothingReachedAndOddsArePrior()
    {
        var mm = OutcomeStatistics.Compute([OutcomeCases.Case(JobLevel.MiddleManagement)], Engine).For(JobLevel.MiddleManagement)!;

        mm.Cases.Should().Be(1);
        mm.Stage(OutcomeStage.NoteSent).Rate.Should().Be(0);
        mm.Stage(OutcomeStage.NoteSent).Interval!.Upper.Should().BeApproximately(0.79345068562276261, Tolerance); // Wilson 0 of 1
        mm.Stage(OutcomeStage.FollowUpMade).Rate.Should().BeNull(); // nobody reached the previous stage
        mm.Stage(OutcomeStage.Hired).OverallRate.Should().Be(0);
        mm.Odds.PosteriorMean.Should().BeApproximately(0.30, Tolerance);
    }

    [Fact]
    public void Compute_MixedLevels_KeepsThemApart()
    {
        var report = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen().Concat(OutcomeCases.IndividualContributorThree()), Engine);

        report.Cases.Should().Be(13);
        report.For(JobLevel.MiddleManagement)!.Cases.Should().Be(10);
        report.For(JobLevel.IndividualContributor)!.Cases.Should().Be(3);
        report.For(new JobLevel("middlemanagement"))!.Odds.Successes.Should().Be(2);
    }

    [Fact]
    public void Compute_UnknownLevelOrNoNotified_SkipsTheCase()
    {
        var unknown = OutcomeCases.Case(new JobLevel("Intern"), OutcomeCases.Note(1));
        var headless = TestCases.New(JobLevel.MiddleManagement, new NoteSent(OutcomeCases.Call, NoteChannel.Card));
        var empty = TestCases.New(JobLevel.MiddleManagement);

        var report = OutcomeStatistics.Compute([unknown, headless, empty, OutcomeCases.Case(JobLevel.MiddleManagement)], Engine);

        report.Cases.Should().Be(1);
        report.Skipped.Should().Be(3);
        report.For(new JobLevel("Intern")).Should().BeNull();
        report.ChanceFor(new JobLevel("Intern")).Should().BeNull();
    }

    [Fact]
    public void Compute_CustomLevelAndWeight_UsesTheEngineProfileAndTheWeight()
    {
        var options = new PlaybookOptions();
        options.Levels[new JobLevel("Principal")] = new LevelProfile(5, 21, 0.15);
        var engine = new PlaybookEngine(options);
        var cases = Enumerable.Range(0, 7).Select(i => OutcomeCases.Case(new JobLevel("Principal"),
            OutcomeCases.Note(1), OutcomeCases.Close(40, i < 2 ? CloseReason.Hired : CloseReason.NoOpening)));

        var report = OutcomeStatistics.Compute(cases, engine, new OddsOptions { Weight = 10 });

        report.Levels.Select(l => l.Level.Name).Should().Equal("IndividualContributor", "MiddleManagement", "Principal", "SeniorExecutive");
        // Prior 0.15 x weight 10 = Beta(1.5, 8.5); 2 hired, 5 not: Beta(3.5, 13.5).
        var odds = report.ChanceFor(new JobLevel("Principal"))!;
        odds.PosteriorMean.Should().BeApproximately(3.5 / 17, Tolerance);
        odds.Lower.Should().BeApproximately(0.055812983890008758, Tolerance);
        odds.Upper.Should().BeApproximately(0.42078517223570732, Tolerance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Compute_WeightNotAboveZero_Throws(double weight)
    {
        var act = () => OutcomeStatistics.Compute([], Engine, new OddsOptions { Weight = weight });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Weight");
    }

    [Fact]
    public void Compute_NullArguments_Throw()
    {
        ((Action)(() => OutcomeStatistics.Compute(null!, Engine))).Should().Throw<ArgumentNullException>();
        ((Action)(() => OutcomeStatistics.Compute([], null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => OutcomeStatistics.Compute([null!], Engine))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task ComputeAsync_SameAsCompute()
    {
        var expected = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine);

        var actual = await OutcomeStatistics.ComputeAsync(OutcomeCases.MiddleManagementTen().ToAsyncEnumerable(), Engine);

        actual.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Report_SerializesAsCamelCaseJsonWithNamesAndNulls()
    {
        var report = OutcomeStatistics.Compute(OutcomeCases.MiddleManagementTen(), Engine);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, SecondChanceJson.Options));
        var root = json.RootElement;

        root.GetProperty("cases").GetInt64().Should().Be(10);
        var mm = root.GetProperty("levels")[1];
        mm.GetProperty("level").GetString().Should().Be("MiddleManagement");
        mm.GetProperty("medianDaysToApproach").GetDouble().Should().Be(165);
        var hired = mm.GetProperty("stages")[4];
        hired.GetProperty("stage").GetString().Should().Be("Hired");
        hired.GetProperty("reached").GetInt64().Should().Be(2);
        hired.GetProperty("interval").GetProperty("lower").GetDouble().Should().BeApproximately(0.20765960080204772, Tolerance);
        mm.GetProperty("odds").GetProperty("posteriorMean").GetDouble().Should().BeApproximately(8 / 26.0, Tolerance);
        var se = root.GetProperty("levels")[2];
        se.GetProperty("medianDaysToHire").ValueKind.Should().Be(JsonValueKind.Null);
        se.GetProperty("stages")[0].GetProperty("rate").ValueKind.Should().Be(JsonValueKind.Null);
    }
}
