using CsCheck;
using SecondChance.Planning;
using SecondChance.Serialization;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Properties;

/// <summary>Property-based invariants over generated valid (and nearly valid) cases.</summary>
public class InvariantTests
{
    private static readonly PlaybookEngine Engine = new();
    private static readonly string[] Zones = ["UTC", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "Pacific/Kiritimati", "Europe/London"];

    /// <summary>A valid history: the playbook's order with random skips, gaps of 0-200 days, and an optional close.</summary>
    private static readonly Gen<(RunnerUpCase Case, LocalDate Today)> ValidCase =
        Gen.Select(
            Gen.Int[0, 2],
            Gen.Int[0, 5000],
            Gen.Int[0, 5],
            Gen.Int[0, 200].Array[9],
            Gen.Bool.Array[9],
            Gen.Int[0, 4],
            Gen.Int[0, 400])
        .Select((level, start, zone, gaps, keep, close, after) =>
        {
            var levels = new[] { JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive };
            var on = new LocalDate(2020, 1, 1).PlusDays(start);
            var events = new List<CaseEvent> { new Notified(on) };
            Func<LocalDate, CaseEvent>[] steps =
            [
                d => new FeedbackRecorded(d, ["gap"]),
                d => new InterestReaffirmed(d),
                d => new NoteSent(d, NoteChannel.Letter),
                d => new FollowUpMade(d, FollowUpOutcome.NoResponse),
                d => new FollowUpMade(d, FollowUpOutcome.RoleReopened),
                d => new Approached(d),
                d => new OfferReceived(d, gaps[8] % 2 == 0 ? null : d.PlusDays(gaps[8])),
            ];
            for (var i = 0; i < steps.Length; i++)
            {
                if (keep[i])
                {
                    on = on.PlusDays(gaps[i]);
                    events.Add(steps[i](on));
                }
            }

            if (close > 0)
            {
                events.Add(new Closed(on.PlusDays(gaps[7]), (CloseReason)(close - 1)));
            }

            var c = New(levels[level], [.. events]) with { TimeZone = Zones[zone] };
            return (c, events[^1].On.PlusDays(after));
        });

    [Fact]
    public void Decide_AnyValidCase_NeverThrowsAndIsValid() =>
        ValidCase.Sample(t =>
        {
            var d = Engine.Decide(t.Case, t.Today);
            return d.IsValid && d.Errors.Count == 0 && d.Explain().Length > 0;
        }, iter: 3000);

    [Fact]
    public void Decide_DueDateIsNeverBeforeTheEventItCountsFrom() =>
        ValidCase.Sample(t =>
        {
            var d = Engine.Decide(t.Case, t.Today);
            if (d.DueOn is not { } due || d.Rule!.Due.Anchor is not { } anchor)
            {
                return d.Next.Action == PlaybookAction.None;
            }

            var anchorOn = t.Case.Events.Last(e => e.Type == anchor).On;
            var windowOk = d.WindowStart is null || (d.WindowStart <= due && due <= d.WindowEnd);
            return due >= anchorOn && windowOk && d.Next.Overdue == (t.Today > due);
        }, iter: 3000);

    [Fact]
    public void Decide_AddingALaterEvent_NeverMovesBackToAnEarlierStep() =>
        ValidCase.Sample(t =>
        {
            var previous = 0;
            for (var k = 1; k <= t.Case.Events.Count; k++)
            {
                var prefix = t.Case with { Events = t.Case.Events.Take(k).ToArray() };
                var next = Engine.Decide(prefix, t.Today).Next;
                var step = next.Step ?? 11; // closed is past every step
                if (step < previous)
                {
                    return false;
                }

                previous = step;
            }

            return true;
        }, iter: 2000);

    [Fact]
    public void Plan_AgreesWithDecideOnTheNextStep() =>
        ValidCase.Sample(t =>
        {
            var decision = Engine.Decide(t.Case, t.Today);
            var plan = Engine.Plan(t.Case, t.Today);
            var nextSteps = plan.Steps.Where(s => s.Status == PlanStepStatus.Next).ToList();
            return plan.Steps.Count == 10
                && nextSteps.Select(s => s.Step).SequenceEqual(decision.Next.Covers)
                && nextSteps.All(s => s.On == decision.Next.DueOn && s.Rule == decision.Next.Rule)
                && plan.Steps.Where(s => s.Status == PlanStepStatus.Projected).All(s => s.On >= t.Today);
        }, iter: 1500);

    [Fact]
    public void Json_AnyValidCase_RoundTrips() =>
        ValidCase.Sample(t =>
        {
            var json = SecondChanceJson.Serialize(t.Case);
            return SecondChanceJson.Serialize(SecondChanceJson.ParseCase(json).Case!) == json;
        }, iter: 1000);

    /// <summary>The engine's fast structural check and the FluentValidation validator must agree on every case.</summary>
    [Fact]
    public void FastCheckAndValidator_AgreeOnMutatedCases() =>
        Gen.Select(ValidCase, Gen.Int[0, 12], Gen.Int[0, 20]).Sample(x =>
        {
            var (c, today) = x.Item1;
            var events = c.Events.ToList();
            var i = x.Item3 % events.Count;
            var mutated = x.Item2 switch
            {
                0 => c with { Candidate = "" },
                1 => c with { Role = new string('r', 201) },
                2 => c with { Level = new JobLevel("Astronaut") },
                3 => c with { TimeZone = "Not/AZone" },
                4 => c with { Contact = new Contact("P", "broken@") },
                5 => c with { Events = [.. events, new Notified(events[^1].On)] },
                6 => c with { Events = [.. events, new Approached(events[^1].On.PlusDays(-1))] },
                7 => c with { Events = events.Skip(1).ToArray() },
                8 => c with { Events = [.. events, new Closed(events[^1].On, CloseReason.Withdrew), new Approached(events[^1].On)] },
                9 => c with { Events = [.. events, new OfferReceived(events[^1].On, events[^1].On.PlusDays(-1))] },
                10 => c with { Events = [.. events, new FeedbackRecorded(events[^1].On, [""])] },
                11 => c with { Events = events.Select((e, j) => j == i && j > 0 ? e with { On = e.On.PlusDays(5000) } : e).ToArray() },
                _ => c,
            };

            var decided = Engine.Decide(mutated, today).IsValid;
            var validated = Engine.Validate(mutated, today).Count == 0;
            return decided == validated;
        }, iter: 4000);
}
