using System.Diagnostics;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

/// <summary>
/// The crawler against the fake ministry site on 127.0.0.1 (<see cref="FakeMinistrySite"/>), with two retries 50 ms
/// apart, a 2 s attempt timeout, a 64 KB page limit, 50 ms between requests (the site's Crawl-delay of 0.2 s is larger
/// and wins) and links followed two deep.
/// </summary>
public sealed class SiteCrawlerTests
{
    /// <summary>Stopwatch timers may fire a little early by the server's clock; nothing else may.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(15);

    [Fact]
    public async Task Crawls_breadth_first_within_the_site_mines_the_pages_and_reports_every_other_link_with_its_reason()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var crawler = new CrawlerUnderTest();
        var items = await crawler.CrawlAsync([site.Origin + "/"]);
        string Url(string path) => site.Origin + path;

        // Breadth-first, in link order, each page once: fragments, tracking parameters and dot segments are the same
        // page; the link cycles back home add nothing; /news/oldest.html is three links deep.
        string[] fetched =
        [
            "/robots.txt", "/", "/press/2025-03-10-indonesia.html", "/press/2025-04-02-brazil.html", "/news/archive.html",
            "/private/press-kit.html", "/press/flaky.html", "/press/busy.html", "/press/slow.html", "/old/statement.html",
            "/moved/statement.html", "/press/2025-05-20-kenya.html", "/loop/a.html", "/loop/b.html", "/press/huge.html",
            "/reports/latest", "/press/missing.html", "/press/garbled.html", "/news/older.html",
        ];
        Assert.Equal(fetched, Fetches(site).Select(r => r.PathAndQuery));
        Assert.Empty(site.OffSiteRequests);

        Assert.Equal(
            ["/", "/press/2025-03-10-indonesia.html", "/press/2025-04-02-brazil.html", "/news/archive.html", "/private/press-kit.html",
             "/press/flaky.html", "/press/busy.html", "/press/2025-05-20-kenya.html", "/news/older.html"],
            items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
        var indonesia = items.Document("/press/2025-03-10-indonesia.html").Document;
        Assert.Equal("Viet Nam and Indonesia elevate ties to a comprehensive strategic partnership", indonesia.Title);
        Assert.Equal(new DateOnly(2025, 3, 10), indonesia.Date);
        Assert.Contains("upgrade their relations to a comprehensive strategic partnership", indonesia.Text, StringComparison.Ordinal);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [Url("/press/slow.html")] = "timed out: no complete answer within 2 s (3 attempts)",
                [Url("/loop/a.html")] = $"redirect loop: {Url("/loop/a.html")} -> {Url("/loop/b.html")} -> {Url("/loop/a.html")}",
                [Url("/press/huge.html")] = "larger than the 64 KB limit",
                [Url("/press/missing.html")] = "HTTP 404 Not Found",
                [Url("/press/garbled.html")] = "binary content (PNG image signature)",
            },
            items.Rejections().ToDictionary(r => r.Input, r => r.Reason));
        Assert.Equal(
            new Dictionary<string, string>
            {
                [site.OtherOrigin + "/press/elsewhere.html"] = "off the allowed sites (not followed)",
                [Url("/files/annual-report.pdf")] = "not a page (.pdf; not fetched)",
                [site.OtherOrigin + "/partners/joint-statement.html"] = "off the allowed sites (not followed)",
                [Url("/private/memo.html")] = "disallowed by robots.txt",
                [Url("/reports/latest")] = "not a page (content type application/pdf)",
            },
            items.Skips().ToDictionary(s => s.Input, s => s.Reason));

        // Retries counted at the server: transient failures are retried, a 404 is not.
        Assert.Equal(3, site.Hits("/press/flaky.html"));
        Assert.Equal(2, site.Hits("/press/busy.html"));
        Assert.Equal(3, site.Hits("/press/slow.html"));
        Assert.Equal(1, site.Hits("/press/missing.html"));
        Assert.Equal(1, site.Hits("/robots.txt"));
        Assert.Equal(0, site.Hits("/private/memo.html") + site.Hits("/files/annual-report.pdf") + site.Hits("/news/oldest.html"));
    }

    [Fact]
    public async Task Requests_to_a_host_are_one_at_a_time_at_least_the_crawl_delay_apart_and_Retry_After_is_honoured()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0.25);
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxDepth"] = "1" });
        await crawler.CrawlAsync([site.Origin + "/"]);

        var requests = site.Requests;
        Assert.True(requests.Count > 15, $"{requests.Count} requests");
        var fetches = Fetches(site);
        for (var i = 1; i < fetches.Count; i++)
        {
            // From the first request of one fetch to the next fetch: the previous one ended in between.
            var gap = Elapsed(fetches[i - 1].Timestamp, fetches[i].Timestamp);
            Assert.True(gap >= TimeSpan.FromSeconds(0.25) - Tolerance, $"{fetches[i - 1].PathAndQuery} -> {fetches[i].PathAndQuery}: {gap.TotalMilliseconds} ms");
        }

        var busy = requests.Where(r => r.PathAndQuery == "/press/busy.html").ToList();
        Assert.Equal(2, busy.Count);
        Assert.True(Elapsed(busy[0].Timestamp, busy[1].Timestamp) >= TimeSpan.FromSeconds(1) - Tolerance, "Retry-After: 1 was not waited for");
    }

    [Fact]
    public async Task An_allowed_prefix_opens_another_site_under_its_own_robots_txt_and_nothing_else_of_it()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxDepth"] = "1" });
        var items = await crawler.CrawlAsync([site.Origin + "/news/archive.html"], [site.OtherOrigin + "/partners/"]);

        Assert.Equal(
            ["localhost /robots.txt", "localhost /partners/joint-statement.html"],
            site.OffSiteRequests.Select(r => $"localhost {r.PathAndQuery}"));
        var statement = items.Document(site.OtherOrigin + "/partners/joint-statement.html").Document;
        Assert.Contains("Chile and Thailand established a strategic partnership", statement.Text, StringComparison.Ordinal);
        Assert.Empty(items.Rejections());
    }

    [Fact]
    public async Task A_Crawl_delay_above_the_cap_is_crawled_at_the_cap()
    {
        // Thirty seconds a page as asked would take a minute for these three pages; the cap of one second, two.
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 30);
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?>
        {
            ["Crawl:MaxPages"] = "3", ["Crawl:DelayMilliseconds"] = "0", ["Crawl:MaxCrawlDelaySeconds"] = "1",
        });
        var clock = Stopwatch.StartNew();
        var items = await crawler.CrawlAsync([site.Origin + "/"]);

        Assert.Equal(3, items.Documents().Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        var fetches = Fetches(site);
        Assert.True(Elapsed(fetches[0].Timestamp, fetches[1].Timestamp) >= TimeSpan.FromSeconds(1) - Tolerance, "the cap is still a pause");
        Assert.Contains(crawler.Log.Lines, l => l.Contains("30 s asked, 1 s kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_robots_txt_served_as_a_download_is_still_obeyed()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        site.RobotsContentType = "application/octet-stream";
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxDepth"] = "1", ["Crawl:DelayMilliseconds"] = "0" });
        var items = await crawler.CrawlAsync([site.Origin + "/"]);

        Assert.Equal(0, site.Hits("/private/memo.html"));
        Assert.Contains(items.Skips(), s => s.Input == site.Origin + "/private/memo.html" && s.Reason == "disallowed by robots.txt");
    }

    [Fact]
    public async Task The_page_limit_stops_the_crawl()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxPages"] = "3", ["Crawl:DelayMilliseconds"] = "0" });
        var items = await crawler.CrawlAsync([site.Origin + "/"]);

        Assert.Equal(["/robots.txt", "/", "/press/2025-03-10-indonesia.html", "/press/2025-04-02-brazil.html"], site.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(3, items.Documents().Count);
        Assert.Contains(crawler.Log.Lines, l => l.Contains("page limit (3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_robots_txt_the_server_cannot_give_keeps_the_crawler_away_and_a_missing_one_allows_everything()
    {
        await using var site = await FakeMinistrySite.StartAsync();
        site.RobotsStatus = 503;
        using (var crawler = new CrawlerUnderTest())
        {
            var items = await crawler.CrawlAsync([site.Origin + "/"]);
            var rejection = Assert.Single(items);
            Assert.Equal(
                new SourceRejection(site.Origin + "/", "robots.txt answered HTTP 503 Service Unavailable after 3 attempts; staying away from this site for now"),
                rejection);
            Assert.Equal(["/robots.txt", "/robots.txt", "/robots.txt"], site.Requests.Select(r => r.PathAndQuery));
        }

        site.RobotsStatus = 404;
        using (var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxDepth"] = "0" }))
        {
            var items = await crawler.CrawlAsync([site.Origin + "/private/memo.html"]);
            Assert.Equal(site.Origin + "/private/memo.html", Assert.Single(items.Documents()).Document.Source);
        }
    }

    [Fact]
    public async Task A_robots_txt_that_is_not_text_keeps_the_crawler_away()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        site.RobotsExtraLines.Add("\0\0\0\u0001\u0002");
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:DelayMilliseconds"] = "0" });

        var items = await crawler.CrawlAsync([site.Origin + "/"]);

        var rejection = Assert.Single(items.Rejections());
        Assert.StartsWith("robots.txt could not be read as text (binary content", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(0, site.Hits("/"));
    }

    [Fact]
    public async Task A_page_added_to_the_site_is_found_by_the_next_crawl()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxDepth"] = "1", ["Crawl:DelayMilliseconds"] = "0" });
        site.SetPage("/latest.html", "<html><body><a href=\"/press/2025-03-10-indonesia.html\">Indonesia</a></body></html>");
        var first = await crawler.CrawlAsync([site.Origin + "/latest.html"]);
        site.SetPage("/latest.html", "<html><body><a href=\"/press/2025-04-02-brazil.html\">Brazil</a> <a href=\"/press/2025-03-10-indonesia.html\">Indonesia</a></body></html>");
        var second = await crawler.CrawlAsync([site.Origin + "/latest.html"]);

        Assert.DoesNotContain(first.Documents(), d => d.Document.Source.EndsWith("brazil.html", StringComparison.Ordinal));
        Assert.Contains(second.Documents(), d => d.Document.Source.EndsWith("brazil.html", StringComparison.Ordinal));
        Assert.Equal(2, site.Hits("/robots.txt"));
    }

    [Fact]
    public async Task Robots_meta_tags_for_all_crawlers_or_for_this_one_keep_a_page_out_of_the_store_or_its_links_unfollowed()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxDepth"] = "2", ["Crawl:DelayMilliseconds"] = "0" });
        static string Page(string meta, string link) =>
            $"<html><head>{meta}<title>Statement</title></head><body><article><p>Viet Nam and Japan held talks on trade, energy and " +
            $"transport and agreed to meet again next year in Tokyo.</p></article><a href=\"{link}\">more</a></body></html>";
        site.SetPage("/start.html", "<html><body><a href=\"/hidden.html\">a</a> <a href=\"/closed.html\">b</a> <a href=\"/sealed.html\">c</a> <a href=\"/ours.html\">d</a> <a href=\"/theirs.html\">e</a></body></html>");
        site.SetPage("/hidden.html", Page("<meta name=\"robots\" content=\"noindex, follow\">", "/from-hidden.html"));
        site.SetPage("/closed.html", Page("<meta name=\"ROBOTS\" content=\"NOFOLLOW\">", "/from-closed.html"));
        site.SetPage("/sealed.html", Page("<meta name=\"robots\" content=\"none\">", "/from-sealed.html"));
        site.SetPage("/ours.html", Page("<meta name=\"PartnershipMiner\" content=\"noindex\">", "/from-ours.html"));
        site.SetPage("/theirs.html", Page("<meta name=\"googlebot\" content=\"noindex, nofollow\">", "/from-theirs.html"));
        foreach (var path in new[] { "/from-hidden.html", "/from-closed.html", "/from-sealed.html", "/from-ours.html", "/from-theirs.html" })
        {
            site.SetPage(path, Page("", "/start.html"));
        }

        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        Assert.Equal(
            ["/closed.html", "/theirs.html", "/from-hidden.html", "/from-ours.html", "/from-theirs.html"],
            items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
        const string NoIndex = "the page asks robots not to index it (robots meta tag or X-Robots-Tag)";
        Assert.Equal(
            [("/hidden.html", NoIndex), ("/sealed.html", NoIndex), ("/ours.html", NoIndex)],
            items.Skips().Where(s => s.Reason == NoIndex).Select(s => (s.Input[site.Origin.Length..], s.Reason)));
        Assert.Equal(0, site.Hits("/from-closed.html") + site.Hits("/from-sealed.html"));
    }

    [Fact]
    public async Task X_Robots_Tag_headers_for_all_crawlers_or_for_this_one_count_as_the_meta_tags_do()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { ["Crawl:MaxDepth"] = "2", ["Crawl:DelayMilliseconds"] = "0" });
        static string Page(string link) =>
            "<html><head><title>Statement</title></head><body><article><p>Viet Nam and Japan held talks on trade, energy and " +
            $"transport and agreed to meet again next year in Tokyo.</p></article><a href=\"{link}\">more</a></body></html>";
        site.SetPage("/start.html", "<html><body><a href=\"/hidden.html\">a</a> <a href=\"/closed.html\">b</a> <a href=\"/theirs.html\">c</a> <a href=\"/dated.html\">d</a></body></html>");
        site.SetPage("/hidden.html", Page("/from-hidden.html"));
        site.SetHeader("/hidden.html", "X-Robots-Tag", "noindex");
        site.SetPage("/closed.html", Page("/from-closed.html"));
        site.SetHeader("/closed.html", "X-Robots-Tag", "googlebot: noindex", "PartnershipMiner: nofollow");
        site.SetPage("/theirs.html", Page("/from-theirs.html"));
        site.SetHeader("/theirs.html", "X-Robots-Tag", "otherbot: noindex, nofollow");
        site.SetPage("/dated.html", Page("/from-dated.html"));
        site.SetHeader("/dated.html", "X-Robots-Tag", "unavailable_after: 25 Jun 2030 15:00:00 PST");
        foreach (var path in new[] { "/from-hidden.html", "/from-closed.html", "/from-theirs.html", "/from-dated.html" })
        {
            site.SetPage(path, Page("/start.html"));
        }

        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        Assert.Equal(
            ["/closed.html", "/theirs.html", "/dated.html", "/from-hidden.html", "/from-theirs.html", "/from-dated.html"],
            items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
        Assert.Equal("the page asks robots not to index it (robots meta tag or X-Robots-Tag)", items.Skips().Single(s => s.Input.EndsWith("/hidden.html", StringComparison.Ordinal)).Reason);
        Assert.Equal(0, site.Hits("/from-closed.html"));
    }

    /// <summary>The first request of each fetch (retries of the same URL follow it at once).</summary>
    private static List<SiteRequest> Fetches(FakeMinistrySite site)
    {
        var fetches = new List<SiteRequest>();
        foreach (var request in site.Requests)
        {
            if (fetches.Count == 0 || fetches[^1].PathAndQuery != request.PathAndQuery)
            {
                fetches.Add(request);
            }
        }

        return fetches;
    }

    private static TimeSpan Elapsed(long from, long to) => TimeSpan.FromSeconds((double)(to - from) / Stopwatch.Frequency);
}
