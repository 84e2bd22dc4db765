using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

/// <summary>Politeness on a clock that moves only when told: the pause is exactly the one asked for, per host.</summary>
public sealed class HostPolitenessTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_next_request_to_a_host_waits_the_pause_after_the_last_one_ended_and_other_hosts_do_not_wait()
    {
        var clock = new ManualClock();
        var politeness = new HostPoliteness(clock);
        var page = new Uri("http://ministry.example/a");
        using (await politeness.WaitTurnAsync(page, TimeSpan.FromSeconds(2), CancellationToken.None))
        {
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        var next = politeness.WaitTurnAsync(new Uri("http://ministry.example/b"), TimeSpan.FromSeconds(2), CancellationToken.None);
        var elsewhere = politeness.WaitTurnAsync(new Uri("http://other.example/a"), TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.True(elsewhere.IsCompletedSuccessfully);
        Assert.False(next.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(Settle)).Dispose();
        (await elsewhere).Dispose();
    }

    [Fact]
    public async Task A_host_serves_one_request_at_a_time()
    {
        var clock = new ManualClock();
        var politeness = new HostPoliteness(clock);
        var page = new Uri("http://ministry.example:8080/a");
        var first = await politeness.WaitTurnAsync(page, TimeSpan.Zero, CancellationToken.None);
        var second = politeness.WaitTurnAsync(page, TimeSpan.Zero, CancellationToken.None);
        var otherPort = politeness.WaitTurnAsync(new Uri("http://ministry.example/a"), TimeSpan.Zero, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.True(otherPort.IsCompletedSuccessfully);

        first.Dispose();
        (await second.WaitAsync(Settle)).Dispose();
        (await otherPort).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_the_host_back()
    {
        var clock = new ManualClock();
        var politeness = new HostPoliteness(clock);
        var page = new Uri("http://ministry.example/a");
        (await politeness.WaitTurnAsync(page, TimeSpan.Zero, CancellationToken.None)).Dispose();
        using var cancel = new CancellationTokenSource();
        var waiting = politeness.WaitTurnAsync(page, TimeSpan.FromHours(1), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var next = politeness.WaitTurnAsync(page, TimeSpan.Zero, CancellationToken.None);
        (await next.WaitAsync(Settle)).Dispose();
    }
}
