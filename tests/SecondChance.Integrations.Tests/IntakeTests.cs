using System.Text;
using System.Text.Json.Nodes;
using NodaTime.Testing;
using SecondChance.Integrations.Intake;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Integrations.Tests;

public class IntakeTests
{
    private const string GreenhouseKey = "gh-secret-key-for-tests";
    private const string LeverToken = "lever-signature-token";
    private static readonly PlaybookEngine Engine = new();
    private static readonly StandardWebhookSecret GenericSecret = StandardWebhookSecret.Parse("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("generic-secret-for-tests-32-bytes")));
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 7, 10, 0));
    private static readonly IntakeOptions Board = new() { Company = "Fabrikam", TimeZone = "America/Los_Angeles" };

    private static IntakeResult Greenhouse(byte[] body, IntakeOptions? options = null, string? eventId = "evt-1") =>
        GreenhouseIntake.Read(body, GreenhouseSignature.Sign(GreenhouseKey, body), eventId, GreenhouseKey, options ?? Board);

    private static byte[] GreenhouseWith(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Fixtures.Bytes("greenhouse-reject-candidate.json"))!;
        change(node["payload"]!["application"]!);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [Fact]
    public void Greenhouse_RunnerUpRejection_BecomesANewCase()
    {
        var result = Greenhouse(Fixtures.Bytes("greenhouse-reject-candidate.json"));

        result.Outcome.Should().Be(IntakeOutcome.RunnerUp, result.Reason);
        result.DeliveryId.Should().Be("evt-1");
        result.ExternalId.Should().Be("48120517");
        result.Reason.Should().Contain("Final Interview").And.Contain("Hired another candidate");
        var c = result.Case!;
        c.Candidate.Should().Be("Renée Faßbender");
        c.CandidateEmail.Should().Be("renee@mail.example", "a personal address is preferred over a work one");
        c.Company.Should().Be("Fabrikam");
        c.Role.Should().Be("Engineering Manager, Platform");
        c.Level.Should().Be(JobLevel.MiddleManagement);
        c.TimeZone.Should().Be("America/Los_Angeles");
        c.Contact.Should().Be(new Contact("Pat Lee"));
        c.Events.Should().Equal(new Notified(new LocalDate(2026, 3, 6)));
        Engine.Decide(c, Clock).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Greenhouse_TheDayOfTheCall_IsInTheBoardsTimeZone()
    {
        // 22:40 UTC on 6 March is already 7 March in Kiritimati (UTC+14) and still 6 March in Pago Pago (UTC-11).
        Greenhouse(Fixtures.Bytes("greenhouse-reject-candidate.json"), new IntakeOptions { Company = "Fabrikam", TimeZone = "Pacific/Kiritimati" })
            .Case!.Events[0].On.Should().Be(new LocalDate(2026, 3, 7));
        Greenhouse(Fixtures.Bytes("greenhouse-reject-candidate.json"), new IntakeOptions { Company = "Fabrikam", TimeZone = "Pacific/Pago_Pago" })
            .Case!.Events[0].On.Should().Be(new LocalDate(2026, 3, 6));
    }

    [Theory]
    [InlineData("greenhouse-ping.json", "action 'ping' is not reject_candidate")]
    public void Greenhouse_OtherActions_AreIgnored(string fixture, string reason)
    {
        var result = Greenhouse(Fixtures.Bytes(fixture));

        result.Outcome.Should().Be(IntakeOutcome.Ignored);
        result.Reason.Should().Be(reason);
        result.Case.Should().BeNull();
    }

    [Fact]
    public void Greenhouse_HiredAction_IsIgnored()
    {
        var body = Encoding.UTF8.GetBytes(Fixtures.Text("greenhouse-reject-candidate.json").Replace("reject_candidate", "hire_candidate", StringComparison.Ordinal));

        Greenhouse(body).Outcome.Should().Be(IntakeOutcome.Ignored);
    }

    [Fact]
    public void Greenhouse_EarlyStageOrOtherReason_IsIgnoredWithTheReason()
    {
        var early = Greenhouse(GreenhouseWith(a => a["current_stage"]!["name"] = "Application Review"));
        early.Outcome.Should().Be(IntakeOutcome.Ignored);
        early.Reason.Should().StartWith("stage 'Application Review' is not one of the last stages");
        early.ExternalId.Should().Be("48120517");

        var skills = Greenhouse(GreenhouseWith(a => a["rejection_reason"]!["name"] = "Lacking skill(s)"));
        skills.Outcome.Should().Be(IntakeOutcome.Ignored);
        skills.Reason.Should().StartWith("rejection reason 'Lacking skill(s)' is not one of");

        Greenhouse(GreenhouseWith(a => a.AsObject().Remove("rejection_reason"))).Reason.Should().Contain("names no rejection reason");
    }

    [Fact]
    public void Greenhouse_PolicyIsTheBoards_PerTenant()
    {
        var body = GreenhouseWith(a =>
        {
            a["current_stage"]!["name"] = "  panel   DEBRIEF ";
            a["rejection_reason"]!["name"] = "Went with an internal candidate";
        });
        var options = new IntakeOptions
        {
            Company = "Fabrikam",
            Policy = new RunnerUpPolicy { Stages = ["Panel debrief"], Reasons = ["went with an internal candidate"] },
        };

        Greenhouse(body).Outcome.Should().Be(IntakeOutcome.Ignored);
        Greenhouse(body, options).Outcome.Should().Be(IntakeOutcome.RunnerUp);
        Greenhouse(body, new IntakeOptions { Company = "Fabrikam", Policy = new RunnerUpPolicy { Stages = [], Reasons = [] } }).Outcome.Should().Be(IntakeOutcome.RunnerUp);
    }

    [Theory]
    [InlineData("candidate", "payload.application.candidate: is required")]
    [InlineData("jobs", "payload.application.jobs: is required: the job the candidate was turned down for")]
    [InlineData("rejected_at", "payload.application.rejected_at: is required and must not be empty")]
    public void Greenhouse_MissingCandidateJobOrDate_IsInvalidNamingTheField(string field, string error)
    {
        var result = Greenhouse(GreenhouseWith(a => a.AsObject().Remove(field)));

        result.Outcome.Should().Be(IntakeOutcome.Invalid);
        result.Errors.Select(e => e.ToString()).Should().Equal(error);
        result.Case.Should().BeNull();
    }

    [Fact]
    public void Greenhouse_EmptyJobsAndNamelessCandidate_AreInvalid()
    {
        var result = Greenhouse(GreenhouseWith(a =>
        {
            a["jobs"] = new JsonArray();
            a["candidate"]!["first_name"] = null;
            a["candidate"]!["last_name"] = " ";
        }));

        result.Errors.Select(e => e.Field).Should().BeEquivalentTo("payload.application.candidate.first_name", "payload.application.jobs");
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"action\": 5}")]
    public void Greenhouse_SignedButUnreadableBody_IsInvalid(string body)
    {
        var result = Greenhouse(Fixtures.Utf8(body));

        result.Outcome.Should().Be(IntakeOutcome.Invalid);
        result.Errors.Should().ContainSingle().Which.Field.Should().BeOneOf("$", "action");
    }

    [Fact]
    public void Greenhouse_WrongOrMissingSignature_IsUnauthorized_BeforeTheBodyIsRead()
    {
        var body = Fixtures.Bytes("greenhouse-reject-candidate.json");

        var tampered = GreenhouseIntake.Read(Fixtures.OneByteChanged(body), GreenhouseSignature.Sign(GreenhouseKey, body), "evt-1", GreenhouseKey, Board);
        tampered.Outcome.Should().Be(IntakeOutcome.Unauthorized);
        tampered.Signature!.Value.Status.Should().Be(SignatureStatus.Mismatch);

        GreenhouseIntake.Read(Fixtures.Utf8("not json"), null, null, GreenhouseKey, Board).Outcome.Should().Be(IntakeOutcome.Unauthorized);
    }

    [Fact]
    public void Greenhouse_TenMegabyteBody_IsRefusedWithoutHashing()
    {
        var huge = new byte[10 * 1024 * 1024];

        var result = GreenhouseIntake.Read(huge, "sha256 " + new string('0', 64), "evt-1", GreenhouseKey, Board);

        result.Outcome.Should().Be(IntakeOutcome.Invalid);
        result.Errors.Should().ContainSingle().Which.Message.Should().Be("the body has 10485760 bytes; at most 1048576 are accepted");
    }

    [Fact]
    public void Greenhouse_WithoutAConfiguredCompany_IsInvalidNamingTheSetting()
    {
        var result = Greenhouse(Fixtures.Bytes("greenhouse-reject-candidate.json"), new IntakeOptions());

        result.Outcome.Should().Be(IntakeOutcome.Invalid);
        result.Errors.Should().ContainSingle().Which.Field.Should().Be("company");
    }

    private sealed class FakeLever(LeverOpportunity? opportunity) : ILeverOpportunityLookup
    {
        public List<string> Asked { get; } = [];

        public Task<LeverOpportunity?> FindAsync(string opportunityId, CancellationToken cancellationToken)
        {
            Asked.Add(opportunityId);
            return Task.FromResult(opportunity);
        }
    }

    private static readonly LeverOpportunity Archived = new(
        "Alex Rivera", "Staff Engineer", "Reference Check", "Position filled", Instant.FromUtc(2026, 3, 6, 23, 0), "alex@mail.example", "Sam Ortiz");

    private static byte[] LeverBody(string eventName = LeverIntake.ArchiveChangeEvent, string token = "b7d0f1c2a3e44a5b9c6d7e8f90a1b2c3", long triggeredAt = 1772837100000, string? signature = null)
    {
        var node = JsonNode.Parse(Fixtures.Bytes("lever-archive.json"))!;
        node["event"] = eventName;
        node["token"] = token;
        node["triggeredAt"] = triggeredAt;
        node["signature"] = signature ?? LeverSignature.Sign(LeverToken, token, triggeredAt);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [Fact]
    public async Task Lever_ArchivedForAnotherCandidate_BecomesANewCase()
    {
        var lever = new FakeLever(Archived);

        var result = await LeverIntake.ReadAsync(LeverBody(), LeverToken, lever, Board);

        result.Outcome.Should().Be(IntakeOutcome.RunnerUp, result.Reason);
        lever.Asked.Should().Equal("8f1c2d3e-4a5b-46c7-98d9-0e1f2a3b4c5d");
        result.DeliveryId.Should().Be("b7d0f1c2a3e44a5b9c6d7e8f90a1b2c3.1772837100000");
        result.ExternalId.Should().Be("8f1c2d3e-4a5b-46c7-98d9-0e1f2a3b4c5d");
        result.Case!.Candidate.Should().Be("Alex Rivera");
        result.Case.Role.Should().Be("Staff Engineer");
        result.Case.Company.Should().Be("Fabrikam");
        result.Case.Contact.Should().Be(new Contact("Sam Ortiz"));
        result.Case.Events.Should().Equal(new Notified(new LocalDate(2026, 3, 6)));
        Engine.Decide(result.Case, Clock).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Lever_TamperedSignature_IsUnauthorized_AndNothingIsLookedUp()
    {
        var lever = new FakeLever(Archived);
        var good = LeverSignature.Sign(LeverToken, "b7d0f1c2a3e44a5b9c6d7e8f90a1b2c3", 1772837100000);
        var oneOff = (good[0] == 'a' ? 'b' : 'a') + good[1..];

        (await LeverIntake.ReadAsync(LeverBody(signature: oneOff), LeverToken, lever, Board)).Outcome.Should().Be(IntakeOutcome.Unauthorized);
        (await LeverIntake.ReadAsync(LeverBody(triggeredAt: 1772837100001, signature: good), LeverToken, lever, Board)).Outcome.Should().Be(IntakeOutcome.Unauthorized);
        (await LeverIntake.ReadAsync(Fixtures.Utf8("<xml/>"), LeverToken, lever, Board)).Outcome.Should().Be(IntakeOutcome.Unauthorized);
        lever.Asked.Should().BeEmpty();
    }

    [Fact]
    public async Task Lever_OtherEventsAndActiveOpportunities_AreIgnored()
    {
        (await LeverIntake.ReadAsync(LeverBody("candidateHired"), LeverToken, new FakeLever(Archived), Board))
            .Reason.Should().Be("event 'candidateHired' is neither candidateArchiveChange nor candidateStageChange");

        var active = await LeverIntake.ReadAsync(LeverBody(LeverIntake.StageChangeEvent), LeverToken, new FakeLever(Archived with { ArchiveReason = null }), Board);
        active.Outcome.Should().Be(IntakeOutcome.Ignored);
        active.Reason.Should().Contain("not archived");

        var early = await LeverIntake.ReadAsync(LeverBody(), LeverToken, new FakeLever(Archived with { Stage = "Phone Screen" }), Board);
        early.Outcome.Should().Be(IntakeOutcome.Ignored);
        early.Reason.Should().Contain("Phone Screen");
    }

    [Fact]
    public async Task Lever_UnknownOpportunity_IsInvalidNamingTheField()
    {
        var result = await LeverIntake.ReadAsync(LeverBody(), LeverToken, new FakeLever(null), Board);

        result.Outcome.Should().Be(IntakeOutcome.Invalid);
        result.Errors.Should().ContainSingle().Which.Field.Should().Be("data.opportunityId");
    }

    private static IntakeResult Generic(string json, Instant? signedAt = null, string id = "msg_1")
    {
        var body = Fixtures.Utf8(json);
        var at = signedAt ?? Clock.GetCurrentInstant();
        var headers = StandardWebhooks.Headers(GenericSecret, id, at, body);
        return GenericIntake.Read(body, headers[StandardWebhooks.IdHeader], headers[StandardWebhooks.TimestampHeader], headers[StandardWebhooks.SignatureHeader], GenericSecret, Clock);
    }

    [Fact]
    public void Generic_Document_BecomesACaseWithItsFeedback()
    {
        var result = Generic(Fixtures.Text("generic.json"));

        result.Outcome.Should().Be(IntakeOutcome.RunnerUp, result.Reason);
        result.DeliveryId.Should().Be("msg_1");
        var c = result.Case!;
        c.Should().BeEquivalentTo(new
        {
            Candidate = "Alex Rivera",
            CandidateEmail = "alex@mail.example",
            Company = "Contoso",
            Role = "Engineering Manager",
            TimeZone = "America/Los_Angeles",
            Contact = new Contact("Pat Lee", "pat@contoso.example"),
        });
        c.Level.Should().Be(JobLevel.MiddleManagement);
        c.Events.Should().HaveCount(2);
        c.Events[1].Should().BeOfType<FeedbackRecorded>().Which.Gaps.Should().Equal("has not led a team of 10 or more");
        Engine.Decide(c, Clock).Next.Action.Should().Be(Rules.PlaybookAction.ReaffirmInterest);
    }

    [Fact]
    public void Generic_StaleTimestamp_IsUnauthorized()
    {
        var result = Generic(Fixtures.Text("generic.json"), Clock.GetCurrentInstant() - Duration.FromMinutes(6));

        result.Outcome.Should().Be(IntakeOutcome.Unauthorized);
        result.Signature!.Value.Status.Should().Be(SignatureStatus.Stale);
    }

    [Theory]
    [InlineData("candidate", null, "candidate: is required and must not be empty")]
    [InlineData("candidate", 42, "candidate: must be a string")]
    [InlineData("notifiedOn", "06/03/2026", "notifiedOn: '06/03/2026' is not a date; use YYYY-MM-DD")]
    [InlineData("gaps", "none", "gaps: must be an array of strings")]
    [InlineData("contact", "Pat", "contact: must be an object")]
    public void Generic_BadFields_AreNamed(string field, object? value, string error)
    {
        var node = JsonNode.Parse(Fixtures.Text("generic.json"))!.AsObject();
        node[field] = value switch { null => null, int i => JsonValue.Create(i), string s => JsonValue.Create(s), _ => throw new ArgumentException("unsupported test value", nameof(value)) };

        var result = Generic(node.ToJsonString());

        result.Outcome.Should().Be(IntakeOutcome.Invalid);
        result.Errors.Select(e => e.ToString()).Should().Equal(error);
    }

    [Fact]
    public void Generic_DefaultsTheTimeZoneAndHasNoFeedbackWithoutGaps()
    {
        var node = JsonNode.Parse(Fixtures.Text("generic.json"))!.AsObject();
        node.Remove("timeZone");
        node.Remove("gaps");
        node.Remove("candidateEmail");

        var c = Generic(node.ToJsonString()).Case!;

        c.TimeZone.Should().Be("UTC");
        c.CandidateEmail.Should().BeNull();
        c.Events.Should().ContainSingle();
    }

    [Fact]
    public void Generic_CaseValidation_IsTheEnginesJob_AndNamesTheField()
    {
        var node = JsonNode.Parse(Fixtures.Text("generic.json"))!.AsObject();
        node["candidateEmail"] = "not-an-address";
        node["level"] = "Intern";

        var c = Generic(node.ToJsonString()).Case!;

        Engine.Decide(c, Clock).Errors.Select(e => e.Field).Should().BeEquivalentTo("candidateEmail", "level");
    }

    [Fact]
    public void Generic_ResultIsTheSameForTheSameDelivery() =>
        Generic(Fixtures.Text("generic.json")).Should().BeEquivalentTo(Generic(Fixtures.Text("generic.json")));

    [Fact]
    public void Policy_NamesAreComparedWithoutCaseOrExtraSpaces()
    {
        var policy = new RunnerUpPolicy();

        policy.IsRunnerUp(" final  interview ", "POSITION FILLED", out _).Should().BeTrue();
        policy.IsRunnerUp("Offer", null, out var why).Should().BeFalse();
        why.Should().Contain("no rejection reason");
        policy.IsRunnerUp(null, "Position filled", out why).Should().BeFalse();
        why.Should().Contain("no stage");
    }
}
