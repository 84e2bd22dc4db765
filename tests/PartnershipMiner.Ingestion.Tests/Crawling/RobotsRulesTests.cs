using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

public sealed class RobotsRulesTests
{
    private const string Agent = "PartnershipMiner";

    private static bool Allows(string robots, string pathAndQuery) =>
        RobotsRules.Parse(robots, Agent).Allows(new Uri("http://ministry.example" + pathAndQuery));

    [Theory]
    [InlineData("/", true)]
    [InlineData("/private/", false)]
    [InlineData("/private/memo.html", false)]
    [InlineData("/private/press-kit.html", true)]
    [InlineData("/private/press-kit.html?lang=fr", true)]
    [InlineData("/privately.html", true)]
    public void Our_group_applies_and_the_longest_matching_rule_wins(string path, bool allowed)
    {
        const string Robots = """
            User-agent: *
            Disallow: /

            # ours
            User-agent: googlebot
            User-agent: partnershipminer
            Disallow: /private/
            Allow: /private/press-kit.html
            """;
        Assert.Equal(allowed, Allows(Robots, path));
    }

    [Fact]
    public void Without_our_group_the_star_group_applies_and_without_either_everything_is_allowed()
    {
        Assert.False(Allows("User-agent: *\nDisallow: /press/", "/press/1.html"));
        Assert.True(Allows("User-agent: OtherBot\nDisallow: /", "/press/1.html"));
        Assert.True(Allows("", "/press/1.html"));
        Assert.True(Allows("User-agent: *\nDisallow:", "/press/1.html"));
        Assert.True(Allows("Disallow: /\nUser-agent: *\nAllow: /", "/press/1.html"));
    }

    [Fact]
    public void A_tie_goes_to_Allow_and_wildcards_and_end_anchors_match_as_specified()
    {
        Assert.True(Allows("User-agent: *\nDisallow: /page\nAllow: /page", "/page"));
        Assert.False(Allows("User-agent: *\nDisallow: /*.pdf$", "/files/report.pdf"));
        Assert.True(Allows("User-agent: *\nDisallow: /*.pdf$", "/files/report.pdf?download=1"));
        Assert.False(Allows("User-agent: *\nDisallow: /*?print=", "/press/1.html?print=1"));
        Assert.True(Allows("User-agent: *\nDisallow: /*?print=", "/press/1.html"));
        Assert.False(Allows("User-agent: *\nDisallow: /a*b*c", "/a-x-b-y-c/z"));
        Assert.True(Allows("User-agent: *\nDisallow: /a*b*c", "/a-x-c-y-b"));
        Assert.True(Allows("User-agent: *\nDisallow: /\nAllow: /$", "/"));
        Assert.False(Allows("User-agent: *\nDisallow: /\nAllow: /$", "/press/"));
        Assert.True(Allows("User-agent: *\nDisallow: /", "/robots.txt"));
    }

    [Fact]
    public void Crawl_delay_is_read_from_the_group_that_applies()
    {
        const string Robots = "User-agent: *\nCrawl-delay: 10\n\nUser-agent: PartnershipMiner/2.0\nCrawl-delay: 0.5\nDisallow: /x";
        Assert.Equal(TimeSpan.FromSeconds(0.5), RobotsRules.Parse(Robots, Agent).CrawlDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), RobotsRules.Parse(Robots, "OtherBot").CrawlDelay);
        Assert.Null(RobotsRules.Parse("User-agent: *\nCrawl-delay: soon", Agent).CrawlDelay);
        Assert.Null(RobotsRules.AllowAll.CrawlDelay);
    }

    [Theory]
    [InlineData("/пресс", "/пресс/1", false)]
    [InlineData("/café", "/café", false)]
    [InlineData("/caf%c3%a9", "/café", false)]
    [InlineData("/%7Euser", "/~user", false)]
    [InlineData("/%62az", "/baz", false)]
    [InlineData("/a b", "/a%20b", false)]
    [InlineData("/a|b", "/a|b", false)]
    [InlineData("/a%2Fb", "/a/b", true)]
    [InlineData("/caf%C3%A9", "/cafe", true)]
    public void Patterns_and_paths_are_compared_percent_encoded_the_same_way(string pattern, string path, bool allowed) =>
        Assert.Equal(allowed, Allows($"User-agent: *\nDisallow: {pattern}", path));

    [Theory]
    [InlineData("/a*b*c", "/a-x-b-y-c-z", true)]
    [InlineData("/a*b*c$", "/axbyc", true)]
    [InlineData("/a*b*c$", "/axbycd", false)]
    [InlineData("/a*c*b", "/axbyc", false)]
    [InlineData("/*.php$", "/index.php", true)]
    [InlineData("/*.php$", "/index.php?id=1", false)]
    [InlineData("/a*a*a$", "/aa", false)]
    [InlineData("/a*a*a$", "/aaa", true)]
    [InlineData("*", "/anything", true)]
    [InlineData("/$", "/", true)]
    [InlineData("/$", "/x", false)]
    public void Wildcards_match_any_run_and_a_final_dollar_anchors_the_end(string pattern, string path, bool matches) =>
        Assert.Equal(matches, RobotsRules.Matches(pattern, path));

    [Fact]
    public void A_pattern_longer_than_any_address_kept_is_not_read()
    {
        var robots = $"User-agent: *\nDisallow: /private/\nDisallow: /{new string('*', PageUrl.MaxLength)}";

        Assert.True(Allows(robots, "/press/1.html"));
        Assert.False(Allows(robots, "/private/1.html"));
    }

    [Fact]
    public void Sitemap_lines_belong_to_no_group_are_kept_in_order_once_each_and_resolved_against_the_file()
    {
        const string Robots = """
            Sitemap: https://ministry.example/sitemap-index.xml
            User-agent: *
            Disallow: /private/
            sitemap: /sitemaps/press.xml
            User-agent: OtherBot
            Disallow: /
            Sitemap: https://ministry.example/sitemap-index.xml
            Sitemap:
            Sitemap: mailto:webmaster@ministry.example
            """;
        // A host IDNA refuses (a lone surrogate) is no address, and no reason to fail.
        var rules = RobotsRules.Parse(Robots + "\nSitemap: http://\uD800.example/sitemap.xml", Agent, new Uri("https://ministry.example/robots.txt"));

        Assert.Equal(["https://ministry.example/sitemap-index.xml", "https://ministry.example/sitemaps/press.xml"], rules.Sitemaps.Select(u => u.AbsoluteUri));

        // The Sitemap line between the star group's rules and OtherBot's agent line neither ends nor starts a group.
        Assert.False(rules.Allows(new Uri("https://ministry.example/private/memo.html")));
        Assert.True(rules.Allows(new Uri("https://ministry.example/press/1.html")));
        Assert.Empty(RobotsRules.Parse("Sitemap: /relative.xml", Agent).Sitemaps);
    }
}
