using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Worker;

/// <summary>
/// The queue's health from the store's status: how many documents are queued (waiting or in process), how long the
/// oldest waiting one has waited, and how many are parked as failed. Degraded when the oldest has waited longer than
/// <see cref="WorkerOptions.MaxWaitingMinutes"/> (the worker is not keeping up, or not running); Unhealthy when the
/// store cannot be read.
/// </summary>
internal sealed class QueueHealthCheck(IPartnershipStore store, IOptions<WorkerOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "queue";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        StoreStatus status;
        try
        {
            status = await store.GetStatusAsync(cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            return HealthCheckResult.Unhealthy($"the store cannot be read: {e.Message}", e);
        }

        var waiting = status.Documents.GetValueOrDefault(DocumentState.Received);
        var processing = status.Documents.GetValueOrDefault(DocumentState.Processing);
        var oldestWait = status.OldestWaiting is { } oldest ? time.GetUtcNow() - oldest : TimeSpan.Zero;
        var figures = new QueueFigures(
            waiting + processing,
            waiting,
            processing,
            status.Documents.GetValueOrDefault(DocumentState.Failed),
            status.Documents.GetValueOrDefault(DocumentState.Done),
            Math.Max(0, (long)oldestWait.TotalSeconds));
        var data = figures.ToData();
        var maxWaiting = options.Value.MaxWaiting;
        return oldestWait > maxWaiting
            ? HealthCheckResult.Degraded($"the oldest waiting document has waited {figures.OldestWaitingSeconds} s, more than {maxWaiting.TotalSeconds:0} s", data: data)
            : HealthCheckResult.Healthy($"{figures.QueueDepth} documents queued", data);
    }
}

/// <summary>The figures the queue check reports, under stable names in its data.</summary>
internal sealed record QueueFigures(int QueueDepth, int Waiting, int Processing, int Failed, int Done, long OldestWaitingSeconds)
{
    public IReadOnlyDictionary<string, object> ToData() => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        [nameof(QueueDepth)] = QueueDepth,
        [nameof(Waiting)] = Waiting,
        [nameof(Processing)] = Processing,
        [nameof(Failed)] = Failed,
        [nameof(Done)] = Done,
        [nameof(OldestWaitingSeconds)] = OldestWaitingSeconds,
    };

    public static QueueFigures? FromData(IReadOnlyDictionary<string, object> data) =>
        data.TryGetValue(nameof(QueueDepth), out var depth)
            ? new QueueFigures(
                (int)depth,
                (int)data[nameof(Waiting)],
                (int)data[nameof(Processing)],
                (int)data[nameof(Failed)],
                (int)data[nameof(Done)],
                (long)data[nameof(OldestWaitingSeconds)])
            : null;
}
