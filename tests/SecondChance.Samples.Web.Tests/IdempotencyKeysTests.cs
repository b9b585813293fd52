using System.Security.Cryptography;
using System.Text;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Tests;

/// <summary>Key and request hashes stay what they were stored as: the first 16 bytes of the SHA-256 of the text's UTF-8.</summary>
public class IdempotencyKeysTests
{
    public static TheoryData<string, string, string> Keys => new()
    {
        { "acme", "c1", "retry-1" },
        { "zoë", "東京-7", "clé 🚀" },
        { "acme", "c1", "lone \ud800 surrogate" },
        { "acme", "c1", new string('k', 2_000) }, // a long key
        { "acme", "c1", string.Concat(Enumerable.Repeat("東", 300)) },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void KeyHash_IsTheTruncatedSha256_OfTenantCaseAndKey(string tenant, string caseId, string key)
    {
        IdempotencyKeys.Hash(tenant, caseId, key).Should().Equal(Expected($"{tenant}\n{caseId}\n{key}"));
    }

    [Theory]
    [InlineData("{\"type\":\"FollowUpMade\",\"on\":\"2026-08-06\"}")]
    [InlineData("zoë \ud800")]
    [InlineData("")]
    public void RequestHash_OfTextAndOfItsUtf8_AreTheSame(string text)
    {
        IdempotencyKeys.Hash(text).Should().Equal(Expected(text));
        IdempotencyKeys.Hash(Encoding.UTF8.GetBytes(text)).Should().Equal(Expected(text));
    }

    private static byte[] Expected(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[..IdempotencyKeys.HashLength];
}
