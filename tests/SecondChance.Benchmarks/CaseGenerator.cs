using NodaTime;
using SecondChance.Cases;

namespace SecondChance.Benchmarks;

/// <summary>
/// Builds realistic, valid runner-up cases deterministically: every job level crossed with every
/// stage of the playbook (just notified, feedback, interest, note, one or two follow-ups, approached,
/// offers with and without a respond-by date, closed at any point, an opening seen after the note or a
/// follow-up), with varied dates, zones and contacts.
/// </summary>
internal static class CaseGenerator
{
    /// <summary>The date every generated case is decided on; no event is later.</summary>
    public static readonly LocalDate Today = new(2026, 3, 10);

    /// <summary>The number of distinct stages; case <c>i</c> has stage <c>(i / 3) % StageCount</c>.</summary>
    public const int StageCount = 13;

    private static readonly JobLevel[] Levels = [JobLevel.IndividualContributor, JobLevel.MiddleManagement, JobLevel.SeniorExecutive];
    private static readonly string[] Zones = ["UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "America/New_York"];
    private static readonly string[] Gaps = ["has not led a team of 10 or more", "little public-cloud experience", "no budget ownership", "shorter tenure in the industry"];
    private static readonly string[] Names = ["Alex Rivera", "Sam Okafor", "Morgan Lee", "Jordan Petrov", "Riley Chen"];
    private static readonly string[] Companies = ["Contoso", "Fabrikam", "Northwind Traders", "Tailspin Toys"];
    private static readonly string[] Roles = ["Engineering Manager", "Data Analyst", "Chief Financial Officer", "Product Designer"];
    private static readonly string[] OpeningTitles = ["Engineering Manager", "Senior Engineering Manager, Payments", "Data Analyst II", "Product Designer (Remote)"];

    /// <summary>Generates <paramref name="count"/> cases; the first 36 cover every level x stage pair, and so does every later run of 36.</summary>
    /// <param name="count">How many cases.</param>
    /// <param name="seed">The random seed; the same seed gives the same cases.</param>
    /// <returns>The cases.</returns>
    public static RunnerUpCase[] Generate(int count, int seed = 20260310)
    {
        var rng = new Random(seed);
        var cases = new RunnerUpCase[count];
        for (var i = 0; i < count; i++)
        {
            cases[i] = Build(Levels[i % Levels.Length], (i / Levels.Length) % StageCount, rng);
        }

        return cases;
    }

    private static RunnerUpCase Build(JobLevel level, int stage, Random rng)
    {
        var events = new List<CaseEvent>(8);
        var on = Today.PlusDays(-rng.Next(0, 720));
        events.Add(new Notified(on));

        // Stage 11 closes a case at a random earlier stage; stage 10 is an employer who comes back before any
        // follow-up; stage 12 sees an opening after the note or after a first follow-up.
        var upTo = stage switch
        {
            11 => rng.Next(0, 10),
            12 => rng.Next(3, 5),
            _ => stage,
        };

        if (upTo >= 1)
        {
            var gaps = Gaps.Take(rng.Next(0, 4)).ToArray();
            events.Add(new FeedbackRecorded(on, gaps));
        }

        if (upTo >= 2)
        {
            events.Add(new InterestReaffirmed(on));
        }

        if (upTo >= 3)
        {
            on = on.PlusDays(rng.Next(0, 3));
            events.Add(new NoteSent(on, (NoteChannel)rng.Next(0, 3)));
        }

        if (upTo == 10)
        {
            on = on.PlusDays(rng.Next(5, 90));
            events.Add(new Approached(on));
        }
        else
        {
            if (upTo >= 4)
            {
                on = on.PlusMonths(3 + rng.Next(0, 5)).PlusDays(rng.Next(0, 20));
                events.Add(new FollowUpMade(on, (FollowUpOutcome)rng.Next(0, 4)));
            }

            if (upTo >= 5)
            {
                on = on.PlusDays(rng.Next(14, 60));
                events.Add(new FollowUpMade(on, (FollowUpOutcome)rng.Next(0, 4)));
            }

            if (upTo >= 6)
            {
                on = on.PlusDays(rng.Next(0, 40));
                events.Add(new Approached(on));
            }

            if (upTo >= 7)
            {
                on = on.PlusDays(rng.Next(1, 20));
                events.Add(upTo >= 8 ? new OfferReceived(on, on.PlusDays(rng.Next(2, 10))) : new OfferReceived(on));
            }
        }

        if (stage == 12)
        {
            on = on.PlusDays(rng.Next(1, 60));
            var url = rng.Next(2) == 0 ? null : $"https://jobs.example/{rng.Next(100_000)}";
            events.Add(new OpeningSeen(on, OpeningTitles[rng.Next(OpeningTitles.Length)], (OpeningMatch)rng.Next(0, 2), url));
        }

        if (stage == 11)
        {
            on = on.PlusDays(rng.Next(0, 30));
            events.Add(new Closed(on, (CloseReason)rng.Next(0, 4)));
        }

        // Keep every event on or before today by moving the whole history back.
        var shift = Period.Between(Today, events[^1].On, PeriodUnits.Days).Days;
        if (shift > 0)
        {
            for (var i = 0; i < events.Count; i++)
            {
                events[i] = Shift(events[i], -shift);
            }
        }

        return new RunnerUpCase
        {
            Candidate = Names[rng.Next(Names.Length)],
            Company = Companies[rng.Next(Companies.Length)],
            Role = Roles[rng.Next(Roles.Length)],
            Level = level,
            TimeZone = Zones[rng.Next(Zones.Length)],
            Contact = rng.Next(3) switch
            {
                0 => null,
                1 => new Contact("Pat Lee"),
                _ => new Contact("Pat Lee", "pat.lee@contoso.example"),
            },
            Events = events.ToArray(),
        };
    }

    private static CaseEvent Shift(CaseEvent e, int days) => e switch
    {
        OfferReceived o => new OfferReceived(o.On.PlusDays(days), o.RespondBy?.PlusDays(days)),
        _ => e with { On = e.On.PlusDays(days) },
    };
}
