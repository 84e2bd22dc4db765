using System.IO.Compression;
using System.Text;
using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

public sealed class SitemapTests
{
    private const long Limit = 1024 * 1024;

    private static Sitemap Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static Sitemap Parse(byte[] bytes)
    {
        Assert.True(Sitemap.TryParse(bytes, Limit, out var sitemap, out var problem), problem?.Reason);
        return sitemap;
    }

    private static SitemapProblem Problem(string text, long limit = Limit) => Problem(Encoding.UTF8.GetBytes(text), limit);

    private static SitemapProblem Problem(byte[] bytes, long limit = Limit)
    {
        Assert.False(Sitemap.TryParse(bytes, limit, out _, out var problem));
        return problem;
    }

    internal static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private const string UrlSet = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
          <!-- press releases -->
          <url><loc>https://MFA.example/press/1.html</loc><lastmod>2025-05-20</lastmod><changefreq>never</changefreq></url>
          <url>
            <loc>
              https://mfa.example/press/2.html?utm_source=sitemap&amp;id=2
            </loc>
            <lastmod>2025-05-20T10:30:00+02:00</lastmod>
            <image:image><image:loc>https://mfa.example/img/2.jpg</image:loc></image:image>
          </url>
          <url><loc>https://mfa.example/press/3.html</loc><lastmod>2024</lastmod></url>
          <url><loc>https://mfa.example/press/4.html</loc><lastmod>2024-11</lastmod></url>
          <url><loc>https://mfa.example/press/5.html</loc><lastmod>last tuesday</lastmod></url>
          <url><loc>ftp://mfa.example/press/6.html</loc></url>
          <url><lastmod>2025-01-01</lastmod></url>
          <url/>
        </urlset>
        """;

    [Fact]
    public void A_urlset_gives_its_pages_normalised_with_their_dates_and_counts_what_it_drops()
    {
        var sitemap = Parse(UrlSet);

        Assert.Equal(SitemapKind.Pages, sitemap.Kind);
        Assert.Equal(
            ["https://mfa.example/press/1.html", "https://mfa.example/press/2.html?id=2", "https://mfa.example/press/3.html",
             "https://mfa.example/press/4.html", "https://mfa.example/press/5.html"],
            sitemap.Entries.Select(e => e.Url.AbsoluteUri));
        Assert.Equal(
            [new DateTimeOffset(2025, 5, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 5, 20, 10, 30, 0, TimeSpan.FromHours(2)),
             new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero), (DateTimeOffset?)null],
            sitemap.Entries.Select(e => e.LastModified));
        Assert.Equal(3, sitemap.Dropped);
    }

    [Fact]
    public void Gzip_is_recognised_by_its_bytes_and_held_to_the_limit_once_decompressed()
    {
        Assert.Equal(Parse(UrlSet).Entries, Parse(Gzip(UrlSet)).Entries);

        // 2 MB of spaces compress to a few KB: the limit is on what comes out.
        var bomb = Gzip("<urlset>" + new string(' ', 2 * 1024 * 1024) + "</urlset>");
        Assert.True(bomb.Length < 16 * 1024);
        var problem = Problem(bomb);
        Assert.Equal("larger than the 1 MB limit once decompressed", problem.Reason);
        Assert.False(problem.NotASitemap);

        Assert.StartsWith("corrupt gzip data", Problem([0x1F, 0x8B, 8, 0, 1, 2, 3, 4, 5, 6, 7]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_lists_sitemaps()
    {
        var index = Parse("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://mfa.example/sitemaps/press.xml</loc><lastmod>2025-06-01T00:00:00Z</lastmod></sitemap>
              <sitemap><loc>https://mfa.example/sitemaps/archive.xml.gz</loc></sitemap>
            </sitemapindex>
            """);

        Assert.Equal(SitemapKind.Index, index.Kind);
        Assert.Equal(["https://mfa.example/sitemaps/press.xml", "https://mfa.example/sitemaps/archive.xml.gz"], index.Entries.Select(e => e.Url.AbsoluteUri));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), index.Entries[0].LastModified);
    }

    [Fact]
    public void Rss_and_atom_feeds_give_their_items_pages_and_dates()
    {
        var rss = Parse("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
              <channel>
                <title>Press releases</title>
                <link>https://mfa.example/press/</link>
                <atom:link href="https://mfa.example/rss" rel="self" type="application/rss+xml"/>
                <item><title>One</title><link>https://mfa.example/press/1.html</link><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate></item>
                <item><atom:link href="https://mfa.example/elsewhere.html"/><link>https://mfa.example/press/2.html</link><pubDate>10 Jun 2025 09:30 +0700</pubDate></item>
                <item><title>No link</title><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate></item>
                <item><link>https://mfa.example/press/3.html</link><pubDate>yesterday</pubDate></item>
                <item><link>https://mfa.example/press/4.html</link><pubDate>Mon, 01 Jan 0001 00:00:00 +0100</pubDate></item>
                <item><link>https://mfa.example/press/5.html</link><pubDate>Fri, 31 Dec 9999 23:59:00 -0100</pubDate></item>
              </channel>
            </rss>
            """);
        Assert.Equal(SitemapKind.Pages, rss.Kind);
        Assert.Equal(
            ["https://mfa.example/press/1.html", "https://mfa.example/press/2.html", "https://mfa.example/press/3.html", "https://mfa.example/press/4.html", "https://mfa.example/press/5.html"],
            rss.Entries.Select(e => e.Url.AbsoluteUri));
        Assert.Equal(
            [new DateTimeOffset(2025, 6, 10, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 6, 10, 9, 30, 0, TimeSpan.FromHours(7)), null, null, (DateTimeOffset?)null],
            rss.Entries.Select(e => e.LastModified));
        Assert.Equal(1, rss.Dropped);

        var atom = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Statements</title>
              <link href="https://mfa.example/statements/" rel="alternate"/>
              <entry>
                <link rel="enclosure" href="https://mfa.example/files/1.pdf"/>
                <link href="https://mfa.example/statements/1.html"/>
                <published>2025-01-02T00:00:00Z</published>
                <updated>2025-03-04T05:06:07+01:00</updated>
              </entry>
              <entry><link rel="alternate" href="https://mfa.example/statements/2.html"/></entry>
            </feed>
            """);
        Assert.Equal(["https://mfa.example/statements/1.html", "https://mfa.example/statements/2.html"], atom.Entries.Select(e => e.Url.AbsoluteUri));
        Assert.Equal([new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(1)), (DateTimeOffset?)null], atom.Entries.Select(e => e.LastModified));
        Assert.True(Problem("<feed><entry><link href=\"https://mfa.example/1.html\"/></entry></feed>").NotASitemap);
    }

    [Fact]
    public void A_text_sitemap_is_one_url_per_line()
    {
        var sitemap = Parse("\uFEFFhttps://mfa.example/a.html\r\n\r\nhttps://mfa.example/b.html\nnot a url\n");

        Assert.Equal(["https://mfa.example/a.html", "https://mfa.example/b.html"], sitemap.Entries.Select(e => e.Url.AbsoluteUri));
        Assert.Equal(1, sitemap.Dropped);
    }

    [Fact]
    public void A_dtd_is_refused_so_no_entity_is_ever_expanded_or_fetched()
    {
        var laughs = Problem("""
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <urlset><url><loc>https://mfa.example/&b;</loc></url></urlset>
            """);
        var external = Problem("""
            <?xml version="1.0"?>
            <!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
            <urlset><url><loc>https://mfa.example/&secret;</loc></url></urlset>
            """);

        foreach (var problem in new[] { laughs, external })
        {
            Assert.StartsWith("not well-formed XML", problem.Reason, StringComparison.Ordinal);
            Assert.Contains("DTD", problem.Reason, StringComparison.Ordinal);
            Assert.False(problem.NotASitemap);
        }
    }

    [Fact]
    public void Other_documents_are_told_apart_from_broken_sitemaps()
    {
        var page = Problem("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><a href=\"https://mfa.example/1.html\">One</a></body></html>");
        Assert.True(page.NotASitemap);
        Assert.Equal("not a sitemap: the XML's root is <html>, not <urlset>, <sitemapindex>, <rss> or <feed>", page.Reason);
        Assert.True(Problem("Press releases of the ministry, 2025").NotASitemap);

        var cut = Problem("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://mfa.example/1.html</loc></url><url><loc>https://mfa");
        Assert.False(cut.NotASitemap);
        Assert.StartsWith("not well-formed XML", cut.Reason, StringComparison.Ordinal);
        Assert.Equal("empty sitemap", Problem(" \r\n ").Reason);
    }

    [Fact]
    public void More_entries_than_the_protocol_allows_are_refused()
    {
        var text = new StringBuilder("<urlset>");
        for (var i = 0; i <= Sitemap.MaxEntries; i++)
        {
            text.Append("<url><loc>https://m.example/").Append(i).Append("</loc></url>");
        }

        var problem = Problem(text.Append("</urlset>").ToString(), limit: long.MaxValue);
        Assert.Equal("more than 50,000 entries (the sitemap protocol's limit)", problem.Reason);
    }
}
