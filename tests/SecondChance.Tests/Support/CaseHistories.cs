using System.Collections;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using CsCheck;

namespace SecondChance.Tests.Support;

/// <summary>An <see cref="IReadOnlyList{T}"/> that is neither an array nor a <see cref="List{T}"/>.</summary>
internal sealed class CustomEventList(IReadOnlyList<CaseEvent> inner) : IReadOnlyList<CaseEvent>
{
    public CaseEvent this[int index] => inner[index];

    public int Count => inner.Count;

    public IEnumerator<CaseEvent> GetEnumerator() => inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "Custom" + Describe(inner);

    private static string Describe(IReadOnlyList<CaseEvent> e) => "[" + string.Join(", ", e.Select(x => x?.ToString() ?? "null")) + "]";
}

/// <summary>
/// Generators of cases at every stage of the playbook: valid histories, histories with one structural
/// mistake, and random sequences of events, each held in one of several collection types.
/// </summary>
internal static class CaseHistories
{
    public static readonly JobLevel[] KnownLevels = [JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive];

    private static readonly string[] Gaps = ["has not led a team of 10 or more", "little cloud experience"];

    private static readonly string[] Titles = ["Engineering Manager", "Senior Engineering Manager, Payments", "Ingénieur logiciel"];

    private static readonly string[] Zones = ["UTC", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "Europe/London"];

    /// <summary>A history in the playbook's order with random skips and gaps, optionally closed.</summary>
    public static readonly Gen<CaseEvent[]> ValidHistory =
        Gen.Select(Gen.Int[0, 6000], Gen.Int[0, 120].Array[10], Gen.Bool.Array[10], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 10])
            .Select((start, gaps, keep, close, channel, outcome, upTo) =>
            {
                var on = new LocalDate(2019, 12, 28).PlusDays(start);
                var events = new List<CaseEvent> { new Notified(on) };
                Func<LocalDate, CaseEvent>[] steps =
                [
                    d => new FeedbackRecorded(d, Gaps[..(gaps[9] % 3)]),
                    d => new InterestReaffirmed(d),
                    d => new NoteSent(d, (NoteChannel)(channel % 3)),
                    d => new FollowUpMade(d, (FollowUpOutcome)outcome),
                    d => new OpeningSeen(d, Titles[outcome % Titles.Length], (OpeningMatch)(outcome % 2), outcome % 3 == 0 ? null : "https://jobs.example/contoso/" + outcome),
                    d => new FollowUpMade(d, (FollowUpOutcome)((outcome + 1) % 4)),
                    d => new FollowUpMade(d, FollowUpOutcome.NoChange),
                    d => new Approached(d),
                    d => new OfferReceived(d, gaps[8] % 3 == 0 ? null : d.PlusDays(gaps[8] % 15)),
                    d => new OfferReceived(d),
                ];
                // Stop at a random stage, so that early stages are as common as late ones.
                for (var i = 0; i < Math.Min(upTo, steps.Length); i++)
                {
                    if (keep[i])
                    {
                        on = on.PlusDays(gaps[i] % (i < 3 ? 3 : 120));
                        events.Add(steps[i](on));
                    }
                }

                if (close > 0)
                {
                    events.Add(new Closed(on.PlusDays(gaps[7] % 30), (CloseReason)(close - 1)));
                }

                return events.ToArray();
            });

    /// <summary>Any event, including malformed ones (out-of-range enums, respondBy before the offer, bad gaps) and null.</summary>
    public static CaseEvent? AnyEvent(LocalDate on, int kind, int e, int by) => kind switch
    {
        0 or 1 => new Notified(on),
        2 => new FeedbackRecorded(on, by switch { < 0 => null!, 0 => [""], 1 => ["\u00a0 "], 2 => [new string('g', 501)], 3 => Enumerable.Repeat("g", 51).ToArray(), _ => ["gap"] }),
        3 => new FeedbackRecorded(on),
        4 => new InterestReaffirmed(on),
        5 or 6 => new NoteSent(on, (NoteChannel)e),
        7 or 8 => new FollowUpMade(on, (FollowUpOutcome)e),
        9 => new Approached(on),
        10 or 11 => new OfferReceived(on, by == 0 ? null : on.PlusDays(by)),
        12 or 13 => new Closed(on, (CloseReason)e),
        14 => null,
        15 => new NoteSent(on, (NoteChannel)(99 + e)),
        16 => new Closed(on, (CloseReason)(-1 - e)),
        17 => new OpeningSeen(on, by < 0 ? " " : by == 1 ? new string('t', 201) : "Engineering Manager", (OpeningMatch)(e % 3), by == 0 ? "ftp://jobs.example/1" : by == 2 ? "jobs.example/1" : null),
        18 => new OpeningSeen(on, "Engineering Manager", OpeningMatch.Similar, "https://jobs.example/contoso/7"),
        _ => new FeedbackRecorded(on, ["gap one", "gap two"]),
    };

    /// <summary>A random sequence of up to 9 events, dates mostly ascending with some going back.</summary>
    public static readonly Gen<CaseEvent?[]> RandomHistory =
        Gen.Select(Gen.Int[0, 6000], Gen.Select(Gen.Int[-2, 40], Gen.Int[0, 20], Gen.Int[-2, 5], Gen.Int[-3, 20]).Array[0, 9])
            .Select((start, steps) =>
            {
                var on = new LocalDate(2019, 12, 28).PlusDays(start);
                var events = new CaseEvent?[steps.Length];
                for (var i = 0; i < steps.Length; i++)
                {
                    on = on.PlusDays(steps[i].Item1);
                    events[i] = AnyEvent(on, steps[i].Item2, steps[i].Item3, steps[i].Item4);
                }

                return events;
            });

    /// <summary>A valid history with one structural mistake of the kinds the fast check must catch.</summary>
    public static readonly Gen<CaseEvent?[]> MutatedHistory =
        Gen.Select(ValidHistory, Gen.Int[0, 19], Gen.Int[0, 100])
            .Select<CaseEvent[], int, int, CaseEvent?[]>((valid, mutation, r) =>
            {
                var events = valid.Cast<CaseEvent?>().ToList();
                var last = valid[^1].On;
                var i = r % events.Count;
                switch (mutation)
                {
                    case 0: events.Insert(i, null); break;
                    case 1: events.Add(null); break;
                    case 2: events.Insert(Math.Max(1, i), new Notified(last)); break;
                    case 3: events.Add(new Notified(last)); break;
                    case 4: events.RemoveAt(0); break;
                    case 5: events.Add(new Closed(last, CloseReason.Withdrew)); events.Add(new Approached(last)); break;
                    case 6: events.Add(new Closed(last, CloseReason.Hired)); events.Add(new Closed(last, CloseReason.Hired)); break;
                    case 7: events.Add(new OfferReceived(last, last.PlusDays(-1 - (r % 40)))); break;
                    case 8: events.Add(new OfferReceived(last, last)); break;
                    case 9: events.Add(new NoteSent(last, (NoteChannel)(3 + (r % 3)))); break;
                    case 10: events.Add(new FollowUpMade(last, (FollowUpOutcome)(-1 - (r % 3)))); break;
                    case 11: events.Add(new Closed(last, (CloseReason)(4 + (r % 200)))); break;
                    case 12: events.Add(new Approached(last.PlusDays(-1))); break;
                    case 13:
                        // Across a month and a year boundary, one day apart: 31 Dec then 30 Dec, 1 Mar then 29 Feb.
                        var end = new LocalDate(last.Year + 1, r % 2 == 0 ? 12 : 3, r % 2 == 0 ? 31 : 1);
                        events.Add(new Approached(end));
                        events.Add(new OfferReceived(end.PlusDays(-1)));
                        break;
                    case 14:
                        // Month and day swapped against the year: 2026-02-01 after 2026-01-31 is fine, 2026-01-31 after 2026-02-01 is not.
                        var feb = new LocalDate(last.Year + 1, 2, 1);
                        events.Add(new Approached(feb));
                        events.Add(new OfferReceived(feb.PlusDays(-1 - (r % 3))));
                        break;
                    case 15: events.Add(new FeedbackRecorded(last, [r % 2 == 0 ? "\u2003" : ""])); break;
                    case 16: events.Clear(); break;
                    case 17: events.Add(new OpeningSeen(last, r % 2 == 0 ? "" : "Engineering Manager", OpeningMatch.Reopened, r % 2 == 0 ? null : "not a url")); break;
                    case 18: events.Add(new OpeningSeen(last, "Engineering Manager", (OpeningMatch)(2 + (r % 5)))); break;
                    default: events.Add(new Approached(new LocalDate(last.Year + 1, 1, 1))); events.Add(new Closed(new LocalDate(last.Year, 12, 31), CloseReason.NoOpening)); break;
                }

                return events.ToArray();
            });

    /// <summary>Histories of every kind: mostly valid, many with one mistake, some random.</summary>
    public static readonly Gen<CaseEvent?[]> AnyHistory = Gen.Frequency(
        (5, ValidHistory.Select(h => h.Cast<CaseEvent?>().ToArray())),
        (4, MutatedHistory),
        (2, RandomHistory));

    /// <summary>Holds the events in an array, a list, a custom list, an immutable array, a read-only collection, or an array of their most derived common type.</summary>
    public static IReadOnlyList<CaseEvent> Wrap(CaseEvent?[] events, int shape)
    {
        var items = events.Select(e => e!).ToArray();
        return (shape % 6) switch
        {
            0 => items,
            1 => items.ToList(),
            2 => new CustomEventList(items),
            3 => items.ToImmutableArray(),
            4 => new ReadOnlyCollection<CaseEvent>(items),
            _ => DerivedArray(items),
        };
    }

    /// <summary>An array typed as the events' common type when they share one (a Notified[] for a just-notified case), else a plain array.</summary>
    public static IReadOnlyList<CaseEvent> DerivedArray(CaseEvent[] items)
    {
        var types = items.Where(e => e is not null).Select(e => e.GetType()).Distinct().ToArray();
        if (types.Length != 1)
        {
            return items;
        }

        var typed = Array.CreateInstance(types[0], items.Length);
        Array.Copy(items, typed, items.Length);
        return (IReadOnlyList<CaseEvent>)typed;
    }

    /// <summary>A case around a history, with a level (known, differently cased, or unknown), a zone and a today.</summary>
    public static readonly Gen<(RunnerUpCase Case, LocalDate Today)> AnyCase =
        Gen.Select(AnyHistory, Gen.Int[0, 5], Gen.Int[0, 9], Gen.Int[0, 4], Gen.Int[-3, 500])
            .Select((history, shape, level, zone, after) =>
            {
                var jobLevel = level switch
                {
                    < 6 => KnownLevels[level % 3],
                    6 => new JobLevel("middlemanagement"),
                    7 => new JobLevel("SENIOREXECUTIVE"),
                    8 => new JobLevel("Contractor"),
                    _ => new JobLevel(string.Concat("Individual", "Contributor")), // equal text, another string instance
                };
                var lastOn = history.LastOrDefault(e => e is not null)?.On ?? new LocalDate(2026, 3, 10);
                var c = new RunnerUpCase
                {
                    Candidate = "Alex Rivera",
                    Company = "Contoso",
                    Role = "Engineering Manager",
                    Level = jobLevel,
                    TimeZone = Zones[zone],
                    Contact = new Contact("Pat Lee", "pat@contoso.example"),
                    Events = Wrap(history, shape),
                };
                return (c, lastOn.PlusDays(after));
            });

    public static string Describe(RunnerUpCase c) =>
        $"{c.Level.Name} {c.Events.GetType().Name} [{string.Join(", ", c.Events.Select(e => e?.ToString() ?? "null"))}]";
}
