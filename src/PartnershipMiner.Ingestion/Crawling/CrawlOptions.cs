using System.Globalization;
using Microsoft.Extensions.Options;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// Crawling, bound from the "Crawl" section (<c>PMINER__Crawl__MaxPages</c>, <c>PMINER__Crawl__Seeds__0</c>, ...) and
/// validated at start. <see cref="Seeds"/>, <see cref="AllowedPrefixes"/> and <see cref="Interval"/> are the worker's
/// schedule; the crawl verb names its seeds and prefixes itself and shares the limits.
/// </summary>
public sealed record CrawlOptions
{
    public const string Section = "Crawl";

    /// <summary>Pages the scheduled crawl starts from; none means no scheduled crawl.</summary>
    public string[] Seeds { get; init; } = [];

    /// <summary>URL prefixes that may be crawled besides the seeds' hosts.</summary>
    public string[] AllowedPrefixes { get; init; } = [];

    /// <summary>From the start of one scheduled crawl to the start of the next.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Pages requested per crawl (redirect hops and robots.txt not counted).</summary>
    public int MaxPages { get; init; } = 1000;

    /// <summary>Links followed from a seed: 0 fetches the seeds only.</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>Least pause between two requests to one host; a larger robots.txt Crawl-delay wins.</summary>
    public int DelayMilliseconds { get; init; } = 1000;

    /// <summary>
    /// The longest robots.txt Crawl-delay honoured; a site asking for more is crawled at this pace. Requests run one at a
    /// time, so an uncapped "Crawl-delay: 86400" would hold every other site of the crawl for a day per page.
    /// </summary>
    public int MaxCrawlDelaySeconds { get; init; } = 60;

    /// <summary>
    /// Read the sitemaps a site's robots.txt names (and a seed that is a sitemap) to find pages no link leads to within
    /// <see cref="MaxDepth"/>: they are queued one level below the seeds, the most recently modified first.
    /// </summary>
    public bool UseSitemaps { get; init; } = true;

    /// <summary>Sitemap files (indexes and the sitemaps they list) read per crawl.</summary>
    public int MaxSitemapFiles { get; init; } = 50;

    /// <summary>Redirects followed from one link.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>How each request is made: user agent, page size cap, timeouts and retries.</summary>
    public PageFetchOptions Fetch { get; init; } = new();

    public TimeSpan Delay => TimeSpan.FromMilliseconds(DelayMilliseconds);

    public TimeSpan MaxCrawlDelay => TimeSpan.FromSeconds(MaxCrawlDelaySeconds);

    public bool HasSchedule => Seeds.Length > 0;

    /// <summary>The worker's plan: its seeds and prefixes (valid once <see cref="Validate"/> passed).</summary>
    public CrawlPlan SchedulePlan() =>
        CrawlPlan.TryCreate(Seeds, AllowedPrefixes, out var plan, out var failures)
            ? plan
            : throw new InvalidOperationException(string.Join("; ", failures));

    /// <summary>Every broken rule as "Crawl:Key = 'value': why"; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        CheckUrls(failures, nameof(Seeds), Seeds);
        CheckUrls(failures, nameof(AllowedPrefixes), AllowedPrefixes);
        if (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromDays(30))
        {
            failures.Add($"{Section}:{nameof(Interval)} = '{Interval.ToString("c", CultureInfo.InvariantCulture)}': must be between 00:00:01 and 30.00:00:00");
        }

        PageFetchOptions.Check(failures, Section, nameof(MaxPages), MaxPages, 1, 1_000_000, "between 1 and 1000000");
        PageFetchOptions.Check(failures, Section, nameof(MaxDepth), MaxDepth, 0, 100, "between 0 and 100");
        PageFetchOptions.Check(failures, Section, nameof(DelayMilliseconds), DelayMilliseconds, 0, 3_600_000, "between 0 and 3600000");
        PageFetchOptions.Check(failures, Section, nameof(MaxCrawlDelaySeconds), MaxCrawlDelaySeconds, 0, 86_400, "between 0 and 86400");
        PageFetchOptions.Check(failures, Section, nameof(MaxRedirects), MaxRedirects, 0, 20, "between 0 and 20");
        PageFetchOptions.Check(failures, Section, nameof(MaxSitemapFiles), MaxSitemapFiles, 0, 10_000, "between 0 and 10000");
        failures.AddRange(Fetch.Validate($"{Section}:{nameof(Fetch)}"));
        return failures;
    }

    private static void CheckUrls(List<string> failures, string key, string[] urls)
    {
        for (var i = 0; i < urls.Length; i++)
        {
            if (!PageUrl.TryParse(urls[i], out _))
            {
                failures.Add($"{Section}:{key}:{i} = '{urls[i]}': not an absolute http or https URL");
            }
        }
    }
}

/// <summary>Start-up validation of <see cref="CrawlOptions"/> through the options system.</summary>
internal sealed class CrawlOptionsValidation : IValidateOptions<CrawlOptions>
{
    public ValidateOptionsResult Validate(string? name, CrawlOptions options) =>
        options.Validate() is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
}
