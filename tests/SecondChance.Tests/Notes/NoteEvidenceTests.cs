using SecondChance.Notes;

namespace SecondChance.Tests.Notes;

public class NoteEvidenceTests
{
    [Fact]
    public void Parse_ObjectOfStrings_FeedsTheDrafter()
    {
        const string json = """
            {
              "has not led a team of 10 or more": "In 2025 I led 14 engineers.",
              // comments and trailing commas are fine in a hand-edited file
              "less hands-on experience with cloud migrations": "",
            }
            """;

        var result = NoteEvidence.Parse(json);

        result.Succeeded.Should().BeTrue();
        result.Evidence.Should().HaveCount(2);
        result.Evidence["HAS NOT LED A TEAM OF 10 OR MORE"].Should().Be("In 2025 I led 14 engineers.");
        NoteDrafter.Draft(NoteFixtures.Case(), NoteChannel.Email, result.Evidence).MissingEvidence.Should().Equal(NoteFixtures.CloudGap);
    }

    [Theory]
    [InlineData("[]", "evidence: must be an object that maps each recorded gap to your example")]
    [InlineData("{\"gap\": 3}", "evidence[\"gap\"]: must be a string: your example in your own words")]
    [InlineData("{\" \": \"x\"}", "evidence: a gap (key) is blank")]
    [InlineData("{\"Gap\": \"x\", \"gap\": \"y\"}", "evidence[\"gap\"]: is given more than once")]
    public void Parse_BadFile_SaysWhy(string json, string error)
    {
        var result = NoteEvidence.Parse(json);

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.ToString()).Should().Equal(error);
        result.Evidence.Should().BeEmpty();
    }

    [Fact]
    public void Parse_NotJson_OneError()
    {
        NoteEvidence.Parse("{ nope").Errors.Should().ContainSingle().Which.Message.Should().StartWith("not valid JSON:");
    }

    [Fact]
    public void Parse_WithCase_RefusesAGapTheCaseDidNotRecord()
    {
        var result = NoteEvidence.Parse("{ \"speaks no Klingon\": \"I ordered 3 coffees in Klingon.\" }", NoteFixtures.Case());

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Field.Should().Be("evidence[\"speaks no Klingon\"]");
        result.Errors[0].Message.Should().StartWith("is not a recorded gap; this case records \"");
    }

    [Fact]
    public void RecordedGaps_TrimmedOnceEachInOrder()
    {
        var @case = NoteFixtures.Case();
        var again = @case.With(new FeedbackRecorded(@case.Events[^1].On, ["  " + @case.RecordedGaps()[0].ToUpperInvariant() + " ", "a new gap"]));

        again.RecordedGaps().Should().Equal([.. @case.RecordedGaps(), "a new gap"]);
    }
}
