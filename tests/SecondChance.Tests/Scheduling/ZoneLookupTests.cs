using NodaTime.Testing;
using static SecondChance.Tests.Support.TestCases;

namespace SecondChance.Tests.Scheduling;

/// <summary>The engine remembers time zones in a small table in front of the time zone database; every id must still resolve to its own zone.</summary>
public class ZoneLookupTests
{
    [Fact]
    public void Today_EveryTzdbId_InterleavedWithUtc_IsThatZonesDate()
    {
        var engine = new PlaybookEngine();
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 10, 23, 30));
        var call = D(2026, 3, 2);
        var baseCase = New(JobLevel.MiddleManagement, new Notified(call));
        var ids = DateTimeZoneProviders.Tzdb.Ids;

        // Two rounds, each id between two lookups of other ids, so ids that share a slot evict each other.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var id = ids[round == 0 ? i : ids.Count - 1 - i];
                var expected = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[id]).Date;
                engine.Today(baseCase with { TimeZone = id }, clock).Should().Be(expected, "in {0}", id);
                engine.Today(baseCase with { TimeZone = "UTC" }, clock).Should().Be(D(2026, 3, 10));
                engine.Decide(baseCase with { TimeZone = new string(id.ToCharArray()) }, expected).IsValid.Should().BeTrue("{0} is a known zone, whatever string instance names it", id);
            }
        }
    }

    [Theory]
    [InlineData("utc")]
    [InlineData("Europe/berlin")]
    [InlineData("Mars/Base")]
    [InlineData("Europe/Berlin ")]
    public void Decide_UnknownOrMiscasedZone_IsAnErrorEvenAfterTheRealZoneWasSeen(string zone)
    {
        var engine = new PlaybookEngine();
        var call = D(2026, 3, 2);
        engine.Decide(New(JobLevel.MiddleManagement, new Notified(call)) with { TimeZone = "Europe/Berlin" }, call).IsValid.Should().BeTrue();
        engine.Decide(New(JobLevel.MiddleManagement, new Notified(call)) with { TimeZone = "UTC" }, call).IsValid.Should().BeTrue();

        var decision = engine.Decide(New(JobLevel.MiddleManagement, new Notified(call)) with { TimeZone = zone }, call);

        decision.IsValid.Should().BeFalse();
        decision.Errors.Select(e => e.Field).Should().Contain("timeZone");
    }

    [Theory]
    [InlineData("middlemanagement")]
    [InlineData("MIDDLEMANAGEMENT")]
    [InlineData("MiddleManagement")]
    public void Decide_LevelInAnyLetterCase_SpelledAsConfigured(string level)
    {
        var engine = new PlaybookEngine();
        var call = D(2026, 3, 2);

        var decision = engine.Decide(New(new JobLevel(level), new Notified(call), new NoteSent(call, NoteChannel.Email)), call);

        decision.IsValid.Should().BeTrue();
        decision.GetFacts()!.Level.Should().Be("MiddleManagement");
        decision.DueOn.Should().Be(D(2026, 8, 3)); // five months for middle management, moved off a Sunday
    }
}
