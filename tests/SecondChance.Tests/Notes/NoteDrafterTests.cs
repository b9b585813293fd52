using SecondChance.Notes;

namespace SecondChance.Tests.Notes;

public class NoteDrafterTests
{
    public static TheoryData<NoteChannel> Channels => new() { NoteChannel.Email, NoteChannel.Card, NoteChannel.Letter };

    [Fact]
    public void Draft_EmailWithEvidence_ExactText()
    {
        var draft = NoteDrafter.Draft(NoteFixtures.Case(), NoteChannel.Email, NoteFixtures.Evidence);

        draft.Subject.Should().Be("Thank you for the call about the Engineering Manager role");
        draft.Body.Should().Be(
            "Dear Pat Lee,\n\n" +
            "Thank you for calling me about the Engineering Manager role and for being so candid about where the other candidate came out ahead. Feedback that direct is rare, and it helps.\n\n" +
            "On your point \"has not led a team of 10 or more\": In 2025 I led 14 engineers across two sites and shipped the billing rewrite a month early.\n\n" +
            "On your point \"less hands-on experience with cloud migrations\": Last year I moved 40 services from our own racks to the cloud with no customer-facing outage.\n\n" +
            "I am still very interested in the Engineering Manager role and in Contoso. If anything changes, or a similar role opens, I would be glad to talk again.\n\n" +
            "Best regards,\nAlex Rivera\n");
        draft.Text.Should().StartWith("Subject: Thank you for the call about the Engineering Manager role\n\nDear Pat Lee,");
        draft.MissingEvidence.Should().BeEmpty();
        draft.IsComplete.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Draft_WithEvidence_PassesEveryCheck(NoteChannel channel)
    {
        var @case = NoteFixtures.Case();
        var draft = NoteDrafter.Draft(@case, channel, NoteFixtures.Evidence);

        draft.Channel.Should().Be(channel);
        draft.Body.Should().Contain("14 engineers").And.Contain("40 services").And.NotContain("[ADD");
        NoteChecker.Check(draft.Text, @case, channel).Findings.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Draft_WithoutEvidence_MarksAPromptPerGapAndTheCheckerFlagsThem(NoteChannel channel)
    {
        var @case = NoteFixtures.Case();
        var draft = NoteDrafter.Draft(@case, channel);

        draft.MissingEvidence.Should().Equal(NoteFixtures.TeamGap, NoteFixtures.CloudGap);
        draft.IsComplete.Should().BeFalse();
        draft.Body.Should().Contain("[ADD AN EXAMPLE: one concrete case that answers \"has not led a team of 10 or more\", with a number, a size or a result]");

        var result = NoteChecker.Check(draft.Text, @case, channel);

        // Email: subject, blank, salutation, blank, thanks, blank, gap 1 on line 7, blank, gap 2 on line 9.
        var first = channel == NoteChannel.Email ? 7 : 5;
        result.Findings.Select(f => (f.Severity, f.Code, f.Line)).Should().Equal(
            (NoteSeverity.Error, NoteFindingCode.UnfilledPrompt, (int?)first),
            (NoteSeverity.Error, NoteFindingCode.UnfilledPrompt, (int?)(first + 2)));
    }

    [Fact]
    public void Draft_PartialEvidence_KeysMatchIgnoringCaseAndSpaces()
    {
        var evidence = new Dictionary<string, string> { ["  HAS NOT LED A TEAM OF 10 OR MORE "] = "I led 14 engineers", [NoteFixtures.CloudGap] = "   " };

        var draft = NoteDrafter.Draft(NoteFixtures.Case(), NoteChannel.Email, evidence);

        draft.MissingEvidence.Should().Equal(NoteFixtures.CloudGap);
        draft.Body.Should().Contain("\"has not led a team of 10 or more\": I led 14 engineers.\n");
    }

    [Fact]
    public void Draft_CardIsShorterThanEmailWhichIsShorterThanLetter()
    {
        int Words(NoteChannel ch) => NoteDrafter.Draft(NoteFixtures.Case(), ch, NoteFixtures.Evidence).Body
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;

        Words(NoteChannel.Card).Should().BeLessThan(Words(NoteChannel.Email));
        Words(NoteChannel.Email).Should().BeLessThan(Words(NoteChannel.Letter));
    }

    [Fact]
    public void Draft_CardAndLetter_HaveNoSubjectAndTheirOwnRegister()
    {
        var card = NoteDrafter.Draft(NoteFixtures.Case(), NoteChannel.Card, NoteFixtures.Evidence);
        var letter = NoteDrafter.Draft(NoteFixtures.Case(), NoteChannel.Letter, NoteFixtures.Evidence);

        card.Subject.Should().BeNull();
        card.Text.Should().Be(card.Body);
        card.Body.Should().StartWith("Dear Pat Lee,\n\nThank you for the call and for your candour").And.EndWith("Warm regards,\nAlex Rivera\n");
        letter.Subject.Should().BeNull();
        letter.Body.Should().Contain("Regarding your observation \"has not led a team of 10 or more\"")
            .And.Contain("Should anything change").And.EndWith("Yours sincerely,\nAlex Rivera\n");
    }

    [Fact]
    public void Draft_NoChannelGiven_UsesTheCaseNoteSentElseEmail()
    {
        NoteDrafter.Draft(NoteFixtures.Case(NoteChannel.Letter)).Channel.Should().Be(NoteChannel.Letter);
        NoteDrafter.Draft(NoteFixtures.Case()).Channel.Should().Be(NoteChannel.Email);
        NoteDrafter.Draft(NoteFixtures.Case(NoteChannel.Letter), NoteChannel.Card).Channel.Should().Be(NoteChannel.Card);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Draft_NoGapsRecorded_StillACompleteNoteThatPasses(NoteChannel channel)
    {
        var @case = NoteFixtures.NoGapsCase();
        var draft = NoteDrafter.Draft(@case, channel);

        draft.MissingEvidence.Should().BeEmpty();
        draft.Body.Should().NotContain("[ADD").And.NotContain("On your point");
        NoteChecker.Check(draft.Text, @case, channel).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Draft_NoContact_AddressesTheTeam()
    {
        var @case = NoteFixtures.Case() with { Contact = null };

        NoteDrafter.Draft(@case, NoteChannel.Email).Body.Should().StartWith("Dear hiring team,");
        NoteDrafter.Draft(@case, NoteChannel.Letter).Body.Should().StartWith("Dear Hiring Manager,");
    }

    [Fact]
    public void Draft_GapsFromEveryFeedbackEvent_EachOnce()
    {
        var @case = NoteFixtures.Case(null, NoteFixtures.TeamGap)
            .With(new FeedbackRecorded(new LocalDate(2026, 3, 6), ["HAS NOT LED A TEAM OF 10 OR MORE", "no budget ownership"]));

        NoteDrafter.Draft(@case).MissingEvidence.Should().Equal(NoteFixtures.TeamGap, "no budget ownership");
    }

    [Fact]
    public void Draft_Invalid_Throws()
    {
        FluentActions.Invoking(() => NoteDrafter.Draft(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => NoteDrafter.Draft(NoteFixtures.Case(), (NoteChannel)42)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
