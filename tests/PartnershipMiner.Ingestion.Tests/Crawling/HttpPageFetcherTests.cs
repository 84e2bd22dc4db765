using Microsoft.Extensions.Logging.Abstractions;
using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

/// <summary>One fetch against the fake site: what is retried, how often (counted at the server), and what is reported.</summary>
public sealed class HttpPageFetcherTests
{
    private static readonly PageFetchOptions Quick = new()
    {
        // A cold first request on a loaded machine can take a good part of a second.
        AttemptTimeoutSeconds = 2,
        TotalTimeoutSeconds = 30,
        MaxRetries = 2,
        RetryDelaySeconds = 0.05,
        MaxRetryDelaySeconds = 2,
        MaxPageBytes = 64 * 1024,
    };

    [Fact]
    public async Task Transient_failures_are_retried_until_the_page_comes()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var fetcher = new HttpPageFetcher(Quick, TimeProvider.System, NullLogger<HttpPageFetcher>.Instance);
        var response = Assert.IsType<PageResponse>(await fetcher.FetchAsync(new Uri(site.Origin + "/press/flaky.html"), CancellationToken.None));

        Assert.Equal((200, 3, PageBodyState.Read, "text/html", "utf-8"), (response.Status, response.Attempts, response.BodyState, response.MediaType, response.Charset));
        Assert.Equal(3, site.Hits("/press/flaky.html"));
        Assert.Contains("Egypt and Greece", System.Text.Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_longest_wait_is_reported_not_waited_for()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var fetcher = new HttpPageFetcher(Quick, TimeProvider.System, NullLogger<HttpPageFetcher>.Instance);
        var response = Assert.IsType<PageResponse>(await fetcher.FetchAsync(new Uri(site.Origin + "/press/closed.html"), CancellationToken.None));

        Assert.Equal((503, 1, TimeSpan.FromHours(1)), (response.Status, response.Attempts, response.RetryAfter));
        Assert.Equal(1, site.Hits("/press/closed.html"));
    }

    [Fact]
    public async Task A_body_that_does_not_decode_as_its_Content_Encoding_is_a_failure_not_an_exception()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var fetcher = new HttpPageFetcher(Quick, TimeProvider.System, NullLogger<HttpPageFetcher>.Instance);
        var failure = Assert.IsType<FetchFailure>(await fetcher.FetchAsync(new Uri(site.Origin + "/press/corrupt-gzip.html"), CancellationToken.None));

        Assert.Contains("Content-Encoding", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(1, site.Hits("/press/corrupt-gzip.html"));
    }

    [Fact]
    public async Task A_corrupt_brotli_body_is_a_failed_fetch_and_an_unusable_location_is_none()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var fetcher = new HttpPageFetcher(Quick, TimeProvider.System, NullLogger<HttpPageFetcher>.Instance);
        site.SetFile("/press/corrupt-br.html", "text/html; charset=utf-8", "<html><body>not brotli at all</body></html>"u8.ToArray());
        site.SetHeader("/press/corrupt-br.html", "Content-Encoding", "br");
        site.SetRedirect("/press/nowhere.html", 302, "//");

        var failure = Assert.IsType<FetchFailure>(await fetcher.FetchAsync(new Uri(site.Origin + "/press/corrupt-br.html"), CancellationToken.None));
        var redirect = Assert.IsType<PageResponse>(await fetcher.FetchAsync(new Uri(site.Origin + "/press/nowhere.html"), CancellationToken.None));

        Assert.Contains("Content-Encoding", failure.Reason, StringComparison.Ordinal);
        Assert.Equal((302, (Uri?)null), (redirect.Status, redirect.Location));
    }

    [Fact]
    public async Task Redirects_are_returned_not_followed()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var fetcher = new HttpPageFetcher(Quick, TimeProvider.System, NullLogger<HttpPageFetcher>.Instance);
        var response = Assert.IsType<PageResponse>(await fetcher.FetchAsync(new Uri(site.Origin + "/loop/b.html"), CancellationToken.None));

        Assert.Equal((302, PageBodyState.NotRead), (response.Status, response.BodyState));
        Assert.Equal(new Uri(site.Origin + "/loop/a.html"), response.Location);
        Assert.Equal(0, site.Hits("/loop/a.html"));
    }

    [Fact]
    public async Task A_refused_connection_is_a_failure_after_the_retries()
    {
        using var fetcher = new HttpPageFetcher(Quick, TimeProvider.System, NullLogger<HttpPageFetcher>.Instance);
        // Port 1 on the loopback address: nothing listens there, so the connection is refused at once.
        var failure = Assert.IsType<FetchFailure>(await fetcher.FetchAsync(new Uri("http://127.0.0.1:1/"), CancellationToken.None));

        Assert.Equal(3, failure.Attempts);
        Assert.StartsWith("network error: ", failure.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(3 attempts)", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_not_a_failure()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var fetcher = new HttpPageFetcher(Quick with { AttemptTimeoutSeconds = 30, TotalTimeoutSeconds = 60 }, TimeProvider.System, NullLogger<HttpPageFetcher>.Instance);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(new Uri(site.Origin + "/press/slow.html"), cancel.Token));
        Assert.Equal(1, site.Hits("/press/slow.html"));
    }
}
