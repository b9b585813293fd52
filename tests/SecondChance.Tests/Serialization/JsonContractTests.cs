using System.Text.Json;
using System.Text.Json.Nodes;
using SecondChance.Serialization;
using SecondChance.Tests.Support;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Serialization;

public class JsonContractTests
{
    private const string DesignCase = """
        {
          "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager",
          "level": "MiddleManagement", "timeZone": "America/Los_Angeles",
          "contact": { "name": "Pat Lee", "email": "pat@contoso.example" },
          "events": [
            { "type": "Notified", "on": "2026-03-06" },
            { "type": "FeedbackRecorded", "on": "2026-03-06", "gaps": ["has not led a team of 10 or more"] },
            { "type": "InterestReaffirmed", "on": "2026-03-06" },
            { "type": "NoteSent", "on": "2026-03-06", "channel": "Email" }
          ]
        }
        """;

    [Fact]
    public void CaseDocument_RoundTripsExactly()
    {
        var parsed = SecondChanceJson.ParseCase(DesignCase);
        parsed.Errors.Should().BeEmpty();

        var written = SecondChanceJson.Serialize(parsed.Case!);

        JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(DesignCase)).Should().BeTrue(written);
        var again = JsonSerializer.Deserialize<RunnerUpCase>(written, SecondChanceJson.Options)!;
        SecondChanceJson.Serialize(again).Should().Be(written);
        again.Events.Should().HaveCount(4).And.Subject.Last().Should().Be(new NoteSent(D(2026, 3, 6), NoteChannel.Email));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(999, 12, 31)]
    [InlineData(2024, 2, 29)]
    [InlineData(2026, 3, 6)]
    [InlineData(9999, 12, 31)]
    [InlineData(0, 6, 15)]
    [InlineData(-44, 3, 15)]
    public void Dates_AreWrittenAsTheIsoPatternFormatsThem(int year, int month, int day)
    {
        var date = new NodaTime.LocalDate(year, month, day);

        Written(w => CaseDocumentWriter.WriteDate(w, "on", date)).Should().Be($$"""{"on":"{{NodaTime.Text.LocalDatePattern.Iso.Format(date)}}"}""");
    }

    [Fact]
    public void Dates_InAnotherCalendar_AreWrittenAsTheIsoPatternFormatsThem()
    {
        var date = new NodaTime.LocalDate(2026, 3, 6).WithCalendar(NodaTime.CalendarSystem.Julian);

        Written(w => CaseDocumentWriter.WriteDate(w, "on", date)).Should().Be($$"""{"on":"{{NodaTime.Text.LocalDatePattern.Iso.Format(date)}}"}""");
    }

    [Fact]
    public void EveryEventType_IsWrittenByItsName()
    {
        var written = 0;
        foreach (var type in Enum.GetValues<SecondChance.Cases.CaseEventType>())
        {
            SecondChanceJson.ParseEvent($$"""{"type":"{{type}}","on":"2026-03-06"}""", out var parsed);
            if (parsed is null)
            {
                continue; // a type that needs more fields is written by the round-trip tests
            }

            Written(w => CaseDocumentWriter.WriteEvent(w, parsed), inObject: false).Should().StartWith($$"""{"type":"{{type}}","on":"2026-03-06""");
            written++;
        }

        written.Should().BeGreaterThan(3, "most event types need no field beside the type and the day");
    }

    [Fact]
    public void CandidateEmail_RoundTripsAndIsLeftOutWhenUnknown()
    {
        var withEmail = DesignCase.Replace("\"timeZone\": \"America/Los_Angeles\",", "\"timeZone\": \"America/Los_Angeles\", \"candidateEmail\": \"alex@mail.example\",", StringComparison.Ordinal);
        var parsed = SecondChanceJson.ParseCase(withEmail);
        parsed.Errors.Should().BeEmpty();
        parsed.Case!.CandidateEmail.Should().Be("alex@mail.example");
        JsonNode.DeepEquals(JsonNode.Parse(SecondChanceJson.Serialize(parsed.Case)), JsonNode.Parse(withEmail)).Should().BeTrue();

        SecondChanceJson.Serialize(SecondChanceJson.ParseCase(DesignCase).Case!).Should().NotContain("candidateEmail");
    }

    [Fact]
    public void CandidateEmail_OfTheWrongTypeNamesTheField() =>
        SecondChanceJson.ParseCase(DesignCase.Replace("\"level\":", "\"candidateEmail\": 5, \"level\":", StringComparison.Ordinal))
            .Errors.Should().ContainSingle().Which.Field.Should().Be("candidateEmail");

    [Fact]
    public void EveryEventType_RoundTrips()
    {
        var c = New(JobLevel.SeniorExecutive,
            [.. HappyPath(D(2026, 3, 6)), new FollowUpMade(D(2026, 9, 1), FollowUpOutcome.SimilarRoleOpen), new Approached(D(2026, 9, 2)),
             new OfferReceived(D(2026, 9, 3), D(2026, 9, 10)), new Closed(D(2026, 9, 4), CloseReason.Hired)]);

        var json = SecondChanceJson.Serialize(c);
        var back = SecondChanceJson.ParseCase(json).Case!;

        back.Events.Should().Equal(c.Events, (a, b) => SecondChanceJson.Serialize(c with { Events = [a] }) == SecondChanceJson.Serialize(c with { Events = [b] }));
        json.Should().Contain("\"respondBy\":\"2026-09-10\"").And.Contain("\"outcome\":\"SimilarRoleOpen\"").And.Contain("\"reason\":\"Hired\"");
    }

    [Fact]
    public void NextAction_MatchesTheDesignContract()
    {
        var decision = new PlaybookEngine().Decide(SecondChanceJson.ParseCase(DesignCase).Case!, D(2026, 3, 10));

        var node = JsonNode.Parse(SecondChanceJson.Serialize(decision.Next))!.AsObject();

        node.Select(p => p.Key).Should().Equal("step", "action", "covers", "dueOn", "windowStart", "windowEnd", "overdue", "rule", "guidance");
        node["step"]!.GetValue<int>().Should().Be(7);
        node["action"]!.GetValue<string>().Should().Be("FollowUp");
        node["covers"]!.AsArray().Select(n => n!.GetValue<int>()).Should().Equal(7, 8);
        node["dueOn"]!.GetValue<string>().Should().Be("2026-08-06");
        node["windowStart"]!.GetValue<string>().Should().Be("2026-07-23");
        node["windowEnd"]!.GetValue<string>().Should().Be("2026-08-20");
        node["overdue"]!.GetValue<bool>().Should().BeFalse();
        node["rule"]!.GetValue<string>().Should().Be("FollowUp");
        node["guidance"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void NextAction_RoundTrips()
    {
        var next = new PlaybookEngine().Decide(SecondChanceJson.ParseCase(DesignCase).Case!, D(2026, 3, 10)).Next;

        var back = JsonSerializer.Deserialize<NextAction>(SecondChanceJson.Serialize(next), SecondChanceJson.Options);

        back.Should().BeEquivalentTo(next);
    }

    [Fact]
    public void NothingLeft_StepAndDueAreNull()
    {
        var c = New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6)), new Closed(D(2026, 3, 7), CloseReason.NoOpening));

        var node = JsonNode.Parse(SecondChanceJson.Serialize(new PlaybookEngine().Decide(c, D(2026, 3, 10)).Next))!;

        node["step"].Should().BeNull();
        node["action"]!.GetValue<string>().Should().Be("None");
        node["dueOn"].Should().BeNull();
        node.AsObject().ContainsKey("dueOn").Should().BeTrue();
    }

    [Fact]
    public void EnumValues_AnyLetterCase()
    {
        var json = DesignCase.Replace("\"MiddleManagement\"", "\"middlemanagement\"").Replace("\"Email\"", "\"EMAIL\"").Replace("\"NoteSent\"", "\"notesent\"");

        var c = SecondChanceJson.ParseCase(json).Case!;
        var decision = new PlaybookEngine().Decide(c, D(2026, 3, 10));

        decision.Next.DueOn.Should().Be(D(2026, 8, 6));
        c.Events[^1].Should().Be(new NoteSent(D(2026, 3, 6), NoteChannel.Email));
        JsonSerializer.Deserialize<PlaybookAction>("\"followup\"", SecondChanceJson.Options).Should().Be(PlaybookAction.FollowUp);
    }

    [Fact]
    public void NumericEnumValues_AreRejected() =>
        SecondChanceJson.ParseCase(DesignCase.Replace("\"Email\"", "\"1\"")).Errors.Should().ContainSingle()
            .Which.Field.Should().Be("events[3].channel");

    [Fact]
    public void Deserialize_InvalidDocument_ThrowsJsonExceptionListingEveryProblem()
    {
        var act = () => JsonSerializer.Deserialize<RunnerUpCase>("""{ "level": "X", "events": [] }""", SecondChanceJson.Options);

        act.Should().Throw<JsonException>().WithMessage("*candidate: is required*company: is required*role: is required*");
    }

    [Fact]
    public void ParseEvent_ReportsPathsRelativeToTheEvent()
    {
        var errors = SecondChanceJson.ParseEvent("""{ "type": "NoteSent", "on": "2026-13-01", "channel": "Pigeon" }""", out var e);

        e.Should().BeNull();
        errors.Select(x => x.Field).Should().Equal("on");
        SecondChanceJson.ParseEvent("""{ "type": "NoteSent", "on": "2026-03-01", "channel": "Pigeon" }""", out _).Single().Field.Should().Be("channel");
        SecondChanceJson.ParseEvent("""{ "type": "NoteSent", "on": "2026-03-01", "channel": "Card" }""", out var ok).Should().BeEmpty();
        ok.Should().Be(new NoteSent(D(2026, 3, 1), NoteChannel.Card));
    }

    [Fact]
    public void Plan_SerializesStepsWithStatusNames()
    {
        var plan = new PlaybookEngine().Plan(SecondChanceJson.ParseCase(DesignCase).Case!, D(2026, 3, 10));

        var node = JsonNode.Parse(JsonSerializer.Serialize(plan, SecondChanceJson.Options))!;

        node["steps"]!.AsArray().Should().HaveCount(10);
        node["steps"]![6]!["status"]!.GetValue<string>().Should().Be("Next");
        node["steps"]![6]!["on"]!.GetValue<string>().Should().Be("2026-08-06");
        node["next"]!["rule"]!.GetValue<string>().Should().Be("FollowUp");
        node["today"]!.GetValue<string>().Should().Be("2026-03-10");
    }

    [Fact]
    public void BundledSamples_AllParseAndDecide()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "samples", "cases"), "*.json"))
        {
            var parsed = SecondChanceJson.ParseCase(File.ReadAllText(file));
            parsed.Errors.Should().BeEmpty(file);
            new PlaybookEngine().Decide(parsed.Case!, D(2026, 11, 26)).Errors.Should().BeEmpty(file);
        }
    }

    private static string Written(Action<Utf8JsonWriter> write, bool inObject = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (inObject)
            {
                writer.WriteStartObject();
            }

            write(writer);
            if (inObject)
            {
                writer.WriteEndObject();
            }
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
