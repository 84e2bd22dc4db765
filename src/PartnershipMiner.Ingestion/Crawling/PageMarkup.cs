using AngleSharp.Html.Parser;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// What a page says to a crawler: its links (every <c>&lt;a href&gt;</c> and <c>&lt;area href&gt;</c>, resolved against
/// the page's base URL, in document order), and what its robots meta tags ask (not to index it, not to follow its
/// links).
/// </summary>
internal sealed record PageMarkup(List<Uri> Links, RobotsDirectives Robots)
{
    /// <summary>Links kept from one page, in document order; a page of a million links keeps no more than a crawl could use.</summary>
    public const int MaxLinks = 10_000;

    /// <summary>
    /// Reads the page. Links are normalised web addresses (<see cref="PageUrl"/>); others (mailto:, javascript:,
    /// malformed) are left out. The meta tags that count are <c>name="robots"</c> and the one named for
    /// <paramref name="robotsAgent"/> (as robots.txt groups are); tags for other crawlers are ignored. The page must have passed the nesting check of
    /// <see cref="HtmlArticleExtractor"/>.
    /// </summary>
    public static PageMarkup Read(string html, Uri pageUrl, string robotsAgent)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        var elements = DomWalk.Descendants(document).ToList();

        // A <base href> changes what relative links resolve against (the first one counts, as in browsers).
        var baseUrl = pageUrl;
        if (elements.FirstOrDefault(e => e.LocalName == "base" && e.HasAttribute("href")) is { } baseElement
            && PageUrl.Resolve(pageUrl, baseElement.GetAttribute("href")!) is { } declared)
        {
            baseUrl = declared;
        }

        var links = new List<Uri>();
        var robots = default(RobotsDirectives);
        foreach (var element in elements)
        {
            if (element.LocalName is "a" or "area")
            {
                if (links.Count < MaxLinks && element.GetAttribute("href") is { } href && PageUrl.Resolve(baseUrl, href) is { } url)
                {
                    links.Add(url);
                }
            }
            else if (element.LocalName == "meta" && element.GetAttribute("name")?.Trim() is { } name
                && (name.Equals("robots", StringComparison.OrdinalIgnoreCase) || name.Equals(robotsAgent, StringComparison.OrdinalIgnoreCase)))
            {
                robots = robots.With(element.GetAttribute("content") ?? "");
            }
        }

        return new PageMarkup(links, robots);
    }
}
