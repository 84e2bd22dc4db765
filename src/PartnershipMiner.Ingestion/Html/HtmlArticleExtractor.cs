using System.Diagnostics.CodeAnalysis;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PartnershipMiner.Ingestion;

/// <summary>What an HTML page says: its article text, headline and publication date (each may be missing).</summary>
public sealed record HtmlArticle(string Text, string? Title, DateOnly? Date);

/// <summary>
/// Pulls the article out of a news or press-release page.
/// <para>
/// Metadata first, from the untouched page: the title is <c>og:title</c>, else the first <c>&lt;h1&gt;</c> outside
/// page furniture, else <c>&lt;title&gt;</c>, with a " | Site name" tail removed. The date is the first of the meta
/// tags <c>article:published_time</c>, <c>og:published_time</c>, <c>pubdate</c>, <c>date</c>, <c>dc.date</c> (and a
/// few kin), then a <c>&lt;time datetime&gt;</c> outside furniture, then a visible dateline in the first text blocks
/// ("BEIJING, May 8, 2019 (Xinhua) --", "Date: 2019-05-08").
/// </para>
/// <para>
/// Then the page furniture goes: script, style, noscript, nav, header, footer, aside, form, iframe and widgets, hidden
/// elements, ARIA landmarks other than main, and elements whose class or id has a word such as menu, nav, breadcrumb,
/// share, social, footer, cookie, related, comment, sidebar, advert, subscribe, newsletter, print or tags. Of what is
/// left, <see cref="ContentRoot"/> picks the element with the most paragraph text, discounting link-heavy paragraphs,
/// and <see cref="ArticleTextWriter"/> writes it as paragraphs separated by blank lines, headings on their own lines,
/// "- item" lines and "| a | b |" rows.
/// </para>
/// <para>
/// Deep nesting: AngleSharp parses it in quadratic time and some of its members recurse, so the source is scanned
/// for nesting depth before parsing (<see cref="HtmlNestingScan"/>) and refused past
/// <see cref="IngestionLimits.MaxHtmlDepth"/>; everything here walks the tree with explicit stacks.
/// </para>
/// </summary>
public sealed class HtmlArticleExtractor
{
    private static readonly string[] DateMetaNames =
    [
        "article:published_time", "og:published_time", "pubdate", "date", "dc.date", "dc.date.issued", "dcterms.issued",
        "dcterms.date", "publication_date", "publish-date", "datepublished",
    ];

    // How far into the page a visible dateline may stand.
    private const int DatelineBlocks = 20;

    private readonly int _maxDepth;

    public HtmlArticleExtractor(IngestionLimits? limits = null) => _maxDepth = (limits ?? IngestionLimits.Default).MaxHtmlDepth;

    public bool TryExtract(string html, [NotNullWhen(true)] out HtmlArticle? article, [NotNullWhen(false)] out string? failure)
    {
        article = null;
        switch (HtmlNestingScan.Scan(html, _maxDepth))
        {
            case HtmlScanVerdict.TooDeep:
                failure = $"HTML nests deeper than {_maxDepth} elements";
                return false;
            case HtmlScanVerdict.TooManyReopened:
                failure = $"HTML leaves so many formatting tags unclosed that parsing it would copy them more than {HtmlNestingScan.MaxReopenedElements:N0} times";
                return false;
        }

        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        if (DomWalk.Depth(document, _maxDepth) > _maxDepth)
        {
            failure = $"HTML nests deeper than {_maxDepth} elements";
            return false;
        }

        if (document.Body is not { } body)
        {
            failure = "HTML has no body";
            return false;
        }

        var metas = DomWalk.Descendants(document).Where(e => e.LocalName == "meta").ToList();
        var siteName = MetaContent(metas, "og:site_name");
        var metaTitle = TitleText.Clean(MetaContent(metas, "og:title"), siteName);
        var pageTitle = TitleText.Clean(document.Title, siteName);
        var date = DateMetaNames.Select(name => DateText.ParseMachine(MetaContent(metas, name))).FirstOrDefault(d => d is not null)
            ?? DateText.ParseMachine(ItempropDate(body));

        // Site chrome goes first; an article's own <header> stays for now because its h1, <time> and dateline are the
        // best evidence of title and date.
        Boilerplate.Remove(body, keepArticleHeaders: true);
        var headline = DomWalk.Descendants(body).Where(e => e.LocalName == "h1").Select(DomWalk.CollapsedText).FirstOrDefault(t => t.Length > 0);
        date ??= DomWalk.Descendants(body).Where(e => e.LocalName == "time")
            .Select(e => DateText.ParseMachine(e.GetAttribute("datetime")))
            .FirstOrDefault(d => d is not null);
        date ??= ArticleTextWriter.Render(body, dropLinkBlocks: true).Take(DatelineBlocks)
            .Select(b => DateText.FindDateline(b.Text))
            .FirstOrDefault(d => d is not null);

        Boilerplate.Remove(body, keepArticleHeaders: false);
        var root = ContentRoot.Select(body);
        var text = ArticleTextWriter.Join(ArticleTextWriter.Render(root, dropLinkBlocks: true));

        var title = metaTitle ?? headline ?? pageTitle;
        article = new HtmlArticle(TextDecoder.WithoutNul(text), title is null ? null : TextDecoder.WithoutNul(title), date);
        failure = null;
        return true;
    }

    private static string? MetaContent(List<IElement> metas, string key)
    {
        foreach (var meta in metas)
        {
            var name = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (name is not null && string.Equals(name.Trim(), key, StringComparison.OrdinalIgnoreCase)
                && meta.GetAttribute("content") is { Length: > 0 } content)
            {
                return content;
            }
        }

        return null;
    }

    /// <summary>schema.org microdata on a visible element: <c>&lt;span itemprop="datePublished" content="…"&gt;</c>.</summary>
    private static string? ItempropDate(IElement body) =>
        DomWalk.Descendants(body)
            .Where(e => string.Equals(e.GetAttribute("itemprop"), "datePublished", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.GetAttribute("content") ?? e.GetAttribute("datetime"))
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
