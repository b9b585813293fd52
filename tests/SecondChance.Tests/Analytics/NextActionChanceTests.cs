using System.Text.Json.Nodes;
using SecondChance.Analytics;
using SecondChance.Serialization;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Analytics;

public class NextActionChanceTests
{
    [Fact]
    public void WithChance_CarriesTheCalibratedOddsIntoTheJson()
    {
        var engine = new PlaybookEngine();
        var hired = New(JobLevel.MiddleManagement, [.. HappyPath(D(2026, 3, 6)), new OfferReceived(D(2026, 9, 1)), new Closed(D(2026, 9, 2), CloseReason.Hired)]);
        var lost = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new Closed(D(2026, 3, 9), CloseReason.NoOpening));
        var report = OutcomeStatistics.Compute([hired, lost, lost], engine);
        var open = New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6)));

        var next = engine.Decide(open, D(2026, 3, 10)).Next.WithChance(report, open.Level);

        // Beta(0.30 * 20 + 1, 0.70 * 20 + 2) = Beta(7, 16): mean 7 / 23.
        next.Chance!.PosteriorMean.Should().BeApproximately(7.0 / 23, 1e-12);
        var json = JsonNode.Parse(SecondChanceJson.Serialize(next))!;
        json["chance"]!["posteriorMean"]!.GetValue<double>().Should().BeApproximately(7.0 / 23, 1e-12);
        JsonNode.Parse(SecondChanceJson.Serialize(engine.Decide(open, D(2026, 3, 10)).Next))!.AsObject().ContainsKey("chance").Should().BeFalse();

        var plan = engine.Plan(open, D(2026, 3, 10));
        var withChance = plan.WithChance(report);
        withChance.Next!.Value.Chance.Should().Be(next.Chance);
        withChance.Steps.Should().BeSameAs(plan.Steps);
        plan.Next!.Value.Chance.Should().BeNull();
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(withChance, SecondChanceJson.Options))!["next"]!["chance"]!["posteriorMean"]!
            .GetValue<double>().Should().BeApproximately(7.0 / 23, 1e-12);
    }
}
