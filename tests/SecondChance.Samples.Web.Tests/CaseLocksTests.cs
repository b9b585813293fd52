using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Tests;

public class CaseLocksTests
{
    [Fact]
    public async Task WritersToOneCase_Queue()
    {
        var locks = new CaseLocks();
        var first = await locks.AcquireAsync("t", "a", CancellationToken.None);

        var second = locks.AcquireAsync("t", "a", CancellationToken.None);
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse("the case is held");

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        locks.Count.Should().Be(0);
    }

    [Fact]
    public async Task WritersToOtherCases_DoNotWait()
    {
        var locks = new CaseLocks();
        using var held = await locks.AcquireAsync("t", "a", CancellationToken.None);

        var other = locks.AcquireAsync("t", "b", CancellationToken.None);
        var otherTenant = locks.AcquireAsync("u", "a", CancellationToken.None);

        other.IsCompletedSuccessfully.Should().BeTrue();
        otherTenant.IsCompletedSuccessfully.Should().BeTrue();
        locks.Count.Should().Be(3);
        (await other).Dispose();
        (await otherTenant).Dispose();
        locks.Count.Should().Be(1);
    }

    [Fact]
    public async Task CanceledWaiter_LeavesNothingBehind()
    {
        var locks = new CaseLocks();
        var held = await locks.AcquireAsync("t", "a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = locks.AcquireAsync("t", "a", cancel.Token);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();

        held.Dispose();
        held.Dispose(); // a second dispose frees nothing more
        locks.Count.Should().Be(0);
        (await locks.AcquireAsync("t", "a", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        locks.Count.Should().Be(0);
    }

    [Fact]
    public async Task ManyWritersOverFewCases_NeverShareACase_AndLeaveNoEntry()
    {
        var locks = new CaseLocks();
        var inside = new int[4];
        var most = new int[4];
        var entered = 0;

        await Task.WhenAll(Enumerable.Range(0, 4000).Select(i => Task.Run(async () =>
        {
            var c = i % 4;
            using (await locks.AcquireAsync("t", c.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside[c]);
                InterlockedMax(ref most[c], now);
                Interlocked.Increment(ref entered);
                if (i % 16 == 0)
                {
                    await Task.Yield();
                }

                Interlocked.Decrement(ref inside[c]);
            }
        })));

        entered.Should().Be(4000);
        most.Should().OnlyContain(m => m == 1, "one writer at a time per case");
        locks.Count.Should().Be(0);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
