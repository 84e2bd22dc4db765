using AngleSharp.Html.Parser;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>The links of a page: every <c>&lt;a href&gt;</c> and <c>&lt;area href&gt;</c>, resolved against the page's base URL, in document order.</summary>
internal static class PageLinks
{
    /// <summary>
    /// Normalised web addresses (<see cref="PageUrl"/>); others (mailto:, javascript:, malformed) are left out. The page
    /// must have passed the nesting check of <see cref="HtmlArticleExtractor"/>.
    /// </summary>
    public static List<Uri> Extract(string html, Uri pageUrl)
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
        foreach (var element in elements)
        {
            if (element.LocalName is "a" or "area" && element.GetAttribute("href") is { } href && PageUrl.Resolve(baseUrl, href) is { } url)
            {
                links.Add(url);
            }
        }

        return links;
    }
}
