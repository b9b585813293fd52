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
    [InlineData("[]", "the evidence file must be a JSON object mapping each gap to an example")]
    [InlineData("{\"gap\": 3}", "\"gap\": the example must be a string")]
    [InlineData("{\" \": \"x\"}", "a gap (key) is blank")]
    [InlineData("{\"Gap\": \"x\", \"gap\": \"y\"}", "\"gap\": given more than once")]
    public void Parse_BadFile_SaysWhy(string json, string error)
    {
        var result = NoteEvidence.Parse(json);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().Equal(error);
        result.Evidence.Should().BeEmpty();
    }

    [Fact]
    public void Parse_NotJson_OneError()
    {
        NoteEvidence.Parse("{ nope").Errors.Should().ContainSingle().Which.Should().StartWith("not valid JSON:");
    }
}
