namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// The URLs of one crawl still to visit, first in first out (breadth-first), and every URL already met, so that each is
/// fetched or reported once. URLs are compared in their normalised form.
/// </summary>
internal sealed class CrawlFrontier
{
    private readonly Queue<(Uri Url, int Depth)> waiting = new();
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    public int Waiting => waiting.Count;

    public bool HasSeen(Uri url) => seen.Contains(url.AbsoluteUri);

    /// <summary>Remembers the URL; false when it was met before.</summary>
    public bool MarkSeen(Uri url) => seen.Add(url.AbsoluteUri);

    /// <summary>Queues a URL not met before.</summary>
    public bool TryAdd(Uri url, int depth)
    {
        if (!MarkSeen(url))
        {
            return false;
        }

        waiting.Enqueue((url, depth));
        return true;
    }

    public bool TryTake(out Uri url, out int depth)
    {
        if (waiting.TryDequeue(out var next))
        {
            (url, depth) = next;
            return true;
        }

        (url, depth) = (null!, 0);
        return false;
    }
}
