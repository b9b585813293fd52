using System.Globalization;
using NodaTime;
using SecondChance.Cases;
using SecondChance.Openings;

namespace SecondChance.Benchmarks;

/// <summary>
/// The opening watch at a board's scale: a million open and closed cases across 50,000 companies, and
/// 10,000 new openings (reposts, seniority changes, other teams, other functions, unknown companies)
/// matched against them through an <see cref="OpeningIndex"/>. Ends with one line:
/// <c>openings: cases=… openings=… match_ms=… pairs_compared=…</c>, where <c>match_ms</c> is the best of
/// three runs of building the index and matching every opening, in the thread's CPU time (on Linux; so
/// waiting for a core on a shared machine does not count), and <c>pairs_compared</c> the
/// title comparisons one run made (every pair would be cases x openings).
/// </summary>
internal static class OpeningsMode
{
    private const int CaseCount = 1_000_000;
    private const int OpeningCount = 10_000;
    private const int CompanyCount = 50_000;

    private static readonly string[] Roles =
    [
        "Engineering Manager", "Senior Software Engineer", "Product Manager", "Data Analyst", "Product Designer",
        "Sales Manager", "Account Executive", "Marketing Manager", "Chief Financial Officer", "Director of Engineering",
        "Backend Engineer", "Customer Success Manager", "Recruiter", "Data Scientist", "VP of Sales", "QA Engineer",
    ];

    private static readonly string[] OpeningTitles =
    [
        "Engineering Manager (Remote)", "Senior Engineering Manager, Payments", "Sr. Software Engineer", "Staff Software Engineer",
        "Product Manager - Growth", "Associate Product Manager", "Junior Data Analyst", "Data Analyst II", "Lead Product Designer",
        "Sales Manager", "Enterprise Account Executive", "Marketing Manager, Brand", "CFO", "Engineering Director", "Frontend Engineer",
        "Customer Success Manager", "Technical Recruiter", "Data Scientist, Machine Learning", "Vice President, Sales",
        "Quality Assurance Engineer", "Office Manager", "Financial Analyst", "Barista", "Head of Product",
    ];

    public static int Run()
    {
        var today = new LocalDate(2026, 3, 10);
        var (cases, openings) = Generate(today);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases.Length:N0} cases at {CompanyCount:N0} companies ({Roles.Length} roles), {openings.Length:N0} openings; best of 3 runs on one thread, timed in {ThreadClock.Name} ({Environment.ProcessorCount} cores)"));

        var best = long.MaxValue;
        long pairs = 0, matched = 0, indexMs = 0;
        for (var run = 0; run < 3; run++)
        {
            var started = ThreadClock.NowNanoseconds();
            var index = new OpeningIndex(cases);
            var built = (ThreadClock.NowNanoseconds() - started) / 1_000_000;
            var found = 0L;
            foreach (var opening in openings)
            {
                found += index.Match(opening).Count;
            }

            var elapsed = (ThreadClock.NowNanoseconds() - started) / 1_000_000;
            if (elapsed < best)
            {
                best = elapsed;
                indexMs = built;
            }

            pairs = index.PairsCompared;
            matched = found;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"for reference: index_ms={indexMs} open_cases_matched={matched} every_pair={(long)cases.Length * openings.Length}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"openings: cases={cases.Length} openings={openings.Length} match_ms={best} pairs_compared={pairs}"));
        return 0;
    }

    private static (RunnerUpCase[] Cases, JobOpening[] Openings) Generate(LocalDate today)
    {
        var rng = new Random(20260310);
        var companies = Enumerable.Range(0, CompanyCount).Select(i => $"Company {i:D5}" + (i % 3 == 0 ? ", Inc." : string.Empty)).ToArray();

        // Histories are immutable and shared: the index reads them, it never copies them.
        var noted = new LocalDate(2025, 10, 1);
        CaseEvent[][] histories =
        [
            [new Notified(noted), new InterestReaffirmed(noted), new NoteSent(noted, NoteChannel.Email)],
            [new Notified(noted), new NoteSent(noted, NoteChannel.Card), new FollowUpMade(noted.PlusMonths(4), FollowUpOutcome.NoChange)],
            [new Notified(noted), new FeedbackRecorded(noted, ["no budget ownership"])],
            [new Notified(noted), new NoteSent(noted, NoteChannel.Email), new Closed(noted.PlusMonths(2), CloseReason.TookOtherJob)],
        ];

        var cases = new RunnerUpCase[CaseCount];
        for (var i = 0; i < cases.Length; i++)
        {
            cases[i] = new RunnerUpCase
            {
                Candidate = "Candidate " + i.ToString(CultureInfo.InvariantCulture),
                Company = companies[rng.Next(CompanyCount)],
                Role = Roles[rng.Next(Roles.Length)],
                Level = JobLevel.MiddleManagement,
                Events = histories[rng.Next(histories.Length)],
            };
        }

        var openings = new JobOpening[OpeningCount];
        for (var i = 0; i < openings.Length; i++)
        {
            var company = rng.Next(10) == 0 ? $"Unknown Employer {i}" : companies[rng.Next(CompanyCount)].Replace(", Inc.", " LLC", StringComparison.Ordinal);
            openings[i] = new JobOpening { Company = company, Title = OpeningTitles[rng.Next(OpeningTitles.Length)], PostedOn = today, Url = $"https://jobs.example/{i}" };
        }

        return (cases, openings);
    }
}
