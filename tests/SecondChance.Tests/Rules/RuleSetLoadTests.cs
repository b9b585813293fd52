using System.Text.Json.Nodes;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Rules;

/// <summary>Loading custom rule sets: validation, the sandbox's adversarial corpus, semantics and reloads.</summary>
public class RuleSetLoadTests
{
    private static string Workflow(params string[] rules) =>
        $$"""{ "WorkflowName": "Custom", "Rules": [ {{string.Join(",", rules)}} ] }""";

    private static string Rule(string name, string expression, string? properties = null) =>
        $$"""
        { "RuleName": "{{name}}", "Expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}},
          "Properties": {{properties ?? """{ "step": 1, "action": "ThankAndAskWhereShort", "covers": [1, 2, 3], "due": { "policy": "OnEventDate", "anchor": "Notified" }, "guidance": "Say thanks." }"""}} }
        """;

    private static string Closed => Rule("Closed", "facts.Closed", """{ "step": null, "action": "None", "due": { "policy": "None" }, "guidance": "Done." }""");

    private static List<string> Problems(string json, RuleSetMode mode = RuleSetMode.Replace)
    {
        var result = PlaybookRuleSet.Load(json, mode);
        result.Succeeded.Should().BeFalse();
        result.RuleSet.Should().BeNull();
        FluentActions.Invoking(() => result.GetRuleSetOrThrow()).Should().Throw<RuleSetException>().Which.Problems.Should().NotBeEmpty();
        return result.Errors.Select(p => p.ToString()).ToList();
    }

    private static string Refusal(string expression) =>
        Problems(Workflow(Closed, Rule("Evil", expression))).Should().ContainSingle().Subject;

    [Fact]
    public void Default_LoadsWithoutWarnings()
    {
        var result = PlaybookRuleSet.Load(PlaybookRuleSet.DefaultWorkflowJson);

        result.Problems.Should().BeEmpty();
        result.RuleSet!.Rules.Select(r => r.Name).Should().Equal(
            "CaseClosed", "NegotiateOffer", "RespondToApproach", "FollowUpOnOpening", "AwaitApproach", "FollowUp", "SendThankYouNote", "ReaffirmInterest", "ThankAndAsk");
        PlaybookRuleSet.Default.Rules.Where(r => r.Name != "FollowUpOnOpening").Should().OnlyContain(r => r.FactsRead.Count == 1);
        PlaybookRuleSet.Default.Rules.Single(r => r.Name == "FollowUpOnOpening").FactsRead.Should().Equal("Approached", "OfferReceived", "OpeningSinceFollowUp");
    }

    // The public proof of concept for CVE-2024-51417 and other reflection paths.
    [Theory]
    [InlineData("\"\".GetType().Assembly.FullName != null")]
    [InlineData("facts.GetType().Assembly.GetTypes().Length > 0")]
    [InlineData("\"\".GetType().Assembly.DefinedTypes.Where(it.Name == \"AppDomain\").First().DeclaredMethods.Count() > 0")]
    [InlineData("facts.Level.GetType().Name == \"String\"")]
    [InlineData("typeof(System.Environment).Name != null")]
    public void Sandbox_RefusesReflection(string expression) =>
        Refusal(expression).Should().StartWith("rule 'Evil', Expression: ");

    [Theory]
    [InlineData("DateTime.Now.Year > 2000", "DateTime")]
    [InlineData("DateTime.UtcNow > DateTime.MinValue", "DateTime")]
    [InlineData("Environment.ProcessorCount > 0", "Environment")]
    [InlineData("Enumerable.Range(0, 2147483647).Count() > 0", "Enumerable")]
    [InlineData("Math.Pow(2, 2) > 1", "Pow")]
    [InlineData("facts.Level.Replace(\"a\", \"b\") == \"x\"", "String.Replace")]
    [InlineData("facts.Level.Split(',').Length > 0", "creating objects")]
    [InlineData("Guid.NewGuid() != Guid.Empty", "Guid")]
    public void Sandbox_RefusesAnythingOutsideTheLanguage(string expression, string named) =>
        Refusal(expression).Should().StartWith("rule 'Evil', Expression: ").And.Contain(named);

    [Theory]
    [InlineData("facts.FollowUpCount >= 1 && (facts.Level == \"SeniorExecutive\" || facts.GapCount * 2 + 1 > 3)")]
    [InlineData("!facts.Closed && facts.LastFollowUpOutcome.StartsWith(\"No\")")]
    [InlineData("Math.Max(facts.FollowUpCount, facts.GapCount) < 3 || facts.Level.ToUpperInvariant() == \"X\"")]
    [InlineData("iif(facts.NoteSent, facts.FollowUpCount, 0) >= 0 && facts.Level.Length > 0")]
    public void Sandbox_AllowsTheDocumentedLanguage(string expression)
    {
        var result = PlaybookRuleSet.Load(Workflow(Closed, Rule("Fine", expression), Rule("Fallback", "facts.Notified")));

        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void Limits_HugeExpressionRefused() =>
        Refusal(string.Join(" || ", Enumerable.Repeat("facts.Notified", 80))).Should().Contain("at most 1000 are allowed");

    [Fact]
    public void Limits_DeepNestingRefused() =>
        Refusal(new string('!', 24) + "facts.Notified")
            .Should().Contain("nests deeper than 20");

    [Fact]
    public void Limits_TooManyRulesRefused() =>
        Problems(Workflow(Enumerable.Range(0, 201).Select(i => Rule("R" + i, "facts.Notified")).ToArray()))
            .Should().ContainSingle().Which.Should().Contain("at most 200 are allowed");

    [Theory]
    [InlineData("""{ "step": 1, "action": "Dance", "due": { "policy": "None" }, "guidance": "x" }""", "Properties.action: 'Dance' is not known")]
    [InlineData("""{ "step": 1, "action": "FollowUp", "due": { "policy": "WheneverYouLike", "anchor": "Notified" }, "guidance": "x" }""", "Properties.due.policy: 'WheneverYouLike' is not known")]
    [InlineData("""{ "step": 11, "action": "FollowUp", "due": { "policy": "OnEventDate", "anchor": "Notified" }, "guidance": "x" }""", "Properties.step: must be a whole number from 1 to 10")]
    [InlineData("""{ "step": 7, "action": "FollowUp", "covers": [8], "due": { "policy": "OnEventDate", "anchor": "Notified" }, "guidance": "x" }""", "must include the rule's own step (7)")]
    [InlineData("""{ "step": 7, "action": "FollowUp", "due": { "policy": "MonthsAfter", "anchor": "NoteSent" }, "guidance": "x" }""", "Properties.due.months: must be from 1 to 120")]
    [InlineData("""{ "step": 7, "action": "FollowUp", "due": { "policy": "OnEventDate" }, "guidance": "x" }""", "Properties.due.anchor: is required")]
    [InlineData("""{ "step": 7, "action": "FollowUp", "due": { "policy": "OnEventDate", "anchor": "Coffee" }, "guidance": "x" }""", "Properties.due.anchor: 'Coffee' is not known")]
    [InlineData("""{ "step": 7, "action": "FollowUp", "due": { "policy": "OnEventDate", "anchor": "Notified" } }""", "Properties.guidance: is required")]
    [InlineData("""{ "action": "FollowUp", "due": { "policy": "OnEventDate", "anchor": "Notified" }, "guidance": "x" }""", "Properties.step: is required")]
    public void Properties_BadValuesNamed(string properties, string expected) =>
        Problems(Workflow(Closed, Rule("Odd", "facts.Notified", properties))).Should().Contain(p => p.StartsWith("rule 'Odd', ") && p.Contains(expected));

    [Fact]
    public void Properties_Missing() =>
        Problems(Workflow("""{ "RuleName": "Bare", "Expression": "facts.Notified" }""")).Should().Contain(p => p.StartsWith("rule 'Bare', Properties: is required"));

    [Fact]
    public void Load_DuplicateRuleNames_AreRejected() =>
        Problems(Workflow(Closed, Rule("Twin", "facts.Notified"), Rule("Twin", "facts.NoteSent")))
            .Should().Contain("rule 'Twin', RuleName: is used by more than one rule; names must be unique");

    [Theory]
    [InlineData("{ \"WorkflowName\": \"X\", \"Rules\": [ ")]
    [InlineData("not json at all")]
    public void Load_MalformedJson_IsRejected(string json) =>
        Problems(json).Should().ContainSingle().Which.Should().StartWith("workflow, json: malformed JSON (line 1)");

    [Fact]
    public void ExpressionThatDoesNotCompile_NamesTheRule() =>
        Refusal("facts.NoSuchFact == 1").Should().StartWith("rule 'Evil', Expression: does not compile against the facts").And.Contain("NoSuchFact");

    [Fact]
    public void ExpressionOfWrongType_NamesTheRule() =>
        Refusal("facts.FollowUpCount + 1").Should().StartWith("rule 'Evil', Expression: does not compile");

    [Fact]
    public void MissingWorkflowName_AndEmptyRules() =>
        Problems("""{ "Rules": [] }""").Should().BeEquivalentTo("workflow, WorkflowName: is required", "workflow, Rules: must hold at least one rule");

    [Fact]
    public void RulesEngineStructuralValidation_StillWorksWithOurFluentValidation()
    {
        // RulesEngine validates workflows with FluentValidation; a future upgrade that breaks that must fail here.
        var workflow = new global::RulesEngine.Models.Workflow { WorkflowName = "Broken", Rules = [new global::RulesEngine.Models.Rule { RuleName = "NoExpression" }] };

        FluentActions.Invoking(() => new global::RulesEngine.RulesEngine([workflow])).Should().Throw<FluentValidation.ValidationException>();
    }

    [Fact]
    public void Semantics_SomeStageUndecided_Fails() =>
        Problems(Workflow(Closed, Rule("OnlyNotes", "facts.NoteSent", """{ "step": 7, "action": "FollowUp", "due": { "policy": "LevelMonthsAfter", "anchor": "NoteSent" }, "guidance": "x" }""")))
            .Should().Contain(p => p.StartsWith("workflow, Rules: no rule decides a case at ") && p.Contains("the first three being 'Notified' (level IndividualContributor)"));

    [Fact]
    public void Semantics_FewStagesUndecided_AreListedOneByOne() =>
        Problems(Workflow(Closed, Rule("AllButEarlyOffers", "!(facts.OfferReceived && !facts.NoteSent && facts.Level == \"SeniorExecutive\")")))
            .Where(p => p.Contains("no rule decides")).Should().Equal("workflow, Rules: no rule decides a case at stage 'Notified > OfferReceived' (level SeniorExecutive); add a rule that matches it");

    [Fact]
    public void DeclaredExtension_LoadsInExtendModeWithoutBeingTold()
    {
        var json = """{ "WorkflowName": "Quick", "WorkflowsToInject": ["SecondChance.Default"], "Rules": [ """ + Rule("FollowUp", "facts.NoteSent",
            """{ "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "completedBy": "FollowUpMade", "guidance": "Sooner." }""") + "] }";

        var result = PlaybookRuleSet.Load(json);

        result.Errors.Should().BeEmpty();
        result.RuleSet!.Mode.Should().Be(RuleSetMode.Extend);
        result.RuleSet.Rules.Should().HaveCount(PlaybookRuleSet.Default.Rules.Count);
        PlaybookRuleSet.Load(json, RuleSetMode.Replace).Errors.Select(p => p.ToString()).Should().Contain(p => p.StartsWith("workflow, WorkflowsToInject: the file extends SecondChance.Default, but replace mode was asked for"));
        PlaybookRuleSet.Load(json, RuleSetMode.Extend).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("[\"Other\"]")]
    [InlineData("\"SecondChance.Default\"")]
    [InlineData("[\"SecondChance.Default\", \"Other\"]")]
    public void WorkflowsToInject_NamingAnythingButTheDefault_IsAnError(string inject) =>
        Problems($$"""{ "WorkflowName": "X", "WorkflowsToInject": {{inject}}, "Rules": [ {{Closed}}, {{Rule("All", "facts.Notified")}} ] }""")
            .Should().Contain("workflow, WorkflowsToInject: may only name the default rules: [\"SecondChance.Default\"] (or be empty)");

    [Fact]
    public void UndeclaredExtension_GetsTheHint() =>
        Problems(Workflow(Rule("FollowUp", "facts.NoteSent",
            """{ "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "guidance": "Sooner." }""")))
            .Should().HaveCount(2).And.Contain(p => p.Contains("this file looks like an extension of the default rules"));

    [Fact]
    public void Semantics_AnchorMissingWhenRuleFires_Fails() =>
        Problems(Workflow(Closed, Rule("Early", "facts.Notified", """{ "step": 7, "action": "FollowUp", "due": { "policy": "LevelMonthsAfter", "anchor": "NoteSent" }, "guidance": "x" }""")))
            .Should().Contain(p => p.StartsWith("rule 'Early', Properties.due.anchor: the rule decides stage 'Notified', which has no NoteSent event"));

    [Fact]
    public void Semantics_ShadowedRule_IsAWarning()
    {
        var result = PlaybookRuleSet.Load(Workflow(Closed, Rule("All", "facts.Notified"), Rule("Shadowed", "facts.NoteSent")));

        result.Succeeded.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.ToString().Should().StartWith("warning: rule 'Shadowed', Expression: never decides");
    }

    [Fact]
    public void SampleWorkflow_ExtendsTheDefaultAndDecides()
    {
        var result = PlaybookRuleSet.LoadFile(Path.Combine(RepoRoot(), "samples", "rules", "executive-second-follow-up.json"), RuleSetMode.Extend);
        result.Errors.Should().BeEmpty();
        var options = new PlaybookOptions { RuleSet = result.RuleSet! };
        options.Levels[new JobLevel("Contractor")] = new LevelProfile(3, 7, 0.2);
        var engine = new PlaybookEngine(options);
        var note = HappyPath(D(2026, 3, 6));

        var exec = New(JobLevel.SeniorExecutive, [.. note, new FollowUpMade(D(2026, 9, 7), FollowUpOutcome.NoChange)]);
        engine.Decide(exec, D(2026, 9, 8)).Next.Should().BeEquivalentTo(new { Rule = "ExecutiveSecondFollowUp", Step = 7, DueOn = D(2027, 3, 8) }); // Mar 6 2027 is a Saturday
        engine.Decide(exec with { Level = JobLevel.MiddleManagement }, D(2026, 9, 8)).Next.Rule.Should().Be("AwaitApproach");
        engine.Decide(New(new JobLevel("Contractor"), note), D(2026, 3, 9)).Next.Should().BeEquivalentTo(new { Rule = "ContractorQuickFollowUp", DueOn = D(2026, 5, 6) });
        engine.Decide(New(JobLevel.MiddleManagement, note), D(2026, 3, 9)).Next.DueOn.Should().Be(D(2026, 8, 6));
        result.RuleSet!.Rules.Should().HaveCount(11);
    }

    [Fact]
    public void Extend_ReplacesADefaultRuleOfTheSameNameInPlace()
    {
        var json = Workflow(Rule("FollowUp", "facts.NoteSent", """{ "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "guidance": "Sooner." }"""));

        var ruleSet = PlaybookRuleSet.Load(json, RuleSetMode.Extend).GetRuleSetOrThrow();

        ruleSet.Rules.Select(r => r.Name).Should().Equal(PlaybookRuleSet.Default.Rules.Select(r => r.Name));
        new PlaybookEngine(new PlaybookOptions { RuleSet = ruleSet }).Decide(New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6))), D(2026, 3, 6)).Next.DueOn.Should().Be(D(2026, 6, 8));
    }

    [Fact]
    public void DisabledRule_IsSkippedWithAWarning()
    {
        var node = JsonNode.Parse(PlaybookRuleSet.DefaultWorkflowJson)!;
        node["Rules"]![3]!["Enabled"] = false; // AwaitApproach

        var result = PlaybookRuleSet.Load(node.ToJsonString());

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        result.RuleSet!.Rules.Should().HaveCount(8);
        result.Warnings.Should().ContainSingle().Which.ToString().Should().Be(
            "warning: rule 'FollowUpOnOpening', Enabled: is false: the rule is checked but never decides; remove it, or set Enabled to true");
    }

    [Fact]
    public void DisabledRule_IsStillChecked()
    {
        var node = JsonNode.Parse(PlaybookRuleSet.DefaultWorkflowJson)!;
        node["Rules"]![3]!["Enabled"] = false;
        node["Rules"]![3]!["Expression"] = "facts.NoSuchFact";

        Problems(node.ToJsonString()).Should().ContainSingle().Which.Should().StartWith("rule 'FollowUpOnOpening', Expression: does not compile");
    }

    [Theory]
    [InlineData("\"LocalParams\": [ { \"Name\": \"x\", \"Expression\": \"facts.Notified\" } ]", "LocalParams", "local parameters are not supported")]
    [InlineData("\"Actions\": { \"OnSuccess\": { \"Name\": \"OutputExpression\" } }", "Actions", "rule actions are not run")]
    [InlineData("\"SuccessEvent\": \"10\"", "SuccessEvent", "is not used")]
    [InlineData("\"ErrorMessage\": \"No!\"", "ErrorMessage", "is not used")]
    [InlineData("\"Operator\": \"And\"", "Operator", "nested rules are not supported")]
    [InlineData("\"Rules\": [ { \"RuleName\": \"Inner\", \"Expression\": \"true\" } ]", "Rules", "nested rules are not supported")]
    [InlineData("\"RuleExpressionType\": \"Other\"", "RuleExpressionType", "must be LambdaExpression")]
    [InlineData("\"Enabled\": \"no\"", "Enabled", "must be true or false")]
    [InlineData("\"Expresion\": \"facts.Notified\"", "Expresion", "unknown field; did you mean Expression?")]
    public void RuleMember_NotEvaluated_IsRefusedNamingTheRuleAndMember(string member, string where, string says)
    {
        var rule = Rule("Thank", "facts.Notified").TrimEnd().TrimEnd('}') + ", " + member + " }";

        Problems(Workflow(Closed, rule)).Should().ContainSingle().Which.Should().StartWith($"rule 'Thank', {where}: ").And.Contain(says);
    }

    [Theory]
    [InlineData("\"GlobalParams\": [ { \"Name\": \"x\", \"Expression\": \"1\" } ]", "GlobalParams", "global parameters are not supported")]
    [InlineData("\"RuleExpressionType\": 1", "RuleExpressionType", "must be LambdaExpression")]
    [InlineData("\"WorkflowNam\": \"x\"", "WorkflowNam", "unknown field; did you mean WorkflowName?")]
    public void WorkflowMember_NotEvaluated_IsRefusedNamingTheMember(string member, string where, string says) =>
        Problems($$"""{ "WorkflowName": "Custom", {{member}}, "Rules": [ {{Closed}}, {{Rule("Thank", "facts.Notified")}} ] }""")
            .Should().ContainSingle().Which.Should().StartWith($"workflow, {where}: ").And.Contain(says);

    [Fact]
    public void RuleName_OnlyControlOrZeroWidthCharacters_IsAProblem() =>
        Problems(Workflow(Closed, Rule("\\u200b\\u0007", "facts.Notified"))).Should().ContainSingle()
            .Which.Should().Be("workflow, Rules[1].RuleName: must hold visible characters, not only control or zero-width ones");

    [Fact]
    public void WorkflowName_OnlyZeroWidthCharacters_IsAProblem() =>
        Problems(Workflow(Closed, Rule("Thank", "facts.Notified")).Replace("\"Custom\"", "\"\\u200b\\u2060\"", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Be("workflow, WorkflowName: must hold visible characters, not only control or zero-width ones");

    [Fact]
    public void Guidance_OnlyZeroWidthCharacters_IsAProblem() =>
        Problems(Workflow(Closed, Rule("Thank", "facts.Notified", """{ "step": 1, "action": "ThankAndAskWhereShort", "covers": [1, 2, 3], "due": { "policy": "OnEventDate", "anchor": "Notified" }, "guidance": "\u200b\u200d" }""")))
            .Should().ContainSingle().Which.Should().Be("rule 'Thank', Properties.guidance: must hold visible characters, not only control or zero-width ones");

    [Fact]
    public void NotEvaluatedMembers_Empty_AreAccepted()
    {
        var rule = Rule("Thank", "facts.Notified").TrimEnd().TrimEnd('}') + """, "LocalParams": [], "Actions": null, "SuccessEvent": "", "ErrorMessage": null, "Enabled": true }""";

        var result = PlaybookRuleSet.Load($$"""{ "WorkflowName": "Custom", "GlobalParams": [], "Rules": [ {{Closed}}, {{rule}} ] }""");

        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public void LoadFile_MissingFile_IsAProblemNotAnException() =>
        PlaybookRuleSet.LoadFile("/no/such/rules.json").Problems.Should().ContainSingle().Which.ToString().Should().StartWith("workflow, file: cannot read '/no/such/rules.json'");

    [Fact]
    public void Reload_BadRuleSet_KeepsServingTheLastGoodOne()
    {
        var holder = new ReloadablePlaybookEngine(new PlaybookOptions());
        var first = holder.Current;
        var c = New(JobLevel.MiddleManagement, HappyPath(D(2026, 3, 6)));

        holder.TryReload("""{ "WorkflowName": "Bad", "Rules": [ { "RuleName": "X", "Expression": "DateTime.Now.Year > 0" } ] }""").Succeeded.Should().BeFalse();
        holder.Current.Should().BeSameAs(first);

        var good = Workflow(Rule("FollowUp", "facts.NoteSent", """{ "step": 7, "action": "FollowUp", "covers": [7, 8], "due": { "policy": "MonthsAfter", "anchor": "NoteSent", "months": 3 }, "guidance": "Sooner." }"""));
        holder.TryReload(good, RuleSetMode.Extend).Succeeded.Should().BeTrue();
        holder.Current.Should().NotBeSameAs(first);
        holder.Current.Decide(c, D(2026, 3, 6)).Next.DueOn.Should().Be(D(2026, 6, 8));
        first.Decide(c, D(2026, 3, 6)).Next.DueOn.Should().Be(D(2026, 8, 6));
    }
}
