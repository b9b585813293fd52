using CsCheck;
using SecondChance.Tests.Support;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Decisions;

/// <summary>
/// <see cref="Decision"/> became a readonly struct that packs its dates into flags and folds its facts
/// on demand. These tests pin what a caller sees: default(Decision), the dates and overdue flag for every
/// rule, the facts, and the documented equality.
/// </summary>
public class DecisionStructTests
{
    private static readonly PlaybookEngine Engine = new();

    [Fact]
    public void Default_Decision_InvalidWithOneRootError()
    {
        var d = default(Decision);

        d.IsValid.Should().BeFalse();
        d.Errors.Should().ContainSingle().Which.Field.Should().Be("$");
        d.Errors[0].Message.Should().NotBeNullOrWhiteSpace();
        d.Rule.Should().BeNull();
        d.Case.Should().BeNull();
        d.GetFacts().Should().BeNull();
        d.FactsRead.Should().BeEmpty();
        d.DueOn.Should().BeNull();
        d.WindowStart.Should().BeNull();
        d.WindowEnd.Should().BeNull();
        d.IsOverdue.Should().BeFalse();
        d.Today.Should().Be(default(LocalDate));
        d.Invoking(x => x.Next).Should().Throw<InvalidOperationException>().WithMessage("*invalid*$: *");
        d.Explain().Should().StartWith("The case is invalid: $: ");
        d.ToString().Should().Be("invalid: " + d.Errors[0]);
    }

    [Fact]
    public void Equals_DefaultDecisions_EqualOnlyToEachOther()
    {
        var a = default(Decision);
        var b = new Decision();
        (a == b).Should().BeTrue();
        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());

        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)));
        var valid = Engine.Decide(c, D(2026, 3, 6));
        var invalid = Engine.Decide(c with { Candidate = " " }, D(2026, 3, 6));
        (valid == a).Should().BeFalse();
        (invalid == a).Should().BeFalse();
        (valid != a).Should().BeTrue();
        a.Equals(null).Should().BeFalse();
        a.Equals("invalid").Should().BeFalse();
    }

    [Fact]
    public void Next_InvalidDecision_ThrowsAndKeepsErrors()
    {
        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new NoteSent(D(2026, 3, 9), NoteChannel.Email));
        var d = Engine.Decide(c, D(2026, 3, 8));

        d.IsValid.Should().BeFalse();
        d.Case.Should().BeSameAs(c);
        d.Today.Should().Be(D(2026, 3, 8));
        d.Errors.Select(e => e.ToString()).Should().Equal("events[1].on: must not be after today (2026-03-08)");
        d.Rule.Should().BeNull();
        d.GetFacts().Should().BeNull();
        d.FactsRead.Should().BeEmpty();
        d.DueOn.Should().BeNull();
        d.IsOverdue.Should().BeFalse();
        d.Invoking(x => x.Next).Should().Throw<InvalidOperationException>().WithMessage("*events[1].on: must not be after today*");
        d.Explain().Should().Be("The case is invalid: events[1].on: must not be after today (2026-03-08)");
        d.ToString().Should().Be("invalid: events[1].on: must not be after today (2026-03-08)");
    }

    /// <summary>What the playbook's default rules promise for each rule, computed from the history by walking the weekdays.</summary>
    private static (LocalDate? Due, LocalDate? Start, LocalDate? End) Expected(string rule, IReadOnlyList<CaseEvent> events, LevelProfile profile)
    {
        LocalDate Latest(CaseEventType t) => events.Last(e => e.Type == t).On;
        static bool Weekday(LocalDate d) => d.DayOfWeek < IsoDayOfWeek.Saturday;
        static LocalDate OnOrAfter(LocalDate d)
        {
            while (!Weekday(d))
            {
                d = d.PlusDays(1);
            }

            return d;
        }

        static LocalDate Add(LocalDate d, int n)
        {
            while (n > 0)
            {
                d = d.PlusDays(1);
                n -= Weekday(d) ? 1 : 0;
            }

            return d;
        }

        switch (rule)
        {
            case "CaseClosed":
                return (null, null, null);
            case "NegotiateOffer":
                var offer = (OfferReceived)events.Last(e => e is OfferReceived);
                return (offer.RespondBy ?? Add(offer.On, 2), null, null);
            case "RespondToApproach":
                return (Add(Latest(CaseEventType.Approached), 1), null, null);
            case "FollowUpOnOpening":
                return (Add(Latest(CaseEventType.OpeningSeen), 1), null, null);
            case "AwaitApproach":
                var followUp = Latest(CaseEventType.FollowUpMade);
                return (followUp.PlusDays(profile.WaitAfterFollowUpDays), followUp, followUp.PlusDays(profile.WaitAfterFollowUpDays));
            case "FollowUp":
                var due = OnOrAfter(Latest(CaseEventType.NoteSent).PlusMonths(profile.FollowUpAfterMonths));
                return (due, due.PlusDays(-14), due.PlusDays(14));
            case "SendThankYouNote":
                return (Add(Latest(CaseEventType.Notified), 1), null, null);
            default:
                return (Latest(CaseEventType.Notified), null, null);
        }
    }

    [Fact]
    public void Decision_EveryDefaultRule_DatesAndOverdueRoundTrip()
    {
        var rules = new HashSet<string>();
        var overdueSeen = 0;
        Gen.Select(CaseHistories.ValidHistory, Gen.Int[0, 2], Gen.Int[-5, 400]).Sample(t =>
        {
            var (events, level, after) = t;
            var c = New(CaseHistories.KnownLevels[level], events);
            var today = events[^1].On.PlusDays(Math.Max(0, after));
            var d = Engine.Decide(c, today);
            d.IsValid.Should().BeTrue(string.Join("; ", d.Errors));
            lock (rules)
            {
                rules.Add(d.Rule!.Name);
            }

            var (due, start, end) = Expected(d.Rule!.Name, events, Engine.Levels[c.Level]);
            d.DueOn.Should().Be(due, d.Rule.Name);
            d.WindowStart.Should().Be(start, d.Rule.Name);
            d.WindowEnd.Should().Be(end, d.Rule.Name);
            d.IsOverdue.Should().Be(due is { } x && today > x);
            if (d.IsOverdue)
            {
                Interlocked.Increment(ref overdueSeen);
            }

            var next = d.Next;
            (next.DueOn, next.WindowStart, next.WindowEnd, next.Overdue, next.Rule).Should().Be((d.DueOn, d.WindowStart, d.WindowEnd, d.IsOverdue, d.Rule.Name));

            // Around the due date: the day before and the day itself are on time, the day after is overdue.
            if (due is { } dueOn)
            {
                foreach (var (day, overdue) in new[] { (dueOn.PlusDays(-1), false), (dueOn, false), (dueOn.PlusDays(1), true), (dueOn.PlusYears(3), true) })
                {
                    if (day < events[^1].On)
                    {
                        continue;
                    }

                    var later = Engine.Decide(c, day);
                    later.Rule.Should().BeSameAs(d.Rule, "the history, not today, picks the rule");
                    later.DueOn.Should().Be(dueOn);
                    later.IsOverdue.Should().Be(overdue, $"today {day}, due {dueOn}");
                    later.Next.Overdue.Should().Be(overdue);
                }
            }
        }, iter: 3000);

        rules.Should().BeEquivalentTo(Engine.RuleSet.Rules.Select(r => r.Name), "every default rule was exercised");
        overdueSeen.Should().BeGreaterThan(100);
    }

    [Theory]
    [InlineData(2026, 3, 9, 2026, 3, 9, false)] // due today: not overdue
    [InlineData(2026, 3, 9, 2026, 3, 10, true)] // a day late
    [InlineData(2026, 12, 31, 2027, 1, 1, true)] // across a year end
    [InlineData(2028, 2, 29, 2028, 2, 29, false)] // due on a leap day, that day
    [InlineData(2028, 2, 29, 2028, 3, 1, true)] // the day after a leap day
    [InlineData(2026, 1, 31, 2026, 2, 1, true)] // month end: 2026-02-01 sorts after 2026-01-31
    [InlineData(2026, 2, 1, 2026, 1, 31, false)] // and not the other way
    public void IsOverdue_TodayAfterRespondBy_True(int y, int m, int d, int ty, int tm, int td, bool overdue)
    {
        var respondBy = D(y, m, d);
        var offerOn = respondBy.PlusDays(-20);
        var c = New(JobLevel.SeniorExecutive, new Notified(offerOn.PlusDays(-100)), new OfferReceived(offerOn, respondBy));
        var decision = Engine.Decide(c, D(ty, tm, td));

        decision.Rule!.Name.Should().Be("NegotiateOffer");
        decision.DueOn.Should().Be(respondBy);
        decision.IsOverdue.Should().Be(overdue);
        decision.Next.Overdue.Should().Be(overdue);
    }

    [Fact]
    public void Decide_CaseDatedDefaultLocalDate_RefusedWithPathRatherThanNoDate()
    {
        // The struct stores a missing date as default(LocalDate) plus a flag; dates are bounded to
        // CaseLimits' range, so a case on that day is an error with its path, never a due date.
        var first = default(LocalDate);
        var c = New(JobLevel.MiddleManagement, new Notified(first));
        var d = Engine.Decide(c, new LocalDate(2026, 3, 9));
        d.IsValid.Should().BeFalse();
        d.Errors.Should().ContainSingle().Which.Field.Should().Be("events[0].on");
        d.DueOn.Should().BeNull();
    }

    [Fact]
    public void GetFacts_AfterOtherCasesDecided_EqualsFreshFold()
    {
        var decided = new List<(Decision Decision, RunnerUpCase Case)>();
        CaseHistories.AnyCase.Sample(t =>
        {
            var d = Engine.Decide(t.Case, t.Today);
            if (d.IsValid)
            {
                lock (decided)
                {
                    decided.Add((d, t.Case));
                }
            }
        }, iter: 3000, threads: 1);

        decided.Should().HaveCountGreaterThan(500);

        // Every decision was followed by others on the same thread: its facts must still be its own case's.
        foreach (var (d, c) in decided)
        {
            var fresh = CaseFacts.FromCase(c);
            var facts = d.GetFacts()!;
            facts.Should().BeEquivalentTo(fresh, o => o.Excluding(f => f.Level), CaseHistories.Describe(c));
            facts.Level.Should().Be(Engine.Levels.Keys.Single(l => string.Equals(l.Name, c.Level.Name, StringComparison.OrdinalIgnoreCase)).Name, "facts spell the level as the engine does");
            d.FactsRead.Should().NotBeEmpty();
            foreach (var fact in d.FactsRead)
            {
                fact.Value.Should().Be(fresh.TextOf(fact.Name), fact.Name);
            }

            d.Rule!.FactsRead.Should().Equal(d.FactsRead.Select(f => f.Name));
            d.Explain().Should().Contain($"Rule '{d.Rule.Name}' matched");
            d.ToString().Should().Be($"{d.Next.Action} ({d.Rule.Name})");
        }
    }

    [Fact]
    public void Decide_LevelSpelledDifferently_EngineSpelling()
    {
        var note = D(2026, 3, 6);
        var c = New(new JobLevel("seniorexecutive"), [.. HappyPath(note)]);
        var d = Engine.Decide(c, note);

        d.IsValid.Should().BeTrue();
        d.GetFacts()!.Level.Should().Be("SeniorExecutive");
        CaseFacts.FromCase(c).Level.Should().Be("seniorexecutive", "FromCase keeps the case's own spelling");
        d.DueOn.Should().Be(Engine.Decide(c with { Level = JobLevel.SeniorExecutive }, note).DueOn, "the level profile is found regardless of case");
    }

    [Fact]
    public void Equals_SameCaseSameDay_Equal()
    {
        var note = D(2026, 3, 6);
        var c = New(JobLevel.MiddleManagement, HappyPath(note));
        var a = Engine.Decide(c, note.PlusDays(10));
        var b = Engine.Decide(c, note.PlusDays(10));
        var fromOtherEngine = new PlaybookEngine().Decide(c, note.PlusDays(10));

        (a == b).Should().BeTrue();
        a.Equals(b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a == fromOtherEngine).Should().BeTrue("both engines use the default rule set's rule objects and compute the same dates");
        a.GetHashCode().Should().Be(fromOtherEngine.GetHashCode());

        var copy = a;
        (copy == a).Should().BeTrue();

        // A plan decides with the same engine: its decision is the same decision.
        (Engine.Plan(c, note.PlusDays(10)).Decision == a).Should().BeTrue();
    }

    [Fact]
    public void Equals_OtherCaseDayRuleOrDate_NotEqual()
    {
        var note = D(2026, 3, 6);
        var c = New(JobLevel.MiddleManagement, HappyPath(note));
        var today = note.PlusDays(10);
        var a = Engine.Decide(c, today);

        (Engine.Decide(c with { Role = c.Role + " II" }, today) != a).Should().BeTrue("another case");
        (Engine.Decide(c, today.PlusDays(1)) != a).Should().BeTrue("another day, though rule and due date are the same");
        Engine.Decide(c, today.PlusDays(1)).DueOn.Should().Be(a.DueOn);

        // The same rule, another due date: a holiday moves it.
        var options = new PlaybookOptions();
        options.Holidays.Add(a.DueOn!.Value);
        var withHoliday = new PlaybookEngine(options).Decide(c, today);
        withHoliday.Rule.Should().BeSameAs(a.Rule);
        withHoliday.DueOn.Should().NotBe(a.DueOn);
        (withHoliday == a).Should().BeFalse();

        // The same case, another rule set whose FollowUp rule is another object with the same content.
        var custom = new PlaybookEngine(new PlaybookOptions { RuleSet = PlaybookRuleSet.Load(PlaybookRuleSet.DefaultWorkflowJson).GetRuleSetOrThrow() }).Decide(c, today);
        (custom.Next.Rule, custom.DueOn, custom.WindowStart, custom.WindowEnd).Should().Be((a.Next.Rule, a.DueOn, a.WindowStart, a.WindowEnd));
        (custom == a).Should().BeTrue("the rule says and dates the same, though it is another object");
        var renamed = new PlaybookEngine(new PlaybookOptions
        {
            RuleSet = PlaybookRuleSet.Load(PlaybookRuleSet.DefaultWorkflowJson.Replace("\"RuleName\": \"FollowUp\"", "\"RuleName\": \"FollowUpLater\"", StringComparison.Ordinal)).GetRuleSetOrThrow(),
        }).Decide(c, today);
        renamed.Next.Rule.Should().Be("FollowUpLater");
        (renamed == a).Should().BeFalse("another rule decided");

        // Another level profile: a different window.
        var level = new PlaybookOptions();
        level.Levels[JobLevel.MiddleManagement] = new LevelProfile(7, 30, 0.3);
        (new PlaybookEngine(level).Decide(c, today) == a).Should().BeFalse();
    }

    [Fact]
    public void GetHashCode_EqualDecisions_EqualHashCodes()
    {
        var engines = new[] { Engine, new PlaybookEngine() };
        CaseHistories.AnyCase.Sample(t =>
        {
            var a = engines[0].Decide(t.Case, t.Today);
            var b = engines[1].Decide(t.Case, t.Today);
            if (a.IsValid)
            {
                (a == b).Should().BeTrue();
                a.GetHashCode().Should().Be(b.GetHashCode());
                a.Next.Should().Be(b.Next);
            }
            else
            {
                b.IsValid.Should().BeFalse();
                b.Errors.Should().Equal(a.Errors);
                (a == b).Should().BeTrue("two invalid decisions of one case on one day have equal errors");
                a.GetHashCode().Should().Be(b.GetHashCode());
            }

            var copy = a;
            (copy == a).Should().BeTrue("a copy of a decision is the same decision");
            copy.GetHashCode().Should().Be(a.GetHashCode());
        }, iter: 2000);
    }

    [Fact]
    public void Plan_Decision_KeepsDecisionAndFacts()
    {
        foreach (var file in new[] { "alex-middle-manager.json", "sam-individual-contributor.json", "morgan-senior-executive.json" })
        {
            var c = Sample(file);
            var today = c.Events[^1].On.PlusDays(3);
            var plan = Engine.Plan(c, today);
            var decision = Engine.Decide(c, today);

            plan.IsValid.Should().BeTrue(file);
            plan.Decision.Should().Be(decision);
            plan.Decision.Case.Should().BeSameAs(c);
            plan.Next.Should().Be(decision.Next);
            plan.Decision.GetFacts().Should().BeEquivalentTo(CaseFacts.FromCase(c), o => o.Excluding(f => f.Level), file);
            plan.Decision.FactsRead.Should().Equal(decision.FactsRead);
            plan.Steps.Should().HaveCount(10);
        }
    }

    [Fact]
    public void DecideMany_Decisions_KeepOwnCaseAndFacts()
    {
        var cases = SecondChance.Benchmarks.CaseGenerator.Generate(5000);
        var today = SecondChance.Benchmarks.CaseGenerator.Today;
        var swept = Engine.DecideMany(cases, today, maxDegreeOfParallelism: 2).ToArray();

        swept.Should().HaveCount(cases.Length);
        for (var i = 0; i < cases.Length; i += 37)
        {
            swept[i].Case.Should().BeSameAs(cases[i]);
            swept[i].Should().Be(Engine.Decide(cases[i], today));
            swept[i].GetFacts().Should().BeEquivalentTo(CaseFacts.FromCase(cases[i]), o => o.Excluding(f => f.Level));
        }
    }
}
