using System.Diagnostics.CodeAnalysis;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// Where a crawl starts and where it may go: the seeds' hosts, and any URL under one of the allowed prefixes. URLs are
/// normalised (<see cref="PageUrl"/>).
/// </summary>
public sealed record CrawlPlan
{
    private readonly HashSet<string> hosts;

    private CrawlPlan(IReadOnlyList<Uri> seeds, IReadOnlyList<Uri> allowedPrefixes)
    {
        Seeds = seeds;
        AllowedPrefixes = allowedPrefixes;
        hosts = new HashSet<string>(seeds.Select(PageUrl.HostOf), StringComparer.Ordinal);
    }

    public IReadOnlyList<Uri> Seeds { get; }

    public IReadOnlyList<Uri> AllowedPrefixes { get; }

    /// <summary>A plan from URLs as written; <paramref name="failures"/> names every one that is not an absolute http(s) URL.</summary>
    public static bool TryCreate(
        IEnumerable<string> seeds,
        IEnumerable<string> allowedPrefixes,
        [NotNullWhen(true)] out CrawlPlan? plan,
        out IReadOnlyList<string> failures)
    {
        var bad = new List<string>();
        var seedUrls = Parse(seeds, bad);
        var prefixUrls = Parse(allowedPrefixes, bad);
        if (seedUrls.Count == 0 && bad.Count == 0)
        {
            bad.Add("no seed URL");
        }

        failures = bad;
        plan = bad.Count == 0 ? new CrawlPlan(seedUrls, prefixUrls) : null;
        return plan is not null;
    }

    /// <summary>On a seed's host, or under an allowed prefix.</summary>
    public bool Allows(Uri url) =>
        hosts.Contains(PageUrl.HostOf(url)) || AllowedPrefixes.Any(p => url.AbsoluteUri.StartsWith(p.AbsoluteUri, StringComparison.Ordinal));

    private static List<Uri> Parse(IEnumerable<string> texts, List<string> bad)
    {
        var urls = new List<Uri>();
        foreach (var text in texts)
        {
            if (PageUrl.TryParse(text, out var url))
            {
                urls.Add(url);
            }
            else
            {
                bad.Add($"'{text}' is not an absolute http or https URL");
            }
        }

        return urls;
    }
}
