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
/// its claim lapses with the lease, so another run takes it again. A failing store is retried with a growing back-off.
/// </summary>
internal sealed partial class QueueWorkerService(
    QueueProcessor processor,
    WakeSignal queueSignal,
    IOptions<WorkerOptions> options,
    ProcessingOptions processing,
    TimeProvider time,
    ILogger<QueueWorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    /// <summary>Who holds this process's claims in the store.</summary>
    public string WorkerId { get; } = $"worker-{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogStarted(logger, WorkerId, settings.PollSeconds, processing.BatchSize, processing.LeaseSeconds);
        var failuresInARow = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            int finished;
            try
            {
                finished = await ProcessBatchAsync(settings.ShutdownGrace, stoppingToken);
                failuresInARow = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                LogAbandoned(logger, settings.ShutdownGraceSeconds, processing.LeaseSeconds);
                break;
            }
            catch (Exception e)
            {
                // The store is unreachable or locked, or a bug: the documents stay queued; try again later.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stop requested: the batch in hand did not finish within {GraceSeconds} s and was abandoned uncommitted; its documents are claimed again once the {LeaseSeconds} s lease lapses")]
    private static partial void LogAbandoned(ILogger logger, double graceSeconds, int leaseSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopped")]
    private static partial void LogStopped(ILogger logger, string workerId);
}
