using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// Crawls sites into documents. Each <see cref="Crawl"/> is one breadth-first crawl, read as an
/// <see cref="IDocumentSource"/> like files are: pages become documents (the page's URL is their source), and pages
/// that could not be had are rejections or skips with the URL and the reason, never exceptions.
/// </summary>
public sealed class SiteCrawler(
    IPageFetcher fetcher,
    HostPoliteness politeness,
    IOptions<CrawlOptions> options,
    IngestionLimits limits,
    TimeProvider time,
    ILogger<SiteCrawler> logger)
{
    private readonly HtmlArticleExtractor extractor = new(limits);

    /// <summary>A crawl from the plan's seeds under the configured limits; nothing is fetched until it is read.</summary>
    public IDocumentSource Crawl(CrawlPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SiteCrawl(plan, options.Value, fetcher, politeness, extractor, time, logger);
    }
}
