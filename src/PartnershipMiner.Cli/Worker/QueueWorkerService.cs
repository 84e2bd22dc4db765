using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Worker;

/// <summary>
/// Works the store's queue until the host stops: claims a batch, analyses it and commits it in one transaction
/// (<see cref="QueueProcessor"/>), and when the queue is empty waits for a nudge from the inbox or the poll interval.
/// On a stop request the batch in hand may finish within the grace period; after that it is abandoned uncommitted and
/// given back to the queue (or, if the store cannot be reached, left to lapse with the lease), so another run takes it
/// again. A failing store is retried with a growing back-off, and what the failed batch held is given back first.
/// </summary>
internal sealed partial class QueueWorkerService(
    IPartnershipStore store,
    QueueProcessor processor,
    WakeSignal queueSignal,
    IOptions<WorkerOptions> options,
    ProcessingOptions processing,
    TimeProvider time,
    ILogger<QueueWorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    /// <summary>How long a stopping worker tries to give its abandoned batch back.</summary>
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Who holds this process's claims in the store. Unique to this run: containers often share a host name and a
    /// process id, and a worker gives back every claim its id holds.
    /// </summary>
    public string WorkerId { get; } = $"worker-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarted(logger, WorkerId, settings.PollSeconds, processing.BatchSize, processing.LeaseSeconds);
        var failuresInARow = 0;
        var holdsClaims = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            int finished;
            try
            {
                if (holdsClaims)
                {
                    var released = await store.ReleaseAsync(WorkerId, stoppingToken);
                    if (released > 0)
                    {
                        LogGivenBack(logger, released, "after the failed batch");
                    }

                    holdsClaims = false;
                }

                finished = await ProcessBatchAsync(settings.ShutdownGrace, stoppingToken);
                failuresInARow = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                LogAbandoned(logger, settings.ShutdownGraceSeconds);
                await GiveBackAsync();
                break;
            }
            catch (Exception e)
            {
                // The store is unreachable or locked, or a bug: the documents stay queued; try again later, giving back
                // first whatever the failed batch claimed (it may have claimed and then lost the store).
                holdsClaims = true;
                failuresInARow++;
                var retry = TimeSpan.FromSeconds(Math.Min(LongestRetry.TotalSeconds, settings.PollSeconds * Math.Pow(2, failuresInARow - 1)));
                // An unavailable store is an expected condition with a complete message; a stack trace is for bugs.
                LogBatchError(logger, e.Message, retry.TotalSeconds, e is StoreUnavailableException ? null : e);
                finished = -1;
                if (!await WaitAsync(queueSignal, retry, stoppingToken))
                {
                    break;
                }
            }

            if (finished == 0 && !await WaitAsync(queueSignal, settings.Poll, stoppingToken))
            {
                break;
            }
        }

        LogStopped(logger, WorkerId);
    }

    /// <summary>One claimed batch, given <paramref name="grace"/> to finish once a stop is requested.</summary>
    private async Task<int> ProcessBatchAsync(TimeSpan grace, CancellationToken stoppingToken)
    {
        using var batch = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        await using var stopping = stoppingToken.Register(() => batch.CancelAfter(grace));
        var started = time.GetTimestamp();
        int records = 0, failed = 0;
        var finished = await processor.ProcessBatchAsync(WorkerId, outcome =>
        {
            records += outcome.Analysis?.Records.Count ?? 0;
            failed += outcome.Error is null ? 0 : 1;
        }, batch.Token);
        if (finished > 0)
        {
            var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogBatch(logger, finished, records, failed, elapsedMs);
        }

        return finished;
    }

    /// <summary>Gives the abandoned batch back so that it need not wait for the lease; a store that fails leaves it to the lease.</summary>
    private async Task GiveBackAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout, time);
        try
        {
            var released = await store.ReleaseAsync(WorkerId, timeout.Token);
            if (released > 0)
            {
                LogGivenBack(logger, released, "on stopping");
            }
        }
        catch (Exception e)
        {
            LogNotGivenBack(logger, e.Message, processing.LeaseSeconds);
        }
    }

    /// <summary>False when the host is stopping.</summary>
    private static async Task<bool> WaitAsync(WakeSignal signal, TimeSpan timeout, CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(timeout, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} started: polling every {PollSeconds} s, batches of {BatchSize}, lease {LeaseSeconds} s")]
    private static partial void LogStarted(ILogger logger, string workerId, double pollSeconds, int batchSize, int leaseSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch done: {Documents} documents, {Records} records, {Failed} failed, in {ElapsedMs} ms")]
    private static partial void LogBatch(ILogger logger, int documents, int records, int failed, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue processing failed: {Reason}; retrying in {RetrySeconds} s")]
    private static partial void LogBatchError(ILogger logger, string reason, double retrySeconds, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stop requested: the batch in hand did not finish within {GraceSeconds} s and was abandoned uncommitted")]
    private static partial void LogAbandoned(ILogger logger, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gave {Documents} claimed documents back to the queue {When}")]
    private static partial void LogGivenBack(ILogger logger, int documents, string when);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give the abandoned batch back ({Reason}); its documents are claimed again once the {LeaseSeconds} s lease lapses")]
    private static partial void LogNotGivenBack(ILogger logger, string reason, int leaseSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopped")]
    private static partial void LogStopped(ILogger logger, string workerId);
}
