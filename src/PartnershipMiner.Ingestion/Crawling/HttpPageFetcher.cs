using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// <see cref="IPageFetcher"/> over HttpClient, behind a Polly pipeline: a total timeout around retries around a
/// per-attempt timeout. Retried: 408, 429, 5xx, network errors and attempt timeouts, with exponential back-off and
/// jitter, or after exactly the wait a Retry-After header asks for (a longer wait than
/// <see cref="PageFetchOptions.MaxRetryDelay"/> is not retried). Bodies are read only for successful answers of a page's
/// or a sitemap's media type (and for robots.txt and sitemap files whatever their type), and never beyond
/// <see cref="PageFetchOptions.MaxPageBytes"/>.
/// </summary>
public sealed partial class HttpPageFetcher : IPageFetcher, IDisposable
{
    private static readonly ResiliencePropertyKey<FetchAttempts> AttemptsKey = new("pminer.fetch.attempts");

    private readonly HttpClient client;
    private readonly bool ownsClient;
    private readonly PageFetchOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<HttpPageFetcher> logger;
    private readonly ResiliencePipeline<PageResponse> pipeline;

    public HttpPageFetcher(PageFetchOptions options, TimeProvider time, ILogger<HttpPageFetcher> logger)
        : this(CreateClient(options), ownsClient: true, options, time, logger)
    {
    }

    /// <summary>With a client of the caller's; it must not follow redirects itself.</summary>
    public HttpPageFetcher(HttpClient client, PageFetchOptions options, TimeProvider time, ILogger<HttpPageFetcher> logger)
        : this(client, ownsClient: false, options, time, logger)
    {
    }

    private HttpPageFetcher(HttpClient client, bool ownsClient, PageFetchOptions options, TimeProvider time, ILogger<HttpPageFetcher> logger)
    {
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = options;
        this.time = time;
        this.logger = logger;
        pipeline = BuildPipeline();
    }

    public async Task<FetchOutcome> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var attempts = new FetchAttempts(url);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AttemptsKey, attempts);
        try
        {
            return await pipeline.ExecuteAsync(static (context, fetcher) => fetcher.AttemptAsync(context), context, this);
        }
        catch (TimeoutRejectedException e)
        {
            return new FetchFailure(url, attempts.Count, $"timed out: no complete answer within {Seconds(e.Timeout)} ({Tries(attempts.Count)})");
        }
        catch (HttpRequestException e)
        {
            return new FetchFailure(url, attempts.Count, $"network error: {e.Message} ({Tries(attempts.Count)})");
        }
        catch (IOException e)
        {
            return new FetchFailure(url, attempts.Count, $"connection broken while reading: {e.Message} ({Tries(attempts.Count)})");
        }
        catch (InvalidDataException e)
        {
            // The handler decompresses: a body that is corrupt under its Content-Encoding throws this, not an
            // IOException. It is the page's fault, and the crawl must go on past it.
            return new FetchFailure(url, attempts.Count, $"body does not decode as its Content-Encoding: {e.Message}");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private ResiliencePipeline<PageResponse> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<PageResponse> { TimeProvider = time };
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<PageResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome)),
                // Null lets the back-off decide; a Retry-After header is honoured exactly.
                DelayGenerator = arguments => ValueTask.FromResult(arguments.Outcome.Result?.RetryAfter),
                OnRetry = arguments =>
                {
                    arguments.Context.Properties.TryGetValue(AttemptsKey, out var attempts);
                    var reason = Describe(arguments.Outcome);
                    var delayMs = (long)arguments.RetryDelay.TotalMilliseconds;
                    LogRetrying(logger, attempts!.Url, reason, arguments.AttemptNumber + 2, delayMs);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private bool IsTransient(Outcome<PageResponse> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException or IOException;
        }

        var response = outcome.Result!;
        if (response.Status is not (408 or 429 or >= 500))
        {
            return false;
        }

        // A server that asks for a longer pause than we wait is reported now rather than waited for.
        return response.RetryAfter is not { } wait || wait <= options.MaxRetryDelay;
    }

    private async ValueTask<PageResponse> AttemptAsync(ResilienceContext context)
    {
        context.Properties.TryGetValue(AttemptsKey, out var attempts);
        var url = attempts!.Url;
        attempts.Count++;
        var cancellationToken = context.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        request.Headers.Accept.ParseAdd("text/html, application/xhtml+xml, text/plain;q=0.9, application/xml;q=0.5, */*;q=0.1");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType;
        var mediaType = contentType?.MediaType?.ToLowerInvariant();
        var length = response.Content.Headers.ContentLength;
        // A Location the header parser takes but Uri cannot resolve ("//", "https:x", "//h:99999/") is no location: the
        // redirect is then reported as one without a usable Location header.
        var location = response.Headers.Location is { } target
            ? target.IsAbsoluteUri ? target : Uri.TryCreate(url, target, out var resolved) ? resolved : null
            : null;
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
        string[] robotsTags = response.Headers.TryGetValues("X-Robots-Tag", out var tags) ? [.. tags] : [];

        PageResponse Answer(PageBodyState state, byte[] body) =>
            new(url, attempts.Count, status, response.ReasonPhrase ?? "", mediaType, contentType?.CharSet, length, location, state, body)
            {
                RetryAfter = retryAfter,
                RobotsTags = robotsTags,
            };

        // robots.txt is read whatever type it is served as (RFC 9309 names no media type): skipping one sent as
        // application/octet-stream would read as "no rules" and crawl what the site disallows. So are files named as
        // sitemaps are (".xml", ".xml.gz"): servers send compressed ones as downloads, and the crawler follows no link
        // to such a file, so only robots.txt and seeds lead it there.
        var readAnyType = url.AbsolutePath.Equals("/robots.txt", StringComparison.Ordinal)
            || url.AbsolutePath.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || url.AbsolutePath.EndsWith(".xml.gz", StringComparison.OrdinalIgnoreCase);
        if (!response.IsSuccessStatusCode || (!readAnyType && !PageResponse.IsReadable(mediaType)))
        {
            return Answer(PageBodyState.NotRead, []);
        }

        if (length > options.MaxPageBytes)
        {
            return Answer(PageBodyState.TooLarge, []);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        byte[]? body;
        try
        {
            body = await BoundedRead.ReadAllAsync(stream, options.MaxPageBytes, length ?? 0, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // The Brotli decoder reports a corrupt body so (gzip and deflate throw InvalidDataException): the page's
            // fault, reported like theirs, not an end to the crawl.
            throw new InvalidDataException(e.Message, e);
        }

        return body is null ? Answer(PageBodyState.TooLarge, []) : Answer(PageBodyState.Read, body);
    }

    private TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string Describe(Outcome<PageResponse> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException e => $"no complete answer within {Seconds(e.Timeout)}",
        { } e => e.Message,
        null => outcome.Result!.StatusLine,
    };

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s";

    private static string Tries(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    private static HttpClient CreateClient(PageFetchOptions options) =>
        new(new SocketsHttpHandler
        {
            // Every hop is checked against the crawl's scope and robots.txt, so the crawler follows redirects itself.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            ConnectTimeout = options.AttemptTimeout,
            // Picks up DNS changes of long-running scheduled crawls.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // Polly owns every timeout.
            Timeout = Timeout.InfiniteTimeSpan,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Url} (attempt {Attempt}) in {DelayMs} ms after {Reason}")]
    private static partial void LogRetrying(ILogger logger, Uri url, string reason, int attempt, long delayMs);

    /// <summary>The URL of one fetch and how many requests it has made so far.</summary>
    private sealed class FetchAttempts(Uri url)
    {
        public Uri Url { get; } = url;

        public int Count { get; set; }
    }
}
