using SecondChance.Benchmarks;

namespace SecondChance.Tests.Rules;

/// <summary>
/// The library decides on delegates compiled once from the workflow; RulesEngine can run the same
/// workflow JSON itself. Both must reach the same next action, due date and window on every case.
/// </summary>
public class CompiledVsNaiveTests
{
    private static readonly LocalDate Today = CaseGenerator.Today;

    [Fact]
    public async Task Compiled_and_RulesEngine_agree_on_every_generated_case()
    {
        var engine = new PlaybookEngine();
        var naive = new NaiveRulesEngine(engine);
        var cases = CaseGenerator.Generate(CaseGenerator.StageCount * 3 * 8);
        var rulesSeen = new HashSet<string>();

        for (var i = 0; i < cases.Length; i++)
        {
            var decision = engine.Decide(cases[i], Today);
            decision.Errors.Should().BeEmpty($"generated case {i} is valid");
            var viaRulesEngine = await naive.DecideAsync(cases[i], Today);
            viaRulesEngine.Should().NotBeNull($"some rule matches case {i}");

            var compiled = decision.Next;
            var other = viaRulesEngine!.Value;
            compiled.Rule.Should().Be(other.Rule, $"case {i}");
            compiled.Action.Should().Be(other.Action, $"case {i}");
            compiled.Step.Should().Be(other.Step, $"case {i}");
            compiled.Covers.Should().Equal(other.Covers, $"case {i}");
            compiled.DueOn.Should().Be(other.DueOn, $"case {i}");
            compiled.WindowStart.Should().Be(other.WindowStart, $"case {i}");
            compiled.WindowEnd.Should().Be(other.WindowEnd, $"case {i}");
            compiled.Overdue.Should().Be(other.Overdue, $"case {i}");
            rulesSeen.Add(compiled.Rule);
        }

        rulesSeen.Should().BeEquivalentTo(engine.RuleSet.Rules.Select(r => r.Name), "the generated cases reach every rule");
    }

    [Fact]
    public void Generated_cases_cover_every_level_and_stage()
    {
        var cases = CaseGenerator.Generate(CaseGenerator.StageCount * 3);
        cases.Select(c => c.Level).Distinct().Should().HaveCount(3);
        cases.Select(c => c.Events.Count).Distinct().Count().Should().BeGreaterThan(6);
        cases.Should().OnlyContain(c => c.Events.All(e => e.On <= Today));
    }

    [Fact]
    public void Facts_of_a_decision_match_the_facts_RulesEngine_is_given()
    {
        var engine = new PlaybookEngine();
        foreach (var c in CaseGenerator.Generate(CaseGenerator.StageCount * 3))
        {
            var decision = engine.Decide(c, Today);
            var expected = CaseFacts.FromCase(c);
            decision.GetFacts().Should().BeEquivalentTo(expected, o => o.Excluding(f => f.Level));
            decision.GetFacts()!.Level.Should().Be(c.Level.Name);
            decision.FactsRead.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Batch_sweep_gives_the_same_decisions_in_order()
    {
        var engine = new PlaybookEngine();
        var cases = CaseGenerator.Generate(10_000);
        var swept = engine.DecideMany(cases, Today).ToList();

        swept.Should().HaveCount(cases.Length);
        for (var i = 0; i < cases.Length; i += 97)
        {
            swept[i].Case.Should().BeSameAs(cases[i]);
            swept[i].Next.Should().Be(engine.Decide(cases[i], Today).Next);
        }
    }
}
