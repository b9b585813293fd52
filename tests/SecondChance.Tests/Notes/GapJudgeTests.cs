using SecondChance.Notes;

namespace SecondChance.Tests.Notes;

public class GapJudgeTests
{
    [Theory]
    [InlineData("has not led a team of 10 or more", GapTheme.TeamLeadership, "Today 18 engineers report to me across three squads.", "18")]
    [InlineData("limited experience with budgets", GapTheme.Budget, "On money: I have managed a $2.4M annual spend for three years and closed each year 6% under plan.", "$2.4M")]
    [InlineData("no experience hiring engineers", GapTheme.Hiring, "In my last role I brought on 9 developers and built the interview loop we still use.", "9")]
    [InlineData("stakeholder communication", GapTheme.StakeholderCommunication, "I keep people informed with a weekly note to the department heads, and the surprise escalations ended.", "ended")]
    [InlineData("no experience in a regulated industry", GapTheme.DomainAndRegulation, "I spent five years on payment systems at a bank and prepared our teams for PCI audits.", "five")]
    [InlineData("weak Kubernetes skills", GapTheme.TechnicalSkills, "I moved our services onto Kubernetes using GitOps with Argo.", "GitOps")]
    [InlineData("limited enterprise sales experience", GapTheme.SalesSegments, "I sold to Fortune 500 accounts, the largest worth $640k a year.", "500")]
    [InlineData("limited international experience", GapTheme.International, "From 2021 to 2024 I ran operations across three countries for a retailer.", "three")]
    [InlineData("not senior enough for the role", GapTheme.Seniority, "For the past four years I have been a director reporting to the COO.", "four")]
    [InlineData("no experience with Salesforce administration", GapTheme.Other, "I have administered Salesforce for 300 users since 2022.", "300")]
    public void Judge_EachTheme_AnsweredInOtherWordsWithTheExampleFound(string gap, GapTheme theme, string paragraph, string example)
    {
        var answer = GapJudge.Judge(gap, paragraph);

        answer.Verdict.Should().Be(GapVerdict.Answered, answer.Reason);
        answer.Theme.Should().Be(theme);
        answer.Example.Should().Be(example);
        answer.Concept.Should().NotBeNullOrEmpty();
        answer.Claim.Should().NotBeNullOrEmpty();
        answer.Line.Should().BeNull();
    }

    [Theory]
    [InlineData("has not led a team of 10 or more", "I am confident leading bigger teams and I enjoy helping people grow.")]
    [InlineData("limited experience with budgets", "I am comfortable owning a budget and keeping a close eye on costs.")]
    [InlineData("no experience hiring engineers", "I enjoy recruiting and have a good instinct for engineering talent.")]
    [InlineData("stakeholder communication", "I communicate well with stakeholders at every level.")]
    [InlineData("no experience in a regulated industry", "I know how much care regulated work needs.")]
    [InlineData("weak Kubernetes skills", "I know Kubernetes well and keep up with it on my own projects.")]
    [InlineData("limited enterprise sales experience", "I understand how large companies buy and I am comfortable with long enterprise sales cycles.")]
    [InlineData("limited international experience", "I thrive in multicultural settings and love working across cultures.")]
    [InlineData("not senior enough for the role", "I believe I am ready for a more senior position.")]
    public void Judge_EachTheme_ClaimWithoutAnExample(string gap, string paragraph)
    {
        var answer = GapJudge.Judge(gap, paragraph);

        answer.Verdict.Should().Be(GapVerdict.ClaimWithoutExample, answer.Reason);
        answer.Example.Should().BeNull();
        answer.Claim.Should().NotBeNull();
        answer.Reason.Should().StartWith("Claimed without an example");
    }

    [Theory]
    // The words are shared, the meaning is not.
    [InlineData("has not led a team of 10 or more", "I really enjoyed meeting the team, and the team lunch was 10 out of 10.")]
    [InlineData("less hands-on experience with cloud migrations", "Bird migration season was in full swing when I visited.")]
    [InlineData("weak on Python", "My neighbour's pet python escaped last week and I helped find it.")]
    [InlineData("no energy sector background", "I left the interview full of energy and even more excited.")]
    [InlineData("no mobile development experience", "Sorry for the mobile phone ringing during our call.")]
    [InlineData("limited people leadership", "I led the redesign of our onboarding flow, which lifted activation from 41% to 55%.")]
    // About the reader or the company, not the candidate.
    [InlineData("limited experience with budgets", "Thank you for explaining how the budget cycle at your company works; it helped me understand the timing.")]
    [InlineData("no experience hiring engineers", "Your hiring process was one of the most thoughtful I have been through.")]
    [InlineData("no experience selling to enterprise customers", "I was glad to hear that your enterprise customers love the new dashboard.")]
    [InlineData("not senior enough", "It was good to meet the senior leadership team; their openness stood out to me.")]
    [InlineData("limited international experience", "I hope your office in Singapore opens on schedule.")]
    // A real claim with an example, but of another theme or another technology.
    [InlineData("limited experience with budgets", "I have led a team of 15 engineers for three years.")]
    [InlineData("weak Kubernetes skills", "I have written Python for six years and maintain three internal libraries.")]
    [InlineData("no healthcare experience", "I spent four years at a bank working on payment fraud, passing two PCI audits.")]
    public void Judge_FalseFriend_IsNotAnswered(string gap, string paragraph)
    {
        var answer = GapJudge.Judge(gap, paragraph);

        answer.Verdict.Should().Be(GapVerdict.NotAnswered, answer.Reason);
        answer.Claim.Should().BeNull();
        answer.Example.Should().BeNull();
    }

    [Fact]
    public void Judge_AnswerReportsTheConceptTheMatchedWordsTheClaimAndTheExample()
    {
        var answer = GapJudge.Judge("has not led a team of 10 or more", "Larger groups are familiar ground: today 18 engineers report to me across three squads.");

        answer.Should().BeEquivalentTo(new
        {
            Gap = "has not led a team of 10 or more",
            Verdict = GapVerdict.Answered,
            Theme = GapTheme.TeamLeadership,
            Concept = "leading people",
            Matched = "report to me",
            Claim = "me",
            Example = "18",
        });
        answer.Reason.Should().Be("Answered: speaks of leading people (\"report to me\") as your own claim (\"me\"), with an example (\"18\").");
    }

    [Fact]
    public void Judge_ConceptOnlyAboutTheReader_SaysSoInTheReason()
    {
        var answer = GapJudge.Judge("limited experience with budgets", "Your budget process sounds very thorough.");

        answer.Verdict.Should().Be(GapVerdict.NotAnswered);
        answer.Concept.Should().Be("budget and P&L");
        answer.Reason.Should().Be("Not answered: a paragraph mentions budget and P&L (\"budget\"), but not as something you did.");
    }

    [Fact]
    public void Judge_TheGapsOwnNumberIsNoExample()
    {
        GapJudge.Judge("has not led a team of 10 or more", "On \"has not led a team of 10 or more\": I love leading people.")
            .Verdict.Should().Be(GapVerdict.ClaimWithoutExample);
    }

    [Fact]
    public void Judge_TheConceptsOwnWordIsNoExample()
    {
        // "Kubernetes" names the gap, so it is not a named system that makes the claim concrete; "hired" names a hiring gap.
        GapJudge.Judge("weak Kubernetes skills", "I know Kubernetes well.").Verdict.Should().Be(GapVerdict.ClaimWithoutExample);
        GapJudge.Judge("little hiring experience", "I have hired before and enjoyed it.").Verdict.Should().Be(GapVerdict.ClaimWithoutExample);
    }

    [Fact]
    public void Judge_BlankOrFramingOnlyGap_CannotBeJudged()
    {
        GapJudge.CanJudge("not enough experience").Should().BeFalse();
        GapJudge.Judge("not enough experience", "I led 12 engineers.").Theme.Should().BeNull();
        GapJudge.CanJudge("weak on Rust").Should().BeTrue();
    }

    [Fact]
    public void Judge_NullArguments_Throw()
    {
        FluentActions.Invoking(() => GapJudge.Judge(null!, "x")).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => GapJudge.Judge("x", null!)).Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("led", "lead")]
    [InlineData("leading", "lead")]
    [InlineData("ran", "run")]
    [InlineData("running", "run")]
    [InlineData("grew", "grow")]
    [InlineData("brought", "bring")]
    [InlineData("spent", "spend")]
    [InlineData("sold", "sell")]
    [InlineData("oversaw", "oversee")]
    [InlineData("people", "person")]
    [InlineData("hired", "hire")]
    [InlineData("hiring", "hire")]
    [InlineData("managed", "manage")]
    [InlineData("managing", "manage")]
    [InlineData("planned", "plan")]
    [InlineData("migrations", "migrate")]
    [InlineData("migrated", "migrate")]
    [InlineData("communicating", "communicate")]
    [InlineData("communication", "communicate")]
    [InlineData("companies", "company")]
    [InlineData("business", "business")]
    public void Lemma_IrregularAndRegularFormsMeet(string word, string lemma)
    {
        Lemmatizer.Lemma(word).Should().Be(lemma);
    }
}
