using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

/// <summary>Crawl settings bound from configuration and validated when first used, each failure naming its key.</summary>
public sealed class CrawlOptionsTests
{
    [Fact]
    public void Settings_bind_into_the_immutable_options_including_the_fetch_section()
    {
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?>
        {
            ["Crawl:Seeds:0"] = "https://mfa.example/press/",
            ["Crawl:Interval"] = "00:30:00",
        });
        var options = crawler.Options;

        Assert.Equal(["https://mfa.example/press/"], options.Seeds);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Interval);
        Assert.Equal((2, 50), (options.MaxDepth, options.DelayMilliseconds));
        Assert.Equal((2, 2.0, 64 * 1024L), (options.Fetch.MaxRetries, options.Fetch.AttemptTimeoutSeconds, options.Fetch.MaxPageBytes));
        Assert.Equal(PageFetchOptions.DefaultMaxRetries, PageFetchOptions.Default.MaxRetries);
        Assert.Equal("PartnershipMiner", options.Fetch.RobotsAgent);
    }

    [Theory]
    [InlineData("Crawl:MaxPages", "0", "Crawl:MaxPages = '0'")]
    [InlineData("Crawl:MaxDepth", "101", "Crawl:MaxDepth = '101'")]
    [InlineData("Crawl:MaxSitemapFiles", "-1", "Crawl:MaxSitemapFiles = '-1'")]
    [InlineData("Crawl:Seeds:0", "ftp://mfa.example/", "Crawl:Seeds:0 = 'ftp://mfa.example/'")]
    [InlineData("Crawl:AllowedPrefixes:0", "/partners/", "Crawl:AllowedPrefixes:0 = '/partners/'")]
    [InlineData("Crawl:Interval", "00:00:00.5", "Crawl:Interval = '00:00:00.5000000'")]
    [InlineData("Crawl:Fetch:AttemptTimeoutSeconds", "0.001", "Crawl:Fetch:AttemptTimeoutSeconds = '0.001'")]
    [InlineData("Crawl:Fetch:TotalTimeoutSeconds", "1", "Crawl:Fetch:TotalTimeoutSeconds = '1'")]
    [InlineData("Crawl:Fetch:UserAgent", "(bot)", "Crawl:Fetch:UserAgent = '(bot)'")]
    public void A_bad_setting_is_refused_naming_its_key(string key, string value, string expected)
    {
        using var crawler = new CrawlerUnderTest(new Dictionary<string, string?> { [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => crawler.Options);
        Assert.Contains(failure.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }
}
