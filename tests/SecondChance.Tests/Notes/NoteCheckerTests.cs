using FluentValidation;
using SecondChance.Notes;

namespace SecondChance.Tests.Notes;

public class NoteCheckerTests
{
    private static readonly RunnerUpCase Case = NoteFixtures.Case();

    /// <summary>Replaces line <paramref name="number"/> (1-based) of the good note.</summary>
    private static string GoodWithLine(int number, string text)
    {
        var lines = NoteFixtures.Good.Split('\n');
        lines[number - 1] = text;
        return string.Join('\n', lines);
    }

    private static (NoteSeverity, NoteFindingCode, int?)[] Summary(NoteCheckResult result) =>
        result.Findings.Select(f => (f.Severity, f.Code, f.Line)).ToArray();

    [Fact]
    public void Check_GoodNote_NoFindings()
    {
        var result = NoteChecker.Check(NoteFixtures.Good, Case);

        result.Findings.Should().BeEmpty();
        result.IsClean.Should().BeTrue();
        result.CanSend.Should().BeTrue();
    }

    [Fact]
    public void Check_GoodNoteWithCrLfAndTypographicApostrophes_NoFindings()
    {
        var text = NoteFixtures.Good.Replace("I am still", "I’m still", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

        NoteChecker.Check(text, Case).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Check_NoThanks_OneErrorForTheWholeNote()
    {
        var text = GoodWithLine(5, "I was glad to hear from you about the decision.");

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal((NoteSeverity.Error, NoteFindingCode.NoThanks, (int?)null));
        result.Findings[0].Excerpt.Should().BeNull();
        result.CanSend.Should().BeFalse();
    }

    [Fact]
    public void Check_ThanksOnlyInSubjectLine_DoesNotCount()
    {
        var text = GoodWithLine(5, "I was glad to hear from you about the decision.");

        text.Should().StartWith("Subject: Thanks");
        Summary(NoteChecker.Check(text, Case)).Should().Equal((NoteSeverity.Error, NoteFindingCode.NoThanks, (int?)null));
    }

    [Fact]
    public void Check_GapParagraphMissing_GapNotAddressedNamesTheGap()
    {
        var lines = NoteFixtures.Good.Split('\n').ToList();
        lines.RemoveRange(9, 3); // lines 10-12: the cloud paragraph and its blank line
        var result = NoteChecker.Check(string.Join('\n', lines), Case);

        Summary(result).Should().Equal((NoteSeverity.Error, NoteFindingCode.GapNotAddressed, (int?)null));
        result.Findings[0].Reason.Should().Contain("\"" + NoteFixtures.CloudGap + "\"").And.Contain("(looked for: cloud)");
    }

    [Fact]
    public void Check_GapAnsweredWithoutExample_WarningOnThatParagraph()
    {
        var text = GoodWithLine(10, "On cloud migrations: I know this work well and enjoy it,").Replace("public cloud, finishing two weeks ahead of plan.", "and I am a fast learner.", StringComparison.Ordinal);

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal((NoteSeverity.Warning, NoteFindingCode.GapWithoutExample, (int?)10));
        result.Findings[0].Excerpt.Should().Be("On cloud migrations: I know this work well and enjoy it,");
        result.Findings[0].Offset.Should().Be(text.IndexOf("On cloud", StringComparison.Ordinal));
        result.CanSend.Should().BeTrue();
    }

    [Fact]
    public void Check_NumberOnlyInTheQuotedGap_StillNoExample()
    {
        var @case = NoteFixtures.Case(null, NoteFixtures.TeamGap);
        var text = "Dear Pat,\n\nThank you for the call.\n\nOn \"has not led a team of 10 or more\": I am a natural leader of any team.\n\n" +
                   "I am still interested, and glad to talk if anything changes.\n\nAlex\n";

        Summary(NoteChecker.Check(text, @case)).Should().Equal((NoteSeverity.Warning, NoteFindingCode.GapWithoutExample, (int?)5));
    }

    [Fact]
    public void Check_ResultVerbCountsAsExample()
    {
        var text = GoodWithLine(11, "public cloud and delivered it with the whole group on board.");

        NoteChecker.Check(text, Case).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Check_CloseWithoutInterest_ErrorOnClosingParagraph()
    {
        var text = GoodWithLine(13, "If anything changes, I would be glad to talk.");

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal((NoteSeverity.Error, NoteFindingCode.NoContinuedInterest, (int?)13));
        result.Findings[0].Excerpt.Should().Be("If anything changes, I would be glad to talk.");
    }

    [Fact]
    public void Check_InterestOnlyEarlierInTheNote_DoesNotCountForTheClose()
    {
        var text = GoodWithLine(5, "Thank you for calling; I was interested to hear the reasons.")
            .Replace("I am still very interested in the position, and if anything changes", "If anything changes", StringComparison.Ordinal);

        Summary(NoteChecker.Check(text, Case)).Should().Equal((NoteSeverity.Error, NoteFindingCode.NoContinuedInterest, (int?)13));
    }

    [Fact]
    public void Check_CloseWithoutOpenness_Warning()
    {
        var text = GoodWithLine(13, "I am still very interested in the position.");

        Summary(NoteChecker.Check(text, Case)).Should().Equal((NoteSeverity.Warning, NoteFindingCode.NoOpenness, (int?)13));
    }

    [Fact]
    public void Check_ArguesWithTheDecision_ErrorWithPhraseAndOffset()
    {
        var text = GoodWithLine(5, "Thank you for calling, though I think it was the wrong decision.");

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal((NoteSeverity.Error, NoteFindingCode.Argumentative, (int?)5));
        result.Findings[0].Excerpt.Should().Be("wrong decision");
        result.Findings[0].Offset.Should().Be(text.IndexOf("wrong decision", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DefensiveWording_WarningPerPhraseInLineOrder()
    {
        var text = GoodWithLine(7, "You mentioned I have not led a large team. Actually, since 2024 I have led")
            .Replace("I planned and ran", "to be fair, I planned and ran", StringComparison.Ordinal);

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal(
            (NoteSeverity.Warning, NoteFindingCode.Defensive, (int?)7),
            (NoteSeverity.Warning, NoteFindingCode.Defensive, (int?)10));
        result.Findings.Select(f => f.Excerpt).Should().Equal("Actually", "to be fair");
    }

    [Fact]
    public void Check_PhraseInsideAWord_DoesNotMatch()
    {
        // "factually" contains "actually"; "unfairly" is not the listed word "unfair".
        var text = GoodWithLine(5, "Thank you for calling and for explaining the decision so factually.");

        NoteChecker.Check(text, Case).Findings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(NoteChannel.Email, 26, true)]  // about 75 + 208 words: over 250
    [InlineData(NoteChannel.Email, 8, false)]  // about 140 words
    [InlineData(NoteChannel.Card, 8, true)]    // over 120
    [InlineData(NoteChannel.Letter, 26, false)] // under 350
    public void Check_WordLimitPerChannel(NoteChannel channel, int fillerSentences, bool tooLong)
    {
        var filler = string.Join(' ', Enumerable.Repeat("The people I met were warm and welcoming.", fillerSentences));
        var text = GoodWithLine(6, "\n" + filler + "\n");

        var result = NoteChecker.Check(text, Case, channel);

        if (tooLong)
        {
            Summary(result).Should().Equal((NoteSeverity.Warning, NoteFindingCode.TooLong, (int?)null));
            result.Findings[0].Reason.Should().Contain($"within {NoteGuidelines.WordLimit(channel)}");
        }
        else
        {
            result.Findings.Should().BeEmpty();
        }
    }

    [Fact]
    public void Check_WordCountSkipsTheSubjectLine()
    {
        // 120 words of body exactly is within a card's limit even with a subject line above it.
        var body = string.Join(' ', Enumerable.Repeat("word", 120));
        var @case = NoteFixtures.Case(null, "not enough experience");
        var text = "Subject: thank you thank you thank you\n\n" + body;

        NoteChecker.Check(text, @case, NoteChannel.Card).Findings.Select(f => f.Code)
            .Should().NotContain(NoteFindingCode.TooLong);
        NoteChecker.Check(text + " word", @case, NoteChannel.Card).Findings.Select(f => f.Code)
            .Should().Contain(NoteFindingCode.TooLong);
    }

    [Fact]
    public void Check_UnfilledPrompt_ErrorAtThePrompt()
    {
        var text = GoodWithLine(11, "[ADD the outcome here]");

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal((NoteSeverity.Error, NoteFindingCode.UnfilledPrompt, (int?)11));
        result.Findings[0].Excerpt.Should().Be("[ADD the outcome here]");
    }

    [Fact]
    public void Check_UnclosedPrompt_ErrorUpToTheEndOfItsLine()
    {
        var text = GoodWithLine(11, "[ADD the outcome here");

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal((NoteSeverity.Error, NoteFindingCode.UnfilledPrompt, (int?)11));
        result.Findings[0].Excerpt.Should().Be("[ADD the outcome here");
    }

    [Fact]
    public void Check_PromptInsideAnUnclosedOne_BothReported()
    {
        var text = GoodWithLine(11, "[ADD the outcome [ADD a number]");

        NoteChecker.Check(text, Case).Findings.Select(f => (f.Code, f.Excerpt, f.Offset - text.IndexOf("[ADD", StringComparison.Ordinal)))
            .Should().Equal((NoteFindingCode.UnfilledPrompt, "[ADD the outcome ", 0), (NoteFindingCode.UnfilledPrompt, "[ADD a number]", 17));
    }

    [Fact]
    public void Check_PathologicalNoteAtTheLimit_FindsEveryPromptAndPhraseOnItsLine()
    {
        // Every line argues and opens a prompt it never closes: the worst case for finding prompts and lines.
        const string Line = "I led a team of 12 but you overlooked it [ADD an example\n";
        var head = "Thank you for the call.\n\n";
        var lines = (NoteChecker.MaxNoteLength - head.Length) / Line.Length;
        var text = head + string.Concat(Enumerable.Repeat(Line, lines));
        text = text + new string(' ', NoteChecker.MaxNoteLength - text.Length);

        var result = NoteChecker.Check(text, Case);

        text.Length.Should().Be(NoteChecker.MaxNoteLength);
        var prompts = result.Findings.Where(f => f.Code == NoteFindingCode.UnfilledPrompt).ToArray();
        prompts.Should().HaveCount(lines);
        prompts.Select(f => f.Line).Should().Equal(Enumerable.Range(3, lines).Select(n => (int?)n));
        prompts.Should().OnlyContain(f => f.Excerpt == "[ADD an example");
        var argues = result.Findings.Where(f => f.Code == NoteFindingCode.Argumentative).ToArray();
        argues.Should().HaveCount(lines);
        argues[^1].Line.Should().Be(lines + 2);
        argues[^1].Offset.Should().Be(head.Length + ((lines - 1) * Line.Length) + Line.IndexOf("you overlooked", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NoteOverTheLimit_OneTooLargeErrorAndNothingElse()
    {
        var text = NoteFixtures.Good + new string('x', NoteChecker.MaxNoteLength);

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal((NoteSeverity.Error, NoteFindingCode.TooLarge, (int?)null));
        result.Findings[0].Reason.Should().Contain($"at most {NoteChecker.MaxNoteLength:N0} characters");
        result.CanSend.Should().BeFalse();
    }

    [Fact]
    public void Check_ChannelDefaultsToTheCaseNoteSent()
    {
        var filler = string.Join(' ', Enumerable.Repeat("The people I met were warm and welcoming.", 8));
        var text = GoodWithLine(6, "\n" + filler + "\n");

        NoteChecker.Check(text, NoteFixtures.Case(NoteChannel.Card)).Findings.Select(f => f.Code).Should().Equal(NoteFindingCode.TooLong);
        NoteChecker.Check(text, NoteFixtures.Case(NoteChannel.Email)).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Check_EmptyNote_ReportsEverythingMissing()
    {
        var result = NoteChecker.Check(string.Empty, Case);

        Summary(result).Should().Equal(
            (NoteSeverity.Error, NoteFindingCode.NoThanks, (int?)null),
            (NoteSeverity.Error, NoteFindingCode.GapNotAddressed, (int?)null),
            (NoteSeverity.Error, NoteFindingCode.GapNotAddressed, (int?)null),
            (NoteSeverity.Error, NoteFindingCode.NoContinuedInterest, (int?)null),
            (NoteSeverity.Warning, NoteFindingCode.NoOpenness, (int?)null));
    }

    [Fact]
    public void Check_ManyProblems_AllReportedInLineOrder()
    {
        const string text =
            "Dear Pat,\n" +                                                        // 1
            "\n" +                                                                 // 2
            "I heard you. With all due respect, you overlooked my record.\n" +    // 3
            "\n" +                                                                 // 4
            "On leading a team: [ADD AN EXAMPLE: the team you led]\n" +           // 5
            "\n" +                                                                 // 6
            "Good luck with the new hire.\n" +                                     // 7
            "\n" +                                                                 // 8
            "Alex\n";                                                              // 9

        var result = NoteChecker.Check(text, Case);

        Summary(result).Should().Equal(
            (NoteSeverity.Warning, NoteFindingCode.Defensive, (int?)3),
            (NoteSeverity.Error, NoteFindingCode.Argumentative, (int?)3),
            (NoteSeverity.Error, NoteFindingCode.UnfilledPrompt, (int?)5),
            (NoteSeverity.Error, NoteFindingCode.NoContinuedInterest, (int?)7),
            (NoteSeverity.Warning, NoteFindingCode.NoOpenness, (int?)7),
            (NoteSeverity.Error, NoteFindingCode.NoThanks, (int?)null),
            (NoteSeverity.Error, NoteFindingCode.GapNotAddressed, (int?)null));
        result.Findings.Select(f => f.Excerpt).Take(3).Should().Equal("With all due respect", "you overlooked", "[ADD AN EXAMPLE: the team you led]");
        result.Errors.Should().HaveCount(5);
        result.Warnings.Should().HaveCount(2);
    }

    [Fact]
    public void Check_RoleNameWordsDoNotAnswerAGap()
    {
        // "managed" shares its stem with the role "Engineering Manager", so only "budget" counts.
        var @case = NoteFixtures.Case(null, "has not managed a budget");
        var text = "Dear Pat,\n\nThank you for the call about the Engineering Manager role.\n\n" +
                   "I remain interested, and would be glad to talk if anything changes.\n\nAlex\n";

        Summary(NoteChecker.Check(text, @case)).Should().Equal((NoteSeverity.Error, NoteFindingCode.GapNotAddressed, (int?)null));
        NoteChecker.Check(text.Replace("Thank you for the call", "Thank you. I ran a 2 million dollar budget", StringComparison.Ordinal), @case)
            .Findings.Should().BeEmpty();
    }

    [Fact]
    public void Check_GapWithOnlyFramingWords_IsNotJudged()
    {
        var @case = NoteFixtures.Case(null, "not enough experience");

        NoteGuidelines.GapKeywords("not enough experience").Should().BeEmpty();
        NoteChecker.Check(GoodWithLine(10, "On something else:"), @case).Findings.Should().BeEmpty();
    }

    [Fact]
    public void Validator_IsAFluentValidatorWithCodesSeveritiesAndFindings()
    {
        var text = GoodWithLine(13, "I am still very interested in the position.");

        var result = new NoteValidator().Validate(new NoteCheckContext(text, Case, NoteChannel.Email));

        result.Errors.Should().ContainSingle();
        result.Errors[0].ErrorCode.Should().Be("NoOpenness");
        result.Errors[0].Severity.Should().Be(Severity.Warning);
        result.Errors[0].CustomState.Should().BeOfType<NoteFinding>().Which.Line.Should().Be(13);
    }

    [Fact]
    public void Finding_ToString_SaysSeverityCodeLineAndExcerpt()
    {
        var f = new NoteFinding(NoteSeverity.Warning, NoteFindingCode.Defensive, "Sounds defensive.", 4, "actually", 10);

        f.ToString().Should().Be("warning Defensive (line 4, \"actually\"): Sounds defensive.");
        (f with { Line = null, Excerpt = null }).ToString().Should().Be("warning Defensive: Sounds defensive.");
    }

    [Fact]
    public void GapKeywords_DropGrammarNumbersAndFramingWords()
    {
        NoteGuidelines.GapKeywords(NoteFixtures.TeamGap).Should().Equal("led", "team");
        NoteGuidelines.GapKeywords(NoteFixtures.CloudGap).Should().Equal("hands", "cloud", "migrations");
    }

    [Fact]
    public void Check_NullArguments_Throw()
    {
        FluentActions.Invoking(() => NoteChecker.Check(null!, Case)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => NoteChecker.Check("x", null!)).Should().Throw<ArgumentNullException>();
    }
}
