using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// One breadth-first crawl. Each site's robots.txt is read first (once per crawl, so a scheduled crawl sees changes),
/// then the sitemaps it names, whose pages are queued one level below the seeds, newest first;
/// each page is fetched in its host's turn (<see cref="HostPoliteness"/>), redirects are followed here hop by hop within
/// the plan, and an HTML page's links are queued one level deeper. Items come out in crawl order: the page, then the
/// links it was found to have that are skipped.
/// </summary>
internal sealed partial class SiteCrawl(
    CrawlPlan plan,
    CrawlOptions options,
    IPageFetcher fetcher,
    HostPoliteness politeness,
    HtmlArticleExtractor extractor,
    TimeProvider time,
    ILogger logger) : IDocumentSource
{
    private const string TextPlain = "text/plain";

    private const string NoIndexReason = "the page asks robots not to index it (robots meta tag or X-Robots-Tag)";

    private readonly Dictionary<string, RobotsVerdict> robots = new(StringComparer.Ordinal);
    private readonly CrawlFrontier frontier = new();
    private readonly HashSet<string> sitemapSites = new(StringComparer.Ordinal);
    private int sitemapFiles;

    // Above 0 while an index's sitemaps are read.
    private int indexDepth;

    public async IAsyncEnumerable<SourceItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        foreach (var seed in plan.Seeds)
        {
            frontier.TryAdd(seed, 0);
        }

        var seeds = string.Join(' ', plan.Seeds);
        LogStarted(logger, seeds, options.MaxPages, options.MaxDepth, options.DelayMilliseconds);
        int pages = 0, documents = 0, rejected = 0, skipped = 0;
        while (frontier.TryTake(out var url, out var depth))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (pages >= options.MaxPages)
            {
                LogPageLimit(logger, options.MaxPages, frontier.Waiting + 1);
                break;
            }

            var verdict = await RobotsForAsync(url, cancellationToken);
            var items = new List<SourceItem>();
            if (verdict.Unavailable is { } unavailable)
            {
                items.Add(new SourceRejection(url.AbsoluteUri, unavailable));
            }
            else if (!verdict.Rules.Allows(url))
            {
                await ReadSiteSitemapsAsync(url, verdict, items, cancellationToken);
                items.Add(new SourceSkip(url.AbsoluteUri, "disallowed by robots.txt"));
            }
            else
            {
                await ReadSiteSitemapsAsync(url, verdict, items, cancellationToken);
                pages++;
                await VisitAsync(url, depth, verdict, expectSitemap: false, items, cancellationToken);
            }

            foreach (var item in items)
            {
                switch (item)
                {
                    case AcceptedDocument:
                        documents++;
                        break;
                    case SourceRejection:
                        rejected++;
                        break;
                    default:
                        skipped++;
                        break;
                }

                yield return item;
            }
        }

        var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogFinished(logger, pages, documents, rejected, skipped, elapsedMs);
    }

    /// <summary>
    /// Fetches a page, following its redirects, and reads what it ends at: a page, or a sitemap (expected, because
    /// robots.txt or an index named it, or recognised by its type, as when a seed is one).
    /// </summary>
    private async Task VisitAsync(Uri url, int depth, RobotsVerdict verdict, bool expectSitemap, List<SourceItem> items, CancellationToken cancellationToken)
    {
        var chain = new List<Uri> { url };
        var current = url;
        while (true)
        {
            var outcome = await FetchInTurnAsync(current, Pause(verdict), cancellationToken);
            if (outcome is FetchFailure failure)
            {
                items.Add(new SourceRejection(current.AbsoluteUri, failure.Reason + Via(chain)));
                return;
            }

            var response = (PageResponse)outcome;
            if (!response.IsRedirect)
            {
                if (response.IsSuccess && response.BodyState == PageBodyState.Read && (expectSitemap || IsSitemapLike(response)))
                {
                    await ReadSitemapAsync(current, depth, response, chain, expectSitemap, items, cancellationToken);
                }
                else if (response.IsSuccess && expectSitemap)
                {
                    items.Add(new SourceRejection(chain[0].AbsoluteUri, "sitemap unreadable: " + (response.BodyState == PageBodyState.TooLarge
                        ? $"larger than the {ByteSize.Format(options.Fetch.MaxPageBytes)} limit (Crawl:Fetch:MaxPageBytes){Via(chain)}"
                        : $"served as {response.MediaType ?? "no content type"}, which is not read{Via(chain)}")));
                }
                else
                {
                    items.AddRange(ReadPage(current, depth, response, chain));
                }

                return;
            }

            var (next, problem) = await RedirectTargetAsync(response, chain, expectSitemap, cancellationToken);
            if (problem is not null)
            {
                items.Add(problem);
                return;
            }

            chain.Add(next!);
            current = next!;
            verdict = await RobotsForAsync(current, cancellationToken);
        }
    }

    /// <summary>Where a redirect may lead, or why it is not followed (reported against the link that led to it).</summary>
    private async Task<(Uri? Target, SourceItem? Problem)> RedirectTargetAsync(PageResponse response, List<Uri> chain, bool expectSitemap, CancellationToken cancellationToken)
    {
        var link = chain[0].AbsoluteUri;
        if (response.Location is null)
        {
            return (null, new SourceRejection(link, $"{response.Describe()} without a Location header{Via(chain)}"));
        }

        if (PageUrl.Normalise(response.Location) is not { } target)
        {
            return (null, new SourceSkip(link, $"redirects to {response.Location}, not a web page address"));
        }

        if (chain.Any(u => u.AbsoluteUri == target.AbsoluteUri))
        {
            return (null, new SourceRejection(link, $"redirect loop: {string.Join(" -> ", chain.Select(u => u.AbsoluteUri))} -> {target.AbsoluteUri}"));
        }

        if (chain.Count > options.MaxRedirects)
        {
            return (null, new SourceRejection(link, $"more than {options.MaxRedirects} redirects: {string.Join(" -> ", chain.Select(u => u.AbsoluteUri))} -> {target.AbsoluteUri}"));
        }

        if (!plan.Allows(target))
        {
            return (null, new SourceSkip(link, $"redirects off the allowed sites, to {target.AbsoluteUri}"));
        }

        // A sitemap moved to "/sitemap_index.xml" or "sitemap.xml.gz" is still a sitemap.
        if (!expectSitemap && PageUrl.NonPageExtension(target) is { } extension)
        {
            return (null, new SourceSkip(link, $"redirects to {target.AbsoluteUri}, not a page ({extension})"));
        }

        var verdict = await RobotsForAsync(target, cancellationToken);
        if (verdict.Unavailable is { } unavailable)
        {
            return (null, new SourceRejection(link, $"redirects to {target.AbsoluteUri}: {unavailable}"));
        }

        if (!verdict.Rules.Allows(target))
        {
            return (null, new SourceSkip(link, $"redirects to {target.AbsoluteUri}, disallowed by robots.txt"));
        }

        // A target met before is, or will be, crawled under its own name.
        return frontier.MarkSeen(target)
            ? (target, null)
            : (null, new SourceSkip(link, $"redirects to {target.AbsoluteUri}, crawled already or queued"));
    }

    /// <summary>The document in a final answer, or why there is none; an HTML page's links join the frontier.</summary>
    private List<SourceItem> ReadPage(Uri url, int depth, PageResponse response, List<Uri> chain)
    {
        var source = url.AbsoluteUri;
        if (!response.IsSuccess)
        {
            return [new SourceRejection(source, response.Describe() + Via(chain))];
        }

        if (response.MediaType is not { } mediaType || !PageResponse.PageMediaTypes.Contains(mediaType))
        {
            return [new SourceSkip(source, $"not a page (content type {response.MediaType ?? "not given"})")];
        }

        if (response.BodyState == PageBodyState.TooLarge)
        {
            var size = response.ContentLength is { } length ? $" ({ByteSize.Format(length)})" : "";
            return [new SourceRejection(source, $"larger than the {ByteSize.Format(options.Fetch.MaxPageBytes)} limit{size}")];
        }

        var bytes = response.Body.Span;
        if (bytes.IsEmpty)
        {
            return [new SourceRejection(source, "empty page")];
        }

        var declared = response.Charset ?? (mediaType == TextPlain ? null : HtmlCharset.Sniff(bytes));
        if (!TextDecoder.TryDecode(bytes, declared, out var decoded, out var undecodable))
        {
            return [new SourceRejection(source, undecodable)];
        }

        var robotsTags = RobotsDirectives.FromHeaders(response.RobotsTags, options.Fetch.RobotsAgent);
        if (mediaType == TextPlain)
        {
            return robotsTags.NoIndex ? [new SourceSkip(source, NoIndexReason)] : [DocumentDecoder.FromText(source, decoded.Text, null, null)];
        }

        if (!extractor.TryExtract(decoded.Text, out var article, out var failure))
        {
            return [new SourceRejection(source, failure)];
        }

        var markup = PageMarkup.Read(decoded.Text, url, options.Fetch.RobotsAgent);
        var asked = robotsTags | markup.Robots;
        List<SourceItem> items = asked.NoIndex ? [new SourceSkip(source, NoIndexReason)]
            : string.IsNullOrWhiteSpace(article.Text) ? [new SourceSkip(source, "no article text (an index page)")]
            : [new AcceptedDocument(new SourceDocument(source, article.Text, article.Title, article.Date))];
        if (depth < options.MaxDepth && !asked.NoFollow)
        {
            Follow(markup.Links, depth + 1, items);
        }

        return items;
    }

    /// <summary>Queues the links to pages within the plan; reports, once each, those that are not followed.</summary>
    private void Follow(List<Uri> links, int depth, List<SourceItem> items)
    {
        foreach (var link in links)
        {
            if (frontier.HasSeen(link))
            {
                continue;
            }

            if (!plan.Allows(link))
            {
                frontier.MarkSeen(link);
                items.Add(new SourceSkip(link.AbsoluteUri, "off the allowed sites (not followed)"));
            }
            else if (PageUrl.NonPageExtension(link) is { } extension)
            {
                frontier.MarkSeen(link);
                items.Add(new SourceSkip(link.AbsoluteUri, $"not a page ({extension}; not fetched)"));
            }
            else if (frontier.Waiting < options.MaxPages)
            {
                // No more than a crawl can ever request waits: a calendar or faceted-search page links to thousands.
                frontier.TryAdd(link, depth);
            }
        }
    }

    /// <summary>The sitemaps a site's robots.txt names, read once per crawl when the crawl first reaches the site.</summary>
    private async Task ReadSiteSitemapsAsync(Uri url, RobotsVerdict verdict, List<SourceItem> items, CancellationToken cancellationToken)
    {
        var origin = PageUrl.OriginOf(url);
        if (!options.UseSitemaps || options.MaxDepth < 1 || verdict.Rules.Sitemaps.Count == 0 || !sitemapSites.Add(origin))
        {
            return;
        }

        await FetchSitemapsAsync(origin + "/robots.txt", verdict.Rules.Sitemaps, depth: 0, items, cancellationToken);
    }

    /// <summary>
    /// Fetches the sitemaps robots.txt or an index (<paramref name="namedBy"/>) names, in order, within the plan,
    /// robots.txt and the file budget. Those not read are counted and reported once, against the file that named them:
    /// a hostile index may name thousands.
    /// </summary>
    private async Task FetchSitemapsAsync(string namedBy, IReadOnlyList<Uri> sitemaps, int depth, List<SourceItem> items, CancellationToken cancellationToken)
    {
        int offSite = 0, disallowed = 0, unavailable = 0, overBudget = 0;
        for (var i = 0; i < sitemaps.Count; i++)
        {
            var url = sitemaps[i];
            if (sitemapFiles >= options.MaxSitemapFiles)
            {
                overBudget = sitemaps.Count - i;
                break;
            }

            if (!frontier.MarkSeen(url))
            {
                continue;
            }

            if (!plan.Allows(url))
            {
                offSite++;
                continue;
            }

            var verdict = await RobotsForAsync(url, cancellationToken);
            if (verdict.Unavailable is not null)
            {
                unavailable++;
            }
            else if (!verdict.Rules.Allows(url))
            {
                disallowed++;
            }
            else
            {
                sitemapFiles++;
                await VisitAsync(url, depth, verdict, expectSitemap: true, items, cancellationToken);
            }
        }

        if (offSite + disallowed + unavailable + overBudget > 0)
        {
            var reasons = new[]
            {
                (offSite, "off the allowed sites"), (disallowed, "disallowed by robots.txt"), (unavailable, "on sites whose robots.txt could not be had"),
                (overBudget, $"beyond Crawl:MaxSitemapFiles ({options.MaxSitemapFiles})"),
            };
            items.Add(new SourceSkip(namedBy, $"{offSite + disallowed + unavailable + overBudget} of the sitemaps it names not read: "
                + string.Join(", ", reasons.Where(r => r.Item1 > 0).Select(r => $"{r.Item1} {r.Item2}"))));
        }
    }

    /// <summary>
    /// Queues a sitemap's pages one level below <paramref name="depth"/>, most recently modified first, as far as the
    /// page budget goes; an index's sitemaps are read in turn. Reports the sitemap when it cannot be read
    /// (<paramref name="expected"/>: robots.txt or an index named it).
    /// </summary>
    private async Task ReadSitemapAsync(
        Uri url, int depth, PageResponse response, List<Uri> chain, bool expected, List<SourceItem> items, CancellationToken cancellationToken)
    {
        var source = chain[0].AbsoluteUri;
        if (!Sitemap.TryParse(response.Body.Span, options.Fetch.MaxPageBytes, out var sitemap, out var problem))
        {
            // What robots.txt or an index calls a sitemap and is not one is the site's error; an XML page met as a link
            // or a seed is only not a page.
            items.Add(problem.NotASitemap && !expected
                ? new SourceSkip(source, $"not a page or a sitemap (content type {response.MediaType ?? "not given"}: {problem.Reason})")
                : new SourceRejection(source, $"sitemap unreadable: {problem.Reason}{Via(chain)}"));
            return;
        }

        var ordered = sitemap.Entries.OrderByDescending(e => e.LastModified ?? DateTimeOffset.MinValue).ToList();
        if (sitemap.Kind == SitemapKind.Index)
        {
            if (indexDepth > 0)
            {
                // The protocol forbids an index in an index; following one could go on without end.
                items.Add(new SourceRejection(source, "a sitemap index listed in a sitemap index (not read)"));
                return;
            }

            LogSitemapIndex(logger, url, ordered.Count, sitemap.Dropped);
            indexDepth++;
            try
            {
                await FetchSitemapsAsync(source, [.. ordered.Select(e => e.Url)], depth, items, cancellationToken);
            }
            finally
            {
                indexDepth--;
            }

            return;
        }

        int queued = 0, offSite = 0, notPages = 0, known = 0, unqueued = 0;
        foreach (var entry in ordered)
        {
            if (!plan.Allows(entry.Url))
            {
                offSite++;
            }
            else if (PageUrl.NonPageExtension(entry.Url) is not null)
            {
                notPages++;
            }
            else if (frontier.HasSeen(entry.Url))
            {
                known++;
            }
            else if (depth >= options.MaxDepth || frontier.Waiting >= options.MaxPages)
            {
                unqueued++;
            }
            else
            {
                frontier.TryAdd(entry.Url, depth + 1);
                queued++;
            }
        }

        LogSitemap(logger, url, ordered.Count, queued, known, offSite, notPages, unqueued, sitemap.Dropped);
    }

    /// <summary>An answer that is a sitemap by its type or its bytes rather than a page: XML, or gzip.</summary>
    private static bool IsSitemapLike(PageResponse response) =>
        (response.MediaType is { } type && PageResponse.SitemapMediaTypes.Contains(type))
        || (response.Body.Length >= 2 && response.Body.Span[0] == 0x1F && response.Body.Span[1] == 0x8B);

    private async Task<FetchOutcome> FetchInTurnAsync(Uri url, TimeSpan pause, CancellationToken cancellationToken)
    {
        using var turn = await politeness.WaitTurnAsync(url, pause, cancellationToken);
        var started = time.GetTimestamp();
        FetchOutcome outcome;
        try
        {
            outcome = await fetcher.FetchAsync(url, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fetcher promises not to throw for a bad page; one answer it did not foresee must not end the crawl.
            outcome = new FetchFailure(url, 1, $"could not be fetched ({e.GetType().Name}: {e.Message})");
        }

        var status = outcome is PageResponse response ? response.Status : 0;
        var bytes = outcome is PageResponse read ? read.Body.Length : 0;
        var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogFetched(logger, url, status, bytes, outcome.Attempts, elapsedMs);
        return outcome;
    }

    private TimeSpan Pause(RobotsVerdict verdict) =>
        verdict.Rules.CrawlDelay is { } crawlDelay && crawlDelay > options.Delay
            ? (crawlDelay < options.MaxCrawlDelay ? crawlDelay : TimeSpan.FromTicks(Math.Max(options.MaxCrawlDelay.Ticks, options.Delay.Ticks)))
            : options.Delay;

    private async Task<RobotsVerdict> RobotsForAsync(Uri url, CancellationToken cancellationToken)
    {
        var origin = PageUrl.OriginOf(url);
        if (!robots.TryGetValue(origin, out var verdict))
        {
            verdict = await ReadRobotsAsync(new Uri(origin + "/robots.txt"), cancellationToken);
            robots[origin] = verdict;
            LogRobots(logger, origin, verdict.Summary, verdict.Rules.CrawlDelay is { } delay
                ? delay > options.MaxCrawlDelay ? $"{delay.TotalSeconds:0.###} s asked, {options.MaxCrawlDelay.TotalSeconds:0.###} s kept (Crawl:MaxCrawlDelaySeconds)" : $"{delay.TotalSeconds:0.###} s"
                : "none");
        }

        return verdict;
    }

    /// <summary>
    /// A missing robots.txt (any 4xx but 429) allows everything; one the server cannot give now (5xx, 429, no answer)
    /// means staying away from the site for this crawl. Redirects are followed as for pages, to any site.
    /// </summary>
    private async Task<RobotsVerdict> ReadRobotsAsync(Uri url, CancellationToken cancellationToken)
    {
        var target = url;
        for (var hop = 0; ; hop++)
        {
            var outcome = await FetchInTurnAsync(target, options.Delay, cancellationToken);
            if (outcome is FetchFailure failure)
            {
                return RobotsVerdict.StayAway($"robots.txt could not be fetched ({failure.Reason}); staying away from this site for now");
            }

            var response = (PageResponse)outcome;
            if (response.IsRedirect && hop < options.MaxRedirects && response.Location is { } location && PageUrl.Normalise(location) is { } next)
            {
                target = next;
                continue;
            }

            if (response.Status is 429 or >= 500)
            {
                return RobotsVerdict.StayAway($"robots.txt answered {response.Describe()}; staying away from this site for now");
            }

            if (!response.IsSuccess)
            {
                return new RobotsVerdict(RobotsRules.AllowAll, null, $"no robots.txt ({response.Describe()}): everything allowed");
            }

            if (response.BodyState == PageBodyState.TooLarge)
            {
                return RobotsVerdict.StayAway($"robots.txt is larger than the {ByteSize.Format(options.Fetch.MaxPageBytes)} limit; staying away from this site for now");
            }

            if (response.BodyState != PageBodyState.Read)
            {
                return RobotsVerdict.StayAway("robots.txt could not be read; staying away from this site for now");
            }

            if (!TextDecoder.TryDecode(response.Body.Span, response.Charset, out var decoded, out var undecodable))
            {
                // Read as "no rules", a robots.txt we cannot decode would let the crawl into what it forbids.
                return RobotsVerdict.StayAway($"robots.txt could not be read as text ({undecodable}); staying away from this site for now");
            }

            var text = decoded.Text;
            var rules = RobotsRules.Parse(text, options.Fetch.RobotsAgent, target);
            return new RobotsVerdict(rules, null, rules.Sitemaps.Count == 0 ? "read" : $"read, naming {rules.Sitemaps.Count} sitemap(s)");
        }
    }

    private static string Via(List<Uri> chain) => chain.Count > 1 ? $" (reached by redirect from {chain[0].AbsoluteUri})" : "";

    [LoggerMessage(Level = LogLevel.Information, Message = "Crawling from {Seeds}: at most {MaxPages} pages, {MaxDepth} links deep, {DelayMs} ms between requests to a host")]
    private static partial void LogStarted(ILogger logger, string seeds, int maxPages, int maxDepth, int delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "robots.txt of {Origin}: {Outcome}; crawl-delay {CrawlDelay}")]
    private static partial void LogRobots(ILogger logger, string origin, string outcome, string crawlDelay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetched {Url}: status {Status}, {Bytes} bytes, {Attempts} attempts, {ElapsedMs} ms")]
    private static partial void LogFetched(ILogger logger, Uri url, int status, int bytes, int attempts, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sitemap index {Url}: {Sitemaps} sitemaps listed, {Dropped} entries unreadable")]
    private static partial void LogSitemapIndex(ILogger logger, Uri url, int sitemaps, int dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sitemap {Url}: {Entries} pages listed; {Queued} queued, {Known} met already, {OffSite} off the allowed sites, {NotPages} not pages, {Unqueued} beyond the depth or page limit, {Dropped} entries unreadable")]
    private static partial void LogSitemap(ILogger logger, Uri url, int entries, int queued, int known, int offSite, int notPages, int unqueued, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Crawl stopped at the page limit ({MaxPages}); {Waiting} URLs were left unvisited")]
    private static partial void LogPageLimit(ILogger logger, int maxPages, int waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Crawled {Pages} pages in {ElapsedMs} ms: {Documents} documents, {Rejected} rejected, {Skipped} skipped")]
    private static partial void LogFinished(ILogger logger, int pages, int documents, int rejected, int skipped, long elapsedMs);

    /// <summary>What a site's robots.txt means for this crawl: rules to follow, or a reason to stay away.</summary>
    private sealed record RobotsVerdict(RobotsRules Rules, string? Unavailable, string Summary)
    {
        public static RobotsVerdict StayAway(string reason) => new(RobotsRules.AllowAll, reason, reason);
    }
}
