using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

public sealed class PageUrlTests
{
    [Theory]
    [InlineData("HTTP://Ministry.Example/Press/1.html", "http://ministry.example/Press/1.html")]
    [InlineData("http://ministry.example:80/a", "http://ministry.example/a")]
    [InlineData("https://ministry.example:443/a", "https://ministry.example/a")]
    [InlineData("http://ministry.example:8080/a", "http://ministry.example:8080/a")]
    [InlineData("http://ministry.example", "http://ministry.example/")]
    [InlineData("http://ministry.example/a#top", "http://ministry.example/a")]
    [InlineData("http://ministry.example/a/../b/./c.html", "http://ministry.example/b/c.html")]
    [InlineData("http://ministry.example/a?utm_source=x&id=3&UTM_medium=y", "http://ministry.example/a?id=3")]
    [InlineData("http://ministry.example/a?utm_source=x", "http://ministry.example/a")]
    [InlineData("http://ministry.example/a?", "http://ministry.example/a")]
    [InlineData("http://ministry.example/a?b=2&a=1", "http://ministry.example/a?b=2&a=1")]
    public void One_page_has_one_spelling(string written, string normalised)
    {
        Assert.True(PageUrl.TryParse(written, out var url));
        Assert.Equal(normalised, url.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://ministry.example/a")]
    [InlineData("mailto:press@ministry.example")]
    [InlineData("javascript:void(0)")]
    [InlineData("http://user:secret@ministry.example/")]
    [InlineData("/relative/only")]
    [InlineData("not a url")]
    public void Only_absolute_web_addresses_without_credentials_are_urls(string written) => Assert.False(PageUrl.TryParse(written, out _));

    [Fact]
    public void Links_resolve_against_the_base_and_lose_stray_white_space()
    {
        var page = new Uri("http://ministry.example/news/archive.html");
        Assert.Equal("http://ministry.example/news/older.html", PageUrl.Resolve(page, " older.html ")!.AbsoluteUri);
        Assert.Equal("http://ministry.example/press/1.html", PageUrl.Resolve(page, "../press/\n1.html#x")!.AbsoluteUri);
        Assert.Equal("https://other.example/", PageUrl.Resolve(page, "//other.example")!.AbsoluteUri.Replace("http:", "https:", StringComparison.Ordinal));
        Assert.Null(PageUrl.Resolve(page, "mailto:a@b.example"));
        // A host IDNA refuses (a lone surrogate) is no address, and no reason to fail.
        Assert.Null(PageUrl.Resolve(page, "http://\uD800.example/"));
        Assert.False(PageUrl.TryParse("http://\uD800.example/", out _));

        // An address past the length cap is none: a page of links resolved against a long base would fill memory.
        Assert.Null(PageUrl.Resolve(page, new string('a', PageUrl.MaxLength)));
        Assert.NotNull(PageUrl.Resolve(page, new string('a', 1000)));

        // The cap is on the address kept: tracking parameters that normalising drops do not count.
        var tracked = PageUrl.Resolve(page, "/x?id=1&" + string.Join('&', Enumerable.Range(0, 800).Select(n => $"utm_{n}=abcdef")));
        Assert.Equal("http://ministry.example/x?id=1", tracked?.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://m.example/files/report.PDF", ".pdf")]
    [InlineData("http://m.example/photo.jpeg?size=2", ".jpeg")]
    [InlineData("http://m.example/press/1.html", null)]
    [InlineData("http://m.example/reports/latest", null)]
    [InlineData("http://m.example/v1.2/", null)]
    public void Obvious_non_pages_are_known_by_extension(string url, string? extension) =>
        Assert.Equal(extension, PageUrl.NonPageExtension(new Uri(url)));
}
