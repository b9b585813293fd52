using System.Text.Json.Nodes;
using SecondChance.Serialization;

namespace SecondChance.Tests.Serialization;

/// <summary>A misspelled or unknown member is an error with its path and the name probably meant, never ignored.</summary>
public class UnknownMemberTests
{
    private const string Case = """
        {
          "candidate": "Alex Rivera", "company": "Contoso", "role": "Engineering Manager",
          "level": "MiddleManagement", "timeZone": "UTC",
          "contact": { "name": "Pat Lee", "email": "pat@contoso.example" },
          "events": [
            { "type": "Notified", "on": "2026-03-06" },
            { "type": "FeedbackRecorded", "on": "2026-03-06", "gaps": ["team size"] },
            { "type": "InterestReaffirmed", "on": "2026-03-06" },
            { "type": "NoteSent", "on": "2026-03-06", "channel": "Email" },
            { "type": "OfferReceived", "on": "2026-03-10", "respondBy": "2026-03-20" }
          ]
        }
        """;

    private static string Field(string json) => SecondChanceJson.ParseCase(json).Errors.Should().ContainSingle().Subject.ToString();

    private static string With(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Case)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public void TheDocumentedCase_HasNoUnknownMembers() =>
        SecondChanceJson.ParseCase(Case).Errors.Should().BeEmpty();

    [Fact]
    public void SnakeCaseEventField_IsAnErrorWithASuggestion()
    {
        var json = With(c => c["events"]![4]!.AsObject().Add("respond_by", "2026-03-30"));

        Field(json).Should().Be("events[4].respond_by: unknown field; did you mean respondBy?");
    }

    [Theory]
    [InlineData("candidat", "candidat: unknown field; did you mean candidate?")]
    [InlineData("time_zone", "time_zone: unknown field; did you mean timeZone?")]
    [InlineData("Level2", "Level2: unknown field; did you mean level?")]
    public void UnknownTopLevelField_NamesTheField(string name, string expected)
    {
        var json = With(c => c.Add(name, "x"));

        SecondChanceJson.ParseCase(json).Errors.Select(e => e.ToString()).Should().Contain(expected);
    }

    [Fact]
    public void FarFromEveryName_ListsTheKnownFields()
    {
        var json = With(c => c.Add("salary", 100));

        Field(json).Should().Be("salary: unknown field; the fields here are candidate, company, role, level, timeZone, contact, events");
    }

    [Fact]
    public void UnknownContactField_HasTheContactPath()
    {
        var json = With(c => c["contact"]!.AsObject().Add("mail", "pat@contoso.example"));

        Field(json).Should().Be("contact.mail: unknown field; did you mean email?");
    }

    [Theory]
    [InlineData(0, "gaps", "events[0].gaps: unknown field; the fields here are type, on")]
    [InlineData(1, "gap", "events[1].gap: unknown field; did you mean gaps?")]
    [InlineData(2, "channel", "events[2].channel: unknown field; the fields here are type, on")]
    [InlineData(3, "chanel", "events[3].chanel: unknown field; did you mean channel?")]
    public void FieldOfAnotherEventType_IsUnknownOnThisOne(int index, string name, string expected)
    {
        var json = With(c => c["events"]![index]!.AsObject().Add(name, "Email"));

        Field(json).Should().Be(expected);
    }

    [Theory]
    [InlineData("""{ "type": "FollowUpMade", "on": "2026-08-06", "outcome": "NoChange", "outcom": "x" }""", "outcom: unknown field; did you mean outcome?")]
    [InlineData("""{ "type": "Closed", "on": "2026-08-06", "reason": "Hired", "reasons": "x" }""", "reasons: unknown field; did you mean reason?")]
    [InlineData("""{ "type": "Approached", "on": "2026-08-06", "date": "2026-08-06" }""", "date: unknown field; the fields here are type, on")]
    public void ParseEvent_ReportsUnknownFieldsWithoutThePrefix(string json, string expected)
    {
        var errors = SecondChanceJson.ParseEvent(json, out var parsed);

        parsed.Should().BeNull();
        errors.Select(e => e.ToString()).Should().Equal(expected);
    }

    [Fact]
    public void MembersInAnyLetterCase_AreStillKnown() =>
        SecondChanceJson.ParseCase(Case.Replace("\"respondBy\"", "\"RespondBy\"", StringComparison.Ordinal).Replace("\"candidate\"", "\"Candidate\"", StringComparison.Ordinal))
            .Errors.Should().BeEmpty();

    [Fact]
    public void Deserialize_RefusesUnknownMembersToo()
    {
        var json = With(c => c["events"]![4]!.AsObject().Add("respond_by", "2026-03-30"));

        FluentActions.Invoking(() => System.Text.Json.JsonSerializer.Deserialize<RunnerUpCase>(json, SecondChanceJson.Options))
            .Should().Throw<System.Text.Json.JsonException>().WithMessage("*events[4].respond_by: unknown field; did you mean respondBy?*");
    }
}
