using System.Text;
using System.Text.Json;
using SecondChance.Integrations.Signatures;

namespace SecondChance.Integrations.Tests;

public class SignatureTests
{
    private const string GreenhouseKey = "gh-secret-key-for-tests";

    // The Standard Webhooks specification's published test vector.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorSeconds = 1614265330;
    private const string VectorBody = """{"test": 2432232314}""";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Greenhouse_SignatureOfTheRawBody_IsValid()
    {
        var body = Fixtures.Bytes("greenhouse-reject-candidate.json");
        var header = GreenhouseSignature.Sign(GreenhouseKey, body);

        header.Should().MatchRegex("^sha256 [0-9a-f]{64}$");
        GreenhouseSignature.Verify(GreenhouseKey, header, body).IsValid.Should().BeTrue();
        GreenhouseSignature.Verify(GreenhouseKey, "SHA256 " + header[7..].ToUpperInvariant(), body).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Greenhouse_OneChangedByte_Fails()
    {
        var body = Fixtures.Bytes("greenhouse-reject-candidate.json");
        var header = GreenhouseSignature.Sign(GreenhouseKey, body);

        for (var i = 0; i < body.Length; i += 97)
        {
            GreenhouseSignature.Verify(GreenhouseKey, header, Fixtures.OneByteChanged(body, i)).Status.Should().Be(SignatureStatus.Mismatch);
        }

        var tamperedHeader = header[..^1] + (header[^1] == '0' ? '1' : '0');
        GreenhouseSignature.Verify(GreenhouseKey, tamperedHeader, body).Status.Should().Be(SignatureStatus.Mismatch);
        GreenhouseSignature.Verify("another-key", header, body).Status.Should().Be(SignatureStatus.Mismatch);
    }

    [Fact]
    public void Greenhouse_SignsTheEscapedBody_SoReserializedUnicodeFails()
    {
        var raw = Fixtures.Bytes("greenhouse-reject-candidate.json");
        Encoding.UTF8.GetString(raw).Should().Contain("Ren\\u00e9e");
        var header = GreenhouseSignature.Sign(GreenhouseKey, raw);

        // A receiver that parses and writes the JSON again gets the characters unescaped: other bytes.
        using var parsed = JsonDocument.Parse(raw);
        var rewritten = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parsed.RootElement, Relaxed));
        Encoding.UTF8.GetString(rewritten).Should().Contain("Renée");

        GreenhouseSignature.Verify(GreenhouseKey, header, raw).IsValid.Should().BeTrue();
        GreenhouseSignature.Verify(GreenhouseKey, header, rewritten).IsValid.Should().BeFalse();
    }

    [Theory]
    [InlineData(null, SignatureStatus.Missing, "Signature header is missing")]
    [InlineData("", SignatureStatus.Missing, "Signature header is missing")]
    [InlineData("sha256=0123", SignatureStatus.Malformed, "Signature header is not in the expected format")]
    [InlineData("sha1 0123456789abcdef0123456789abcdef01234567", SignatureStatus.Malformed, "Signature header")]
    [InlineData("sha256 zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", SignatureStatus.Malformed, "Signature header")]
    public void Greenhouse_MissingOrMalformedHeader_NamesTheHeader(string? header, SignatureStatus status, string message)
    {
        var check = GreenhouseSignature.Verify(GreenhouseKey, header, Fixtures.Bytes("greenhouse-ping.json"));

        check.Status.Should().Be(status);
        check.Message.Should().StartWith(message);
    }

    [Fact]
    public void Lever_SignsTokenAndTriggeredAt()
    {
        var signature = LeverSignature.Sign("lever-signature-token", "tok123", 1772837100000);

        signature.Should().MatchRegex("^[0-9a-f]{64}$");
        signature.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("lever-signature-token"), Encoding.UTF8.GetBytes("tok1231772837100000"))));
        LeverSignature.Verify("lever-signature-token", "tok123", 1772837100000, signature).IsValid.Should().BeTrue();
        LeverSignature.Verify("lever-signature-token", "tok124", 1772837100000, signature).Status.Should().Be(SignatureStatus.Mismatch);
        LeverSignature.Verify("lever-signature-token", "tok123", 1772837100001, signature).Status.Should().Be(SignatureStatus.Mismatch);
        LeverSignature.Verify("other-token", "tok123", 1772837100000, signature).Status.Should().Be(SignatureStatus.Mismatch);
        LeverSignature.Verify("lever-signature-token", null, 1772837100000, signature).Status.Should().Be(SignatureStatus.Missing);
        LeverSignature.Verify("lever-signature-token", "tok123", 1772837100000, "abc").Status.Should().Be(SignatureStatus.Malformed);
    }

    [Fact]
    public void StandardWebhooks_MatchesThePublishedTestVector()
    {
        var secret = StandardWebhookSecret.Parse(VectorSecret);
        var body = Fixtures.Utf8(VectorBody);

        StandardWebhooks.Sign(secret, VectorId, Instant.FromUnixTimeSeconds(VectorSeconds), body).Should().Be(VectorSignature);
        StandardWebhooks.Verify(secret, VectorId, "1614265330", VectorSignature, body, Instant.FromUnixTimeSeconds(VectorSeconds + 10)).IsValid.Should().BeTrue();
    }

    [Fact]
    public void StandardWebhooks_AcceptsAnyOfSeveralSignatures_WhileASecretRotates()
    {
        var secret = StandardWebhookSecret.Parse(VectorSecret);
        var header = "v1,bm90IHRoZSByaWdodCBvbmUgYXQgYWxsIG5vIHdheQ== v2,ignored " + VectorSignature;

        StandardWebhooks.Verify(secret, VectorId, "1614265330", header, Fixtures.Utf8(VectorBody), Instant.FromUnixTimeSeconds(VectorSeconds)).IsValid.Should().BeTrue();
    }

    [Fact]
    public void StandardWebhooks_OneChangedByteOrAnotherIdFails()
    {
        var secret = StandardWebhookSecret.Parse(VectorSecret);
        var now = Instant.FromUnixTimeSeconds(VectorSeconds);
        var body = Fixtures.Utf8(VectorBody);

        StandardWebhooks.Verify(secret, VectorId, "1614265330", VectorSignature, Fixtures.OneByteChanged(body), now).Status.Should().Be(SignatureStatus.Mismatch);
        StandardWebhooks.Verify(secret, "msg_other", "1614265330", VectorSignature, body, now).Status.Should().Be(SignatureStatus.Mismatch);
        StandardWebhooks.Verify(secret, VectorId, "1614265331", VectorSignature, body, now).Status.Should().Be(SignatureStatus.Mismatch);
    }

    [Theory]
    [InlineData(-301, SignatureStatus.Stale)]
    [InlineData(-299, SignatureStatus.Valid)]
    [InlineData(299, SignatureStatus.Valid)]
    [InlineData(301, SignatureStatus.Stale)]
    public void StandardWebhooks_TimestampMustBeWithinFiveMinutes(int offsetSeconds, SignatureStatus expected)
    {
        var secret = StandardWebhookSecret.Parse(VectorSecret);
        var now = Instant.FromUnixTimeSeconds(VectorSeconds + offsetSeconds);

        var check = StandardWebhooks.Verify(secret, VectorId, "1614265330", VectorSignature, Fixtures.Utf8(VectorBody), now);

        check.Status.Should().Be(expected);
        if (expected == SignatureStatus.Stale)
        {
            check.Message.Should().StartWith("webhook-timestamp header is 5 minutes");
        }
    }

    [Theory]
    [InlineData(null, "1614265330", VectorSignature, "webhook-id header is missing")]
    [InlineData(VectorId, null, VectorSignature, "webhook-timestamp header is missing")]
    [InlineData(VectorId, "1614265330", null, "webhook-signature header is missing")]
    [InlineData(VectorId, "yesterday", VectorSignature, "webhook-timestamp header is not in the expected format")]
    [InlineData(VectorId, "99999999999999999999", VectorSignature, "webhook-timestamp header is not in the expected format")]
    [InlineData(VectorId, "1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "webhook-signature header is not in the expected format")]
    public void StandardWebhooks_BadHeaders_NameTheHeader(string? id, string? timestamp, string? signature, string message) =>
        StandardWebhooks.Verify(StandardWebhookSecret.Parse(VectorSecret), id, timestamp, signature, Fixtures.Utf8(VectorBody), Instant.FromUnixTimeSeconds(VectorSeconds))
            .Message.Should().StartWith(message);

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "must start with whsec_")]
    [InlineData("whsec_not base64!", "not base64")]
    [InlineData("whsec_c2hvcnQ=", "decodes to 5 bytes")]
    public void StandardWebhookSecret_BadText_SaysWhy(string? text, string problem)
    {
        StandardWebhookSecret.TryParse(text, out var secret, out var why).Should().BeFalse();
        secret.Should().BeNull();
        why.Should().Contain(problem);
        FluentActions.Invoking(() => StandardWebhookSecret.Parse(text)).Should().Throw<ArgumentException>().WithMessage("*" + problem + "*");
    }

    [Fact]
    public void StandardWebhookSecret_Generated_RoundTripsThroughText()
    {
        var secret = StandardWebhookSecret.Generate();
        var again = StandardWebhookSecret.Parse(secret.ToString());
        var body = Fixtures.Utf8("{}");
        var now = Instant.FromUtc(2026, 3, 6, 9, 0);

        StandardWebhooks.Verify(again, "msg_1", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StandardWebhooks.Sign(secret, "msg_1", now, body), body, now).IsValid.Should().BeTrue();
    }
}
