using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Decisions;

/// <summary>Deciding a valid case allocates nothing: a nightly sweep over millions of cases must leave no garbage.</summary>
public class AllocationTests
{
    [Fact]
    public void Decide_ValidCasesAtEveryStage_AllocatesNothing()
    {
        var engine = new PlaybookEngine();
        var call = D(2026, 3, 2);
        // Every rule of the default set decides one of the prefixes of this history.
        CaseEvent[] history =
        [
            .. HappyPath(call),
            new FollowUpMade(D(2026, 8, 3), FollowUpOutcome.NoChange),
            new OpeningSeen(D(2026, 8, 20), "Engineering Manager", OpeningMatch.Reopened, "https://jobs.example/contoso/42"),
            new FollowUpMade(D(2026, 9, 1), FollowUpOutcome.NoResponse),
            new Approached(D(2026, 9, 20)),
            new OfferReceived(D(2026, 9, 25)),
            new OfferReceived(D(2026, 9, 28), D(2026, 10, 2)),
            new Closed(D(2026, 10, 1), CloseReason.Hired),
        ];
        var today = history[^1].On.PlusDays(1);
        var cases = new List<RunnerUpCase>();
        foreach (var level in new[] { JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive })
        {
            for (var n = 1; n <= history.Length; n++)
            {
                cases.Add(New(level, history[..n]) with { TimeZone = n % 2 == 0 ? "Europe/Berlin" : "America/Los_Angeles" });
                cases.Add(New(level, [.. history[..n]]) with { Contact = new Contact("Pat Lee", "pat.lee@contoso.example") });
            }
        }

        // Once to fill the engine's zone and level tables and compile everything; then measure.
        foreach (var c in cases)
        {
            engine.Decide(c, today).IsValid.Should().BeTrue(c.ToString());
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var due = 0;
        for (var round = 0; round < 10; round++)
        {
            foreach (var c in cases)
            {
                var decision = engine.Decide(c, today);
                due += decision.DueOn?.Day ?? 0;
                due += decision.WindowEnd?.Day ?? 0;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        due.Should().BePositive();
        cases.Select(c => engine.Decide(c, today).Rule!.Name).Distinct().Should().BeEquivalentTo(PlaybookRuleSet.Default.Rules.Select(r => r.Name));
        allocated.Should().Be(0, "{0} decisions of valid cases", cases.Count * 10);
    }
}
