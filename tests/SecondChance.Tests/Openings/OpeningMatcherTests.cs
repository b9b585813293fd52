using CsCheck;
using SecondChance.Openings;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Openings;

/// <summary>
/// The matcher's verdicts on a table of title pairs we wrote with the answer a recruiter would give,
/// and the invariants it keeps: symmetric in the titles, blind to case and punctuation.
/// </summary>
public class OpeningMatcherTests
{
    private const string R = "Reopened", S = "Similar", U = "Unrelated";
    private static readonly OpeningMatcher Matcher = OpeningMatcher.Default;

    public static TheoryData<string, string, string, string, string> Pairs() => new()
    {
        // The same role, posted again: spelling, punctuation, word order, noise words, abbreviations.
        { "Contoso", "Engineering Manager", "Contoso", "Engineering Manager", R },
        { "Contoso", "Engineering Manager", "Contoso", "engineering manager", R },
        { "Contoso", "Engineering Manager", "Contoso", "Engineering Manager (Remote)", R },
        { "Contoso", "Engineering Manager", "Contoso", "Engineering Manager - Remote, Hybrid", R },
        { "Contoso", "Engineering Manager", "Contoso", "Eng. Manager", R },
        { "Contoso", "Engineering Manager", "Contoso", "Eng Mgr", R },
        { "Contoso", "Engineering Manager", "Contoso", "Manager, Engineering", R },
        { "Contoso", "Director of Engineering", "Contoso", "Engineering Director", R },
        { "Contoso", "Senior Software Engineer", "Contoso", "Sr. Software Engineer", R },
        { "Contoso", "Senior Software Engineer", "Contoso", "Software Engineer, Senior", R },
        { "Contoso", "Software Engineer II", "Contoso", "Software Engineer II (Remote)", R },
        { "Contoso", "Data Analyst", "Contoso", "Data Analyst (m/w/d)", R },
        { "Contoso", "Chief Financial Officer", "Contoso", "CFO", R },
        { "Contoso", "VP of Sales", "Contoso", "Vice President, Sales", R },
        { "Contoso", "Product Designer", "Contoso", "Product Designer - Full-time", R },
        { "Contoso", "Senior Product Manager", "Contoso", "Senior Product Manager!", R },
        { "Contoso", "Software Engineer", "Contoso", "SWE", R },
        { "Contoso", "Senior Engineering Manager", "Contoso", "Sr. Eng. Mgr.", R },
        { "Contoso", "Junior Developer", "Contoso", "Jr Developer", R },
        { "Contoso", "QA Engineer", "Contoso", "Quality Assurance Engineer", R },
        { "Contoso", "Director, HR", "Contoso", "Human Resources Director", R },

        // Seniority or level changes: a similar role, not the same one.
        { "Contoso", "Engineering Manager", "Contoso", "Senior Engineering Manager", S },
        { "Contoso", "Software Engineer", "Contoso", "Senior Software Engineer", S },
        { "Contoso", "Software Engineer II", "Contoso", "Software Engineer III", S },
        { "Contoso", "Software Engineer", "Contoso", "Staff Software Engineer", S },
        { "Contoso", "Product Manager", "Contoso", "Associate Product Manager", S },
        { "Contoso", "Data Analyst", "Contoso", "Junior Data Analyst", S },
        { "Contoso", "Senior Software Engineer, L5", "Contoso", "Senior Software Engineer, L6", S },
        { "Contoso", "Product Designer", "Contoso", "Lead Product Designer", S },
        { "Contoso", "Software Engineer", "Contoso", "Software Engineer I", S },

        // Team suffixes and neighbouring teams: similar.
        { "Contoso", "Engineering Manager", "Contoso", "Senior Engineering Manager, Payments", S },
        { "Contoso", "Engineering Manager", "Contoso", "Engineering Manager, Payments", S },
        { "Contoso", "Engineering Manager, Payments", "Contoso", "Engineering Manager, Search", S },
        { "Contoso", "Product Manager", "Contoso", "Product Manager - Growth", S },
        { "Contoso", "Software Engineer", "Contoso", "Software Engineer, Platform Infrastructure", S },
        { "Contoso", "Backend Engineer", "Contoso", "Frontend Engineer", S },
        { "Contoso", "Data Scientist", "Contoso", "Data Scientist, Machine Learning", S },
        { "Contoso", "Account Executive", "Contoso", "Enterprise Account Executive", S },
        { "Contoso", "Recruiter", "Contoso", "Technical Recruiter", S },
        { "Contoso", "Software Developer", "Contoso", "Software Engineer", S },

        // Different functions: unrelated.
        { "Contoso", "Engineering Manager", "Contoso", "Product Manager", U },
        { "Contoso", "Engineering Manager", "Contoso", "Sales Manager", U },
        { "Contoso", "Engineering Manager", "Contoso", "Marketing Manager", U },
        { "Contoso", "Director of Engineering", "Contoso", "Director of Finance", U },
        { "Contoso", "Data Analyst", "Contoso", "Financial Analyst", U },
        { "Contoso", "Software Engineer", "Contoso", "Sales Engineer", U },
        { "Contoso", "Marketing Manager", "Contoso", "Sales Manager", U },
        { "Contoso", "Customer Success Manager", "Contoso", "Product Manager", U },
        { "Contoso", "HR Manager", "Contoso", "Engineering Manager", U },

        // Different kinds: unrelated.
        { "Contoso", "Software Engineer", "Contoso", "Engineering Manager", U },
        { "Contoso", "Product Designer", "Contoso", "Product Manager", U },
        { "Contoso", "Engineering Manager", "Contoso", "Director of Engineering", U },
        { "Contoso", "Data Analyst", "Contoso", "Data Scientist", U },
        { "Contoso", "Engineering Manager", "Contoso", "Engineering Intern", U },
        { "Contoso", "Software Engineer", "Contoso", "Software Architect", U },
        { "Contoso", "Head of Product", "Contoso", "Product Manager", U },
        { "Contoso", "Engineering Manager", "Contoso", "Remote", U },

        // Other companies, and the same company spelled with a legal suffix, punctuation or accents.
        { "Contoso", "Engineering Manager", "Fabrikam", "Engineering Manager", U },
        { "Contoso", "Engineering Manager", "Contoso Pharma", "Engineering Manager", U },
        { "Contoso", "Engineering Manager", "Contoso, Inc.", "Engineering Manager", R },
        { "Northwind Traders Ltd.", "Data Analyst", "Northwind Traders", "Data Analyst", R },
        { "Tailspin Toys GmbH", "Product Designer", "tailspin toys", "Senior Product Designer", S },
        { "Fabrikam PLC", "Chief Financial Officer", "FABRIKAM", "CFO", R },
        { "Ünïcorn Labs LLC", "Software Engineer", "Unicorn Labs", "Software Engineer", R },
        { "The Phone Company", "Sales Manager", "Phone Company, The", "Sales Manager", R },

        // Letters beyond English.
        { "Contoso", "Ingénieur logiciel", "Contoso", "Ingenieur Logiciel", R },
        { "Contoso", "Développeur Backend", "Contoso", "Developpeur backend (H/F)", R },
        { "Contoso", "Softwareentwickler (m/w/d)", "Contoso", "Softwareentwickler", R },
        { "Contoso", "Ingeniero de Software", "Contoso", "Gerente de Ingeniería", U },
        { "Contoso", "Менеджер по продукту", "Contoso", "МЕНЕДЖЕР ПО ПРОДУКТУ", R },
        { "Contoso", "プロダクトマネージャー", "Contoso", "プロダクトマネージャー", R },
        { "Contoso", "Leiter Vertrieb", "Contoso", "Leiter Marketing", U },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Match_TitlePairTable_GivesTheExpectedVerdict(string caseCompany, string role, string openingCompany, string title, string expected)
    {
        var result = Matcher.Match(Case(caseCompany, role), Opening(openingCompany, title));

        (result.Match?.ToString() ?? U).Should().Be(expected, result.ToString());
        result.Reasons.Should().NotBeEmpty();
        if (result.IsMatch)
        {
            result.Score.Should().BeInRange(0, 100);
            result.MatchedWords.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Pairs_TableHoldsAtLeastSixtyPairsOfEveryVerdict()
    {
        var rows = ((IEnumerable<object[]>)Pairs()).ToArray();
        rows.Should().HaveCountGreaterThanOrEqualTo(60);
        rows.Select(r => (string)r[4]).Distinct().Should().BeEquivalentTo(R, S, U);
    }

    [Fact]
    public void Match_SeniorManagerWithTeam_ReportsTheWordsAndTheReasons()
    {
        var result = Matcher.Match(Case("Contoso", "Engineering Manager"), Opening("Contoso, Inc.", "Senior Engineering Manager, Payments"));

        result.Match.Should().Be(OpeningMatch.Similar);
        result.MatchedWords.Should().Equal("engineering", "manager");
        result.RoleOnlyWords.Should().BeEmpty();
        result.OpeningOnlyWords.Should().Equal("payments", "senior");
        result.Reasons.Should().Contain("same company: 'contoso'")
            .And.Contain("same function (engineering)")
            .And.Contain("same kind of role (manager)")
            .And.Contain(r => r.StartsWith("seniority differs", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_ProductManagerForEngineeringManager_NamesTheDifferentFunction()
    {
        var result = Matcher.Match(Case("Contoso", "Engineering Manager"), Opening("Contoso", "Product Manager"));

        result.IsMatch.Should().BeFalse();
        result.Reasons.Should().Contain("different function: engineering and product");
    }

    [Fact]
    public void Match_OpeningAtAnotherJobLevel_IsSimilarRatherThanReopened()
    {
        var opening = Opening("Contoso", "Engineering Manager") with { Level = JobLevel.SeniorExecutive };

        var result = Matcher.Match(Case("Contoso", "Engineering Manager"), opening);

        result.Match.Should().Be(OpeningMatch.Similar);
        result.Reasons.Should().Contain(r => r.Contains("job level differs", StringComparison.Ordinal));
        Matcher.Match(Case("Contoso", "Engineering Manager"), opening with { Level = new JobLevel("middlemanagement") }).Match.Should().Be(OpeningMatch.Reopened);
    }

    [Fact]
    public void CompanyKey_DropsCaseAccentsPunctuationAndLegalSuffixes()
    {
        Matcher.CompanyKey("Contoso, Inc.").Should().Be("contoso");
        Matcher.CompanyKey("CONTOSO LLC").Should().Be("contoso");
        Matcher.CompanyKey("Société Générale SA").Should().Be("societe generale");
        Matcher.CompanyKey("Müller GmbH & Co. KG").Should().Be("muller");
        Matcher.CompanyKey("The Company").Should().Be("the company", "a name made only of suffixes is kept");
    }

    [Fact]
    public void Options_ChangeTheThresholdsAndWordLists()
    {
        var options = new OpeningMatcherOptions { ReopenedThreshold = 95, SimilarThreshold = 95 };
        options.Abbreviations["sre"] = "site reliability engineer";
        options.IgnoredWords.Add("contract");
        var strict = new OpeningMatcher(options);

        strict.CompareTitles("Engineering Manager", "Engineering Manager, Payments").IsMatch.Should().BeTrue("one title's words are all in the other: token set 100");
        strict.CompareTitles("Backend Engineer", "Frontend Engineer").IsMatch.Should().BeFalse();
        strict.CompareTitles("Site Reliability Engineer", "SRE (contract)").Match.Should().Be(OpeningMatch.Reopened);
        Matcher.CompareTitles("Site Reliability Engineer", "SRE (contract)").Match.Should().BeNull();

        options.ReopenedThreshold = 50;
        options.SimilarThreshold = 60;
        FluentActions.Invoking(() => new OpeningMatcher(options)).Should().Throw<ArgumentException>().WithMessage("*SimilarThreshold*");
        options.SimilarThreshold = 40;
        options.KindWords["  "] = "nothing";
        FluentActions.Invoking(() => new OpeningMatcher(options)).Should().Throw<ArgumentException>().WithMessage("KindWords*");
    }

    [Fact]
    public void CompareTitles_IsSymmetricInTheTitles()
    {
        Gen.Select(TitleGen, TitleGen).Sample((a, b) =>
        {
            var ab = Matcher.CompareTitles(a, b);
            var ba = Matcher.CompareTitles(b, a);
            ba.Match.Should().Be(ab.Match, $"'{a}' / '{b}'");
            ba.Score.Should().Be(ab.Score);
            ba.MatchedWords.Should().Equal(ab.MatchedWords);
            ba.RoleOnlyWords.Should().Equal(ab.OpeningOnlyWords);
        });
    }

    [Fact]
    public void CompareTitles_IgnoresLetterCaseAndPunctuation()
    {
        Gen.Select(TitleGen, TitleGen, Gen.Int[0, 3], Gen.Int[0, Marks.Length - 1].Array[1, 4]).Sample((a, b, casing, marks) =>
        {
            var changed = casing switch
            {
                0 => b.ToUpperInvariant(),
                1 => b.ToLowerInvariant(),
                _ => string.Concat(b.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
            };
            var words = changed.Split(' ');
            var punctuated = string.Join(" ", words.Select((w, i) => w + Marks[marks[i % marks.Length]])) + Marks[marks[0]];

            var plain = Matcher.CompareTitles(a, b);
            var other = Matcher.CompareTitles(a, punctuated);
            other.Match.Should().Be(plain.Match, $"'{b}' and '{punctuated}'");
            other.Score.Should().Be(plain.Score);
            other.MatchedWords.Should().Equal(plain.MatchedWords);
        });
    }

    [Fact]
    public void CompareTitles_ATitleWithItself_IsReopenedWhenItHasWords()
    {
        TitleGen.Sample(t =>
        {
            var result = Matcher.CompareTitles(t, t);
            if (result.Reasons.Any(r => r.Contains("no words left", StringComparison.Ordinal)))
            {
                result.Match.Should().BeNull();
            }
            else
            {
                result.Match.Should().Be(OpeningMatch.Reopened, t);
                result.Score.Should().Be(100);
            }
        });
    }

    // Titles built from words the matcher treats specially (abbreviations, seniority, markers, noise,
    // functions, kinds, accented and non-Latin words), so the properties reach every branch.
    private const string Marks = "-,.;:!?()/&|*\"'";

    private static readonly string[] TitleWords =
    [
        "Senior", "Sr", "Staff", "Engineering", "Eng", "Manager", "Mgr", "Product", "Software", "Engineer", "II", "L5",
            "Remote", "Payments", "Director", "Data", "Analyst", "Designer", "Sales", "of", "Ingénieur", "Développeur",
        "Менеджер", "VP", "Head", "Growth", "Platform", "3",
    ];

    private static readonly Gen<string> TitleGen = Gen.Int[0, TitleWords.Length - 1].Array[1, 5]
        .Select(picks => string.Join(" ", picks.Select(i => TitleWords[i])));

    private static RunnerUpCase Case(string company, string role) =>
        New(JobLevel.MiddleManagement, new Notified(D(2026, 3, 6))) with { Company = company, Role = role };

    private static JobOpening Opening(string company, string title) =>
        new() { Company = company, Title = title, PostedOn = D(2026, 9, 1) };
}
