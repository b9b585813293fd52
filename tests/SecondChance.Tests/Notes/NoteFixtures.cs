using SecondChance.Notes;

namespace SecondChance.Tests.Notes;

/// <summary>A case with two recorded gaps and notes written for it.</summary>
internal static class NoteFixtures
{
    public const string TeamGap = "has not led a team of 10 or more";
    public const string CloudGap = "less hands-on experience with cloud migrations";

    public static RunnerUpCase Case(NoteChannel? sentBy = null, params string[] gaps)
    {
        var call = new LocalDate(2026, 3, 6);
        var events = new List<CaseEvent>
        {
            new Notified(call),
            new FeedbackRecorded(call, gaps.Length == 0 ? [TeamGap, CloudGap] : gaps),
            new InterestReaffirmed(call),
        };
        if (sentBy is { } channel)
        {
            events.Add(new NoteSent(call.PlusDays(1), channel));
        }

        return new RunnerUpCase
        {
            Candidate = "Alex Rivera",
            Company = "Contoso",
            Role = "Engineering Manager",
            Level = JobLevel.MiddleManagement,
            TimeZone = "America/Los_Angeles",
            Contact = new Contact("Pat Lee", "pat@contoso.example"),
            Events = events,
        };
    }

    public static RunnerUpCase NoGapsCase() => Case() with
    {
        Events = [new Notified(new LocalDate(2026, 3, 6)), new FeedbackRecorded(new LocalDate(2026, 3, 6))],
    };

    public static readonly IReadOnlyDictionary<string, string> Evidence = new Dictionary<string, string>
    {
        [TeamGap] = "In 2025 I led 14 engineers across two sites and shipped the billing rewrite a month early",
        [CloudGap] = "Last year I moved 40 services from our own racks to the cloud with no customer-facing outage.",
    };

    /// <summary>A hand-written email that passes every check.</summary>
    public const string Good =
        "Subject: Thanks for the call\n" +          // 1
        "\n" +                                      // 2
        "Dear Pat,\n" +                             // 3
        "\n" +                                      // 4
        "Thank you for calling and for being so open about the decision.\n" + // 5
        "\n" +                                      // 6
        "You mentioned I have not led a large team. Since 2024 I have led\n" + // 7
        "a team of 12 engineers through two product launches.\n" +           // 8
        "\n" +                                      // 9
        "On cloud migrations: I planned and ran the move of 30 services to a\n" + // 10
        "public cloud, finishing two weeks ahead of plan.\n" +                 // 11
        "\n" +                                      // 12
        "I am still very interested in the position, and if anything changes I would be glad to talk.\n" + // 13
        "\n" +                                      // 14
        "Best regards,\n" +                         // 15
        "Alex\n";                                   // 16
}
