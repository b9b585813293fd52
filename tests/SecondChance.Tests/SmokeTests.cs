using SecondChance.Serialization;
using SecondChance.Tests.Support;

namespace SecondChance.Tests;

public class SmokeTests
{
    [Fact]
    public void DesignExample_DecidesFollowUp()
    {
        var engine = new PlaybookEngine();
        var c = TestCases.Sample("alex-middle-manager.json");
        var d = engine.Decide(c, TestCases.D(2026, 3, 10));
        d.Errors.Should().BeEmpty();
        var json = SecondChanceJson.Serialize(d.Next);
        Console.WriteLine(json);
        Console.WriteLine(d.Explain());
        json.Should().Contain("\"dueOn\":\"2026-08-06\"");
        var plan = engine.Plan(c, TestCases.D(2026, 3, 10));
        foreach (var s in plan.Steps) Console.WriteLine(s);
    }
}
