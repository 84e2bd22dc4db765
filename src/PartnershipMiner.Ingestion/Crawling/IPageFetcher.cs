namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// The network, as the crawler sees it: one GET of one URL, retried as the implementation sees fit. Redirects are
/// returned, not followed, so that the crawler can check every hop against its scope, robots.txt and politeness.
/// Implementations never throw for a bad page or a dead server; only cancellation propagates.
/// </summary>
public interface IPageFetcher
{
    Task<FetchOutcome> FetchAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>What became of one fetch: an answer (<see cref="PageResponse"/>) or none (<see cref="FetchFailure"/>).</summary>
public abstract record FetchOutcome
{
    // Closed set: the two outcomes below.
    private protected FetchOutcome(Uri url, int attempts)
    {
        Url = url;
        Attempts = attempts;
    }

    /// <summary>The URL asked for (a redirect's target is a fetch of its own).</summary>
    public Uri Url { get; }

    /// <summary>Requests made, the first one and the retries.</summary>
    public int Attempts { get; }
}

/// <summary>Whether the body of a response was read.</summary>
public enum PageBodyState
{
    /// <summary>The whole body is in <see cref="PageResponse.Body"/>.</summary>
    Read,

    /// <summary>Not read: the status is not a success, or the content type is not one a page may have.</summary>
    NotRead,

    /// <summary>Not kept: it is larger than the page limit (reading stopped there).</summary>
    TooLarge,
}

/// <summary>
/// The server's last answer. <see cref="MediaType"/> is lower-case without parameters; <see cref="Location"/> is
/// absolute (resolved against <see cref="FetchOutcome.Url"/>); <see cref="ContentLength"/> is what the server declared.
/// </summary>
public sealed record PageResponse(
    Uri Url,
    int Attempts,
    int Status,
    string ReasonPhrase,
    string? MediaType,
    string? Charset,
    long? ContentLength,
    Uri? Location,
    PageBodyState BodyState,
    ReadOnlyMemory<byte> Body) : FetchOutcome(Url, Attempts)
{
    /// <summary>Media types a page may have (robots.txt is text/plain).</summary>
    public static IReadOnlySet<string> PageMediaTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "text/html", "application/xhtml+xml", "text/plain" };

    /// <summary>Media types a sitemap is served as (XML, a feed, gzip). Fetchers read bodies of these and of pages only.</summary>
    public static IReadOnlySet<string> SitemapMediaTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/gzip", "application/x-gzip",
    };

    /// <summary>Whether a fetcher reads the body of an answer of this type.</summary>
    public static bool IsReadable(string? mediaType) => mediaType is not null && (PageMediaTypes.Contains(mediaType) || SitemapMediaTypes.Contains(mediaType));

    /// <summary>The wait a Retry-After header asked for (a date is turned into a wait from now), if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The values of the X-Robots-Tag headers, as sent.</summary>
    public IReadOnlyList<string> RobotsTags { get; init; } = [];

    public bool IsSuccess => Status is >= 200 and <= 299;

    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308;

    /// <summary>"HTTP 503 Service Unavailable".</summary>
    public string StatusLine => $"HTTP {Status}{(ReasonPhrase.Length > 0 ? " " + ReasonPhrase : "")}";

    /// <summary>The status line, with "after 4 attempts" when it was retried.</summary>
    public string Describe() => StatusLine + (Attempts > 1 ? $" after {Attempts} attempts" : "");
}

/// <summary>No answer: the network failed or every attempt timed out. <see cref="Reason"/> says which.</summary>
public sealed record FetchFailure(Uri Url, int Attempts, string Reason) : FetchOutcome(Url, Attempts);
