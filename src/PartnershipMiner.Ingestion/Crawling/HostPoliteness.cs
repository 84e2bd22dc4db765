using System.Collections.Concurrent;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// One request at a time per host, and a pause between the end of one and the start of the next. Shared by every crawl
/// of the process, so a scheduled crawl and a crawl verb in the same host never overlap on a site. Time is the injected
/// clock's.
/// </summary>
public sealed class HostPoliteness(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HostSchedule> hosts = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits until the URL's host is free and at least <paramref name="pause"/> has passed since its last request
    /// ended, then holds the host until the turn is disposed. The pause is the caller's: it learns a site's
    /// Crawl-delay from the first request there (robots.txt).
    /// </summary>
    public async Task<IDisposable> WaitTurnAsync(Uri url, TimeSpan pause, CancellationToken cancellationToken)
    {
        var host = hosts.GetOrAdd(PageUrl.HostOf(url), _ => new HostSchedule());
        await host.Gate.WaitAsync(cancellationToken);
        try
        {
            if (host.LastEnded is { } ended && pause - time.GetElapsedTime(ended) is var wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch
        {
            host.Gate.Release();
            throw;
        }

        return new Turn(host, time);
    }

    private sealed class HostSchedule
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The clock's timestamp when the last request ended; null before the first.</summary>
        public long? LastEnded { get; set; }
    }

    private sealed class Turn(HostSchedule host, TimeProvider time) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                host.LastEnded = time.GetTimestamp();
                host.Gate.Release();
            }
        }
    }
}
