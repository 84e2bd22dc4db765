using System.Text;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

/// <summary>
/// Sitemaps against the fake ministry site: pages no link reaches within the depth are found through the sitemaps
/// robots.txt names (or a seed that is one), newest first, within the plan, robots.txt and the budgets.
/// </summary>
public sealed class SitemapCrawlTests
{
    private static readonly Dictionary<string, string?> Quick = new() { ["Crawl:MaxDepth"] = "1", ["Crawl:DelayMilliseconds"] = "0" };

    private static string UrlSet(params (string Loc, string? LastMod)[] entries) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
        + string.Concat(entries.Select(e => $"<url><loc>{e.Loc}</loc>{(e.LastMod is null ? "" : $"<lastmod>{e.LastMod}</lastmod>")}</url>"))
        + "</urlset>";

    /// <summary>
    /// A start page linking to one release; an index in robots.txt listing a plain and a gzipped sitemap; releases only
    /// the sitemaps know of (2019, 2025 and one undated), an off-site entry, a PDF, and a page robots.txt disallows.
    /// </summary>
    private static async Task<FakeMinistrySite> SiteWithSitemapsAsync()
    {
        var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        site.SetPage("/start.html", "<html><body><a href=\"/press/2025-03-10-indonesia.html\">Indonesia</a></body></html>");
        site.SetPage("/press/2025-06-30-chile.html", FakeMinistrySite.PressRelease(
            "Viet Nam and Chile establish a comprehensive partnership", "SANTIAGO, June 30, 2025",
            "Viet Nam and Chile established a comprehensive partnership and agreed to double trade in farm products by 2030."));
        site.SetPage("/press/2019-01-05-egypt.html", FakeMinistrySite.PressRelease(
            "Egypt and Kenya establish a strategic partnership", "CAIRO, January 5, 2019",
            "Egypt and Kenya established a strategic partnership with a joint committee on Nile water and trade."));
        site.SetPage("/press/undated.html", FakeMinistrySite.PressRelease(
            "Statement of the spokesperson", "HANOI", "The ministry welcomed the outcome of the regional meeting on fisheries cooperation."));
        site.SetFile("/sitemaps/press.xml", "application/xml", Encoding.UTF8.GetBytes(UrlSet(
            ($"{site.Origin}/press/undated.html", null),
            ($"{site.Origin}/press/2025-03-10-indonesia.html", "2025-03-10"),
            ($"{site.OtherOrigin}/press/elsewhere.html", "2025-07-01"),
            ($"{site.Origin}/files/annual-report.pdf", "2025-07-01"),
            ($"{site.Origin}/private/memo.html", "2025-07-02"),
            ($"{site.Origin}/press/2025-06-30-chile.html", "2025-06-30T09:00:00+07:00"))));
        site.SetFile("/sitemaps/archive.xml.gz", "application/octet-stream", SitemapTests.Gzip(UrlSet(($"{site.Origin}/press/2019-01-05-egypt.html", "2019-01-05"))));
        site.SetFile("/sitemap-index.xml", "text/xml; charset=utf-8", Encoding.UTF8.GetBytes($"""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>{site.Origin}/sitemaps/archive.xml.gz</loc><lastmod>2019-01-05</lastmod></sitemap>
              <sitemap><loc>{site.Origin}/sitemaps/press.xml</loc><lastmod>2025-07-02</lastmod></sitemap>
            </sitemapindex>
            """));
        site.RobotsExtraLines.Add("Sitemap: {origin}/sitemap-index.xml");
        return site;
    }

    [Fact]
    public async Task Pages_only_the_sitemaps_know_are_crawled_newest_first_within_the_site_and_robots_txt()
    {
        await using var site = await SiteWithSitemapsAsync();
        using var crawler = new CrawlerUnderTest(Quick);
        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        // The index's newer sitemap first; each sitemap's pages newest first, the undated last; then the seed's links.
        Assert.Equal(
            ["/robots.txt", "/sitemap-index.xml", "/sitemaps/press.xml", "/sitemaps/archive.xml.gz", "/start.html",
             "/press/2025-06-30-chile.html", "/press/2025-03-10-indonesia.html", "/press/undated.html", "/press/2019-01-05-egypt.html"],
            site.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(
            ["/press/2025-06-30-chile.html", "/press/2025-03-10-indonesia.html", "/press/undated.html", "/press/2019-01-05-egypt.html"],
            items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
        Assert.Empty(site.OffSiteRequests);
        Assert.Equal(0, site.Hits("/files/annual-report.pdf") + site.Hits("/private/memo.html"));
        Assert.Equal(
            $"SiteCrawler: Sitemap {site.Origin}/sitemaps/press.xml: 6 pages listed; 4 queued, 0 met already, 1 off the allowed sites, 1 not pages, 0 beyond the depth or page limit, 0 entries unreadable",
            Assert.Single(crawler.Log.Lines, l => l.Contains("/sitemaps/press.xml: ", StringComparison.Ordinal)));

        // The page robots.txt disallows is reported as a link to it would be; the sitemaps themselves are no documents.
        Assert.Equal("disallowed by robots.txt", items.Skips().Single(s => s.Input.EndsWith("/private/memo.html", StringComparison.Ordinal)).Reason);
        Assert.Empty(items.Rejections());
    }

    [Fact]
    public async Task The_page_budget_goes_to_the_newest_pages_and_a_seed_that_is_a_sitemap_is_read_as_one()
    {
        await using var site = await SiteWithSitemapsAsync();
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?>(Quick) { ["Crawl:MaxPages"] = "2" });
        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        Assert.Equal(["/press/2025-06-30-chile.html"], items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));

        // The site's sitemaps are read when the crawl reaches the site, before its first page: the index's other
        // sitemap queues its page first, then the seed's own turn queues the rest (it is read once, as the seed).
        using var fromSitemap = new CrawlerUnderTest(Quick);
        var seeded = await fromSitemap.CrawlAsync([site.Origin + "/sitemaps/press.xml"]);
        Assert.Equal(
            ["/press/2019-01-05-egypt.html", "/press/2025-06-30-chile.html", "/press/2025-03-10-indonesia.html", "/press/undated.html"],
            seeded.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
        Assert.Empty(seeded.Rejections());

        // Without robots.txt naming any, the seed alone leads to its pages.
        site.RobotsExtraLines.Clear();
        using var alone = new CrawlerUnderTest(Quick);
        var pages = await alone.CrawlAsync([site.Origin + "/sitemaps/press.xml"]);
        Assert.Equal(
            ["/press/2025-06-30-chile.html", "/press/2025-03-10-indonesia.html", "/press/undated.html"],
            pages.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
    }

    [Fact]
    public async Task Sitemaps_are_left_alone_when_turned_off_or_when_no_link_may_be_followed()
    {
        await using var site = await SiteWithSitemapsAsync();
        using var off = new CrawlerUnderTest(new Dictionary<string, string?>(Quick) { ["Crawl:UseSitemaps"] = "false" });
        var items = await off.CrawlAsync([site.Origin + "/start.html"]);
        Assert.Equal(["/press/2025-03-10-indonesia.html"], items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));

        using var seedsOnly = new CrawlerUnderTest(new Dictionary<string, string?>(Quick) { ["Crawl:MaxDepth"] = "0" });
        Assert.Empty((await seedsOnly.CrawlAsync([site.Origin + "/start.html"])).Documents());
        Assert.Equal(0, site.Hits("/sitemap-index.xml") + site.Hits("/sitemaps/press.xml"));
    }

    [Fact]
    public async Task A_broken_sitemap_is_reported_with_its_url_and_reason_and_the_crawl_goes_on()
    {
        await using var site = await SiteWithSitemapsAsync();
        site.RobotsExtraLines.Clear();
        site.RobotsExtraLines.AddRange(["Sitemap: {origin}/sitemaps/cut.xml", "Sitemap: {origin}/sitemaps/nested.xml", "Sitemap: {origin}/sitemaps/missing.xml", "Sitemap: {origin}/about.xml"]);
        site.SetFile("/sitemaps/cut.xml", "application/xml", Encoding.UTF8.GetBytes("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>" + site.Origin + "/press/2019-01-05-egypt.html</loc></url><url><lo"));
        site.SetFile("/sitemaps/nested.xml", "application/xml", Encoding.UTF8.GetBytes(
            $"<sitemapindex><sitemap><loc>{site.Origin}/sitemap-index.xml</loc></sitemap><sitemap><loc>{site.Origin}/sitemaps/press.xml</loc></sitemap></sitemapindex>"));
        site.SetFile("/about.xml", "application/xml", Encoding.UTF8.GetBytes("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>About the ministry</body></html>"));
        using var crawler = new CrawlerUnderTest(Quick);
        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        var rejections = items.Rejections().ToDictionary(r => r.Input[site.Origin.Length..], r => r.Reason);
        Assert.Equal(["/sitemaps/cut.xml", "/sitemap-index.xml", "/sitemaps/missing.xml", "/about.xml"], rejections.Keys);
        Assert.StartsWith("sitemap unreadable: not well-formed XML", rejections["/sitemaps/cut.xml"], StringComparison.Ordinal);
        Assert.Equal("a sitemap index listed in a sitemap index (not read)", rejections["/sitemap-index.xml"]);
        Assert.Equal("HTTP 404 Not Found", rejections["/sitemaps/missing.xml"]);
        Assert.StartsWith("sitemap unreadable: not a sitemap: the XML's root is <html>", rejections["/about.xml"], StringComparison.Ordinal);

        // The nested index's own sitemap was still read, and the seed was crawled.
        Assert.Equal(
            ["/press/2025-06-30-chile.html", "/press/2025-03-10-indonesia.html", "/press/undated.html"],
            items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
    }

    [Fact]
    public async Task A_feed_is_read_as_a_sitemap_whether_a_seed_or_a_link_leads_to_it()
    {
        await using var site = await SiteWithSitemapsAsync();
        site.RobotsExtraLines.Clear();
        site.SetFile("/rss", "application/rss+xml; charset=utf-8", Encoding.UTF8.GetBytes($"""
            <rss version="2.0"><channel><title>Press releases</title>
            <item><link>{site.Origin}/press/2019-01-05-egypt.html</link><pubDate>Sat, 05 Jan 2019 08:00:00 +0200</pubDate></item>
            <item><link>{site.Origin}/press/2025-06-30-chile.html</link><pubDate>Mon, 30 Jun 2025 09:00:00 +0700</pubDate></item>
            </channel></rss>
            """));
        site.SetPage("/news.html", "<html><body><a href=\"/rss\">Press releases (feed)</a></body></html>");
        using var fromFeed = new CrawlerUnderTest(Quick);
        var seeded = await fromFeed.CrawlAsync([site.Origin + "/rss"]);
        Assert.Equal(["/press/2025-06-30-chile.html", "/press/2019-01-05-egypt.html"], seeded.Documents().Select(d => d.Document.Source[site.Origin.Length..]));

        // Two deep: the feed is one link away, its pages two (their own links home would be three).
        using var fromPage = new CrawlerUnderTest(new Dictionary<string, string?>(Quick) { ["Crawl:MaxDepth"] = "2" });
        var linked = await fromPage.CrawlAsync([site.Origin + "/news.html"]);
        Assert.Equal(
            ["/press/2025-06-30-chile.html", "/press/2019-01-05-egypt.html"],
            linked.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
        Assert.DoesNotContain(linked.Skips(), s => s.Input.EndsWith("/rss", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_as_many_sitemap_files_as_allowed_are_read()
    {
        await using var site = await SiteWithSitemapsAsync();
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?>(Quick) { ["Crawl:MaxSitemapFiles"] = "2" });
        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        Assert.Equal(0, site.Hits("/sitemaps/archive.xml.gz"));
        Assert.Equal(
            "1 of the sitemaps it names not read: 1 beyond Crawl:MaxSitemapFiles (2)",
            items.Skips().Single(s => s.Input.EndsWith("/sitemap-index.xml", StringComparison.Ordinal)).Reason);
        Assert.DoesNotContain(items.Documents(), d => d.Document.Source.EndsWith("egypt.html", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sitemap_that_moved_is_followed_to_its_new_address()
    {
        await using var site = await SiteWithSitemapsAsync();
        site.RobotsExtraLines.Clear();
        site.RobotsExtraLines.Add("Sitemap: {origin}/sitemap.xml");
        site.SetRedirect("/sitemap.xml", 301, "/sitemaps/press.xml");
        using var crawler = new CrawlerUnderTest(Quick);
        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        Assert.Equal(1, site.Hits("/sitemaps/press.xml"));
        Assert.Equal(
            ["/press/2025-06-30-chile.html", "/press/2025-03-10-indonesia.html", "/press/undated.html"],
            items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
        Assert.Empty(items.Rejections());
    }

    [Fact]
    public async Task A_sitemap_over_the_size_limit_is_reported_and_a_hostile_index_is_reported_once()
    {
        await using var site = await SiteWithSitemapsAsync();
        site.RobotsExtraLines.Clear();
        site.RobotsExtraLines.AddRange(["Sitemap: {origin}/sitemaps/big.xml", "Sitemap: {origin}/sitemaps/hostile.xml"]);
        var big = new StringBuilder("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        while (big.Length < 80 * 1024)
        {
            big.Append("<url><loc>").Append(site.Origin).Append("/press/2019-01-05-egypt.html</loc></url>");
        }

        site.SetFile("/sitemaps/big.xml", "application/xml", Encoding.UTF8.GetBytes(big.Append("</urlset>").ToString()));
        var hostile = new StringBuilder("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
        for (var i = 0; i < 1000; i++)
        {
            hostile.Append("<sitemap><loc>").Append(site.OtherOrigin).Append("/s").Append(i).Append(".xml</loc></sitemap>");
        }

        hostile.Append("<sitemap><loc>").Append(site.Origin).Append("/private/s.xml</loc></sitemap>");
        site.SetFile("/sitemaps/hostile.xml", "application/xml", Encoding.UTF8.GetBytes(hostile.Append("</sitemapindex>").ToString()));
        using var crawler = new CrawlerUnderTest(Quick);
        var items = await crawler.CrawlAsync([site.Origin + "/start.html"]);

        Assert.Equal(
            "sitemap unreadable: larger than the 64 KB limit (Crawl:Fetch:MaxPageBytes)",
            items.Rejections().Single(r => r.Input.EndsWith("/sitemaps/big.xml", StringComparison.Ordinal)).Reason);
        Assert.Equal(
            "1001 of the sitemaps it names not read: 1000 off the allowed sites, 1 disallowed by robots.txt",
            items.Skips().Single(s => s.Input.EndsWith("/sitemaps/hostile.xml", StringComparison.Ordinal)).Reason);
        Assert.Empty(site.OffSiteRequests);
        Assert.Equal(0, site.Hits("/private/s.xml"));
        Assert.Equal(["/press/2025-03-10-indonesia.html"], items.Documents().Select(d => d.Document.Source[site.Origin.Length..]));
    }
}
