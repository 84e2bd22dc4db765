using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Ingestion.Crawling;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Worker;

/// <summary>
/// Crawls <see cref="CrawlOptions.Seeds"/> at start and then every <see cref="CrawlOptions.Interval"/> (start to start,
/// on the injected clock; a crawl that outlasts the interval is followed at once by the next), and queues the pages in
/// the store as the inbox does, waking the queue loop. Pages already stored are known by content hash and not queued
/// again. A crawl that fails (the store is unavailable) is logged and the next interval tries again. Off without seeds.
/// </summary>
internal sealed partial class ScheduledCrawlService(
    SiteCrawler crawler,
    DocumentIntake intake,
    WakeSignal queueSignal,
    IOptions<CrawlOptions> options,
    TimeProvider time,
    ILogger<ScheduledCrawlService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.HasSchedule)
        {
            LogNoSeeds(logger);
            return;
        }

        var plan = settings.SchedulePlan();
        LogScheduled(logger, plan.Seeds.Count, settings.Interval);
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            await CrawlOnceAsync(plan, stoppingToken);
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private async Task CrawlOnceAsync(CrawlPlan plan, CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        try
        {
            // The queue loop is woken after each batch: a long crawl's first pages are mined while it goes on.
            var totals = await intake.EnqueueAsync(crawler.Crawl(plan), null, queueSignal.Notify, stoppingToken);

            var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogCrawled(logger, totals.Queued, totals.AlreadyKnown, totals.Rejected, totals.Skipped, elapsedMs);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was queued stays queued; the rest is crawled again next time.
        }
        catch (Exception e)
        {
            // An unavailable store says all in its message; a stack trace is for bugs.
            LogCrawlFailed(logger, e.Message, e is StoreUnavailableException ? null : e);
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No crawl seeds configured (Crawl:Seeds); scheduled crawling is off")]
    private static partial void LogNoSeeds(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crawling {Seeds} seeds now and every {Interval}")]
    private static partial void LogScheduled(ILogger logger, int seeds, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled crawl: {Queued} pages queued, {AlreadyKnown} already stored, {Rejected} rejected, {Skipped} skipped in {ElapsedMs} ms")]
    private static partial void LogCrawled(ILogger logger, int queued, int alreadyKnown, int rejected, int skipped, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled crawl failed: {Reason}; trying again at the next interval")]
    private static partial void LogCrawlFailed(ILogger logger, string reason, Exception? exception);
}
