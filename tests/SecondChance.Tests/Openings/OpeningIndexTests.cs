using SecondChance.Openings;
using SecondChance.Serialization;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Openings;

/// <summary>The index finds the open cases an opening matches, comparing titles only within the opening's company.</summary>
public class OpeningIndexTests
{
    private static readonly LocalDate Call = D(2026, 3, 6);
    private static readonly LocalDate Posted = D(2026, 9, 4);

    [Fact]
    public void Match_ComparesEachDistinctRoleAtTheOpeningsCompanyOnce()
    {
        RunnerUpCase[] cases =
        [
            At("Contoso", "Engineering Manager"),
            At("Contoso, Inc.", "Engineering Manager"),
            At("Contoso", "Product Manager"),
            At("Fabrikam", "Engineering Manager"),
            At("Northwind", "Data Analyst"),
        ];
        var index = new OpeningIndex(cases);

        var found = index.Match(new JobOpening { Company = "CONTOSO LLC", Title = "Engineering Manager (Remote)", PostedOn = Posted });

        found.Select(f => f.Index).Should().Equal(0, 1);
        found.Should().OnlyContain(f => f.Result.Match == OpeningMatch.Reopened);
        index.PairsCompared.Should().Be(2, "one comparison for the two Engineering Manager cases and one for Product Manager, at Contoso only");
        index.CompanyCount.Should().Be(3);
        index.Count.Should().Be(5);
    }

    [Fact]
    public void Index_LeavesOutClosedAndOfferedCases_AndMatchSkipsOldNewsAndRepeats()
    {
        var open = At("Contoso", "Engineering Manager");
        RunnerUpCase[] cases =
        [
            open,
            open.With(new Closed(Call.PlusDays(5), CloseReason.TookOtherJob)),
            open.With(new OfferReceived(Call.PlusDays(5))),
            open.With(new Approached(Posted.PlusDays(1))),
            open.With(new OpeningSeen(Posted, "Engineering Manager", OpeningMatch.Reopened, "https://jobs.example/contoso/42")),
        ];
        var index = new OpeningIndex(cases);

        index.Count.Should().Be(3);
        var found = index.Match(new JobOpening { Company = "Contoso", Title = "Engineering Manager", PostedOn = Posted, Url = "https://jobs.example/contoso/42" });

        found.Select(f => f.Index).Should().Equal([0], "case 3 was approached after the posting went up, case 4 already records it");
    }

    [Fact]
    public void Candidate_RecordsTheOpeningAndDecidesTheFollowUp()
    {
        var index = new OpeningIndex([At("Contoso", "Engineering Manager")]);
        var opening = new JobOpening { Company = "Contoso", Title = "Senior Engineering Manager, Payments", PostedOn = Posted, Url = "https://jobs.example/contoso/77" };

        var candidate = index.Match(opening).Should().ContainSingle().Subject;

        candidate.Event.Should().Be(new OpeningSeen(Posted, "Senior Engineering Manager, Payments", OpeningMatch.Similar, "https://jobs.example/contoso/77"));
        candidate.WithOpening().Events[^1].Should().Be(candidate.Event);
        candidate.Case.Events.Should().HaveCount(4, "the indexed case is unchanged");
        var next = candidate.Decide(new PlaybookEngine(), Posted).Next;
        next.Rule.Should().Be("FollowUpOnOpening");
        next.DueOn.Should().Be(D(2026, 9, 7));
        next.Guidance.Should().Contain("interested in this role too");
    }

    [Fact]
    public void ParseOpening_ReadsTheDocumentAndNamesBadFields()
    {
        SecondChanceJson.ParseOpening("""{ "company": "Contoso", "title": "Engineering Manager", "postedOn": "2026-09-04", "level": "MiddleManagement", "url": "https://jobs.example/1", "location": "Berlin", "id": 42 }""", out var opening)
            .Should().BeEmpty();
        opening.Should().Be(new JobOpening { Company = "Contoso", Title = "Engineering Manager", PostedOn = Posted, Level = JobLevel.MiddleManagement, Url = "https://jobs.example/1", Location = "Berlin", Id = "42" });
        opening!.Key.Should().Be("id:42");

        SecondChanceJson.ParseOpening("""{ "company": " ", "postedOn": "2026-13-01", "url": 5 }""", out var bad).Select(e => e.ToString())
            .Should().BeEquivalentTo("title: is required", "postedOn: 2026-13-01 has no month 13; months run from 01 to 12", "url: must be a string");
        SecondChanceJson.ParseOpening("""{ "company": "Contoso", "postedOn": "2026-09-04", "url": "nope" }""", out _).Select(e => e.Field)
            .Should().BeEquivalentTo("title", "url");
        bad.Should().BeNull();

        SecondChanceJson.ParseOpening("""{ "company": " ", "title": "EM", "postedOn": "2026-09-04", "url": "jobs.example" }""", out _).Select(e => e.ToString())
            .Should().BeEquivalentTo("company: must not be empty", "url: 'jobs.example' is not an absolute http or https address of at most 2000 characters");
        new JobOpening { Company = "Contoso", Title = "EM", PostedOn = Posted }.Validate(Posted.PlusDays(-1)).Should().ContainSingle().Which.Field.Should().Be("postedOn");
    }

    private static RunnerUpCase At(string company, string role) =>
        New(JobLevel.MiddleManagement, HappyPath(Call)) with { Company = company, Role = role };
}
