using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartnershipMiner.Cli.Worker;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Tests;

public sealed class QueueHealthCheckTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "pm-health-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reports_queue_depth_and_oldest_wait_and_degrades_when_the_oldest_waits_too_long()
    {
        await using var store = new SqlitePartnershipStore(Path.Combine(folder, "store.db"), new StoppedClock(Received));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(store, Received)).Status);

        await store.EnqueueAsync([new DocumentSubmission("a.txt", "hash-a", "text a", null, null), new DocumentSubmission("b.txt", "hash-b", "text b", null, null)], CancellationToken.None);
        await store.ClaimAsync("w", 1, TimeSpan.FromMinutes(5), CancellationToken.None);

        var busy = await CheckAsync(store, Received.AddMinutes(10));
        Assert.Equal(HealthStatus.Healthy, busy.Status);
        Assert.Equal(2, busy.Data["QueueDepth"]);
        Assert.Equal(1, busy.Data["Waiting"]);
        Assert.Equal(1, busy.Data["Processing"]);
        Assert.Equal(600L, busy.Data["OldestWaitingSeconds"]);

        var late = await CheckAsync(store, Received.AddMinutes(31));
        Assert.Equal(HealthStatus.Degraded, late.Status);
        Assert.Equal(1860L, late.Data["OldestWaitingSeconds"]);
        Assert.Contains("1860 s", late.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_unhealthy_when_the_store_cannot_be_read()
    {
        // A folder where the database file should be: SQLite cannot open it.
        Directory.CreateDirectory(Path.Combine(folder, "store.db"));
        await using var store = new SqlitePartnershipStore(Path.Combine(folder, "store.db"));
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(store, Received)).Status);
    }

    private static Task<HealthCheckResult> CheckAsync(IPartnershipStore store, DateTimeOffset now) =>
        new QueueHealthCheck(store, Options.Create(new WorkerOptions { MaxWaitingMinutes = 30 }), new StoppedClock(now))
            .CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A clock that always says the same time.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
