using AngleSharp.Dom;

namespace PartnershipMiner.Ingestion;

/// <summary>Which elements are page furniture rather than article, judged by tag, class, id and ARIA role.</summary>
internal static class Boilerplate
{
    /// <summary>Never text a reader reads as the article: scripts, chrome, widgets, media.</summary>
    private static readonly HashSet<string> FurnitureTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe", "svg", "math", "button",
        "select", "textarea", "object", "embed", "canvas", "video", "audio", "dialog", "head",
    };

    private static readonly string[] Keywords =
    [
        "menu", "nav", "breadcrumb", "share", "social", "footer", "cookie", "related", "comment", "sidebar", "advert",
        "subscribe", "newsletter", "print", "tags",
    ];

    // A keyword matches a class token exactly, in the plural, or with one of these suffixes ("navbar", "sharebox"),
    // but not as the start of an unrelated word ("commentary", "navigator-free", "printing-press" stay).
    private static readonly string[] KeywordSuffixes =
    [
        "", "s", "bar", "box", "list", "links", "block", "area", "wrap", "wrapper", "container", "section", "panel", "tools",
        "widget", "banner", "consent", "notice", "popup", "items", "item", "buttons", "button", "icons", "module",
    ];

    private static readonly HashSet<string> FurnitureRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog",
    };

    // Containers that hold the article itself on many sites; a class like "post tags-x" must not remove them.
    private static readonly HashSet<string> ProtectedTags = new(StringComparer.Ordinal) { "html", "body", "main", "article" };

    /// <summary>
    /// True for page furniture. A <c>header</c> counts only outside <c>article</c>/<c>main</c> when
    /// <paramref name="keepArticleHeaders"/> is set: an article's own header holds its title and date.
    /// </summary>
    public static bool IsFurniture(IElement element, bool keepArticleHeaders)
    {
        var tag = element.LocalName;
        if (FurnitureTags.Contains(tag))
        {
            return true;
        }

        if (tag == "header")
        {
            return !keepArticleHeaders || !InsideArticle(element);
        }

        if (element.HasAttribute("hidden") || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (ProtectedTags.Contains(tag) || string.Equals(element.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (element.GetAttribute("role") is { } role && FurnitureRoles.Contains(role.Trim()))
        {
            return true;
        }

        return HasFurnitureToken(element.GetAttribute("class")) || HasFurnitureToken(element.GetAttribute("id"));
    }

    /// <summary>Removes furniture below <paramref name="root"/>; removing an element removes all it contains.</summary>
    public static void Remove(INode root, bool keepArticleHeaders)
    {
        // Collect first: removing while walking would skip siblings.
        var doomed = DomWalk.Descendants(root).Where(e => IsFurniture(e, keepArticleHeaders)).ToList();
        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    internal static bool HasFurnitureToken(string? attribute)
    {
        if (string.IsNullOrEmpty(attribute))
        {
            return false;
        }

        foreach (var token in Tokens(attribute))
        {
            foreach (var keyword in Keywords)
            {
                if (token.StartsWith(keyword, StringComparison.Ordinal) && IsKeywordForm(token.AsSpan(keyword.Length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsKeywordForm(ReadOnlySpan<char> rest)
    {
        foreach (var suffix in KeywordSuffixes)
        {
            if (rest.SequenceEqual(suffix))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits "site-nav mainMenu share_bar" into lower-case words: site, nav, main, menu, share, bar.</summary>
    private static IEnumerable<string> Tokens(string attribute)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i <= attribute.Length; i++)
        {
            var c = i < attribute.Length ? attribute[i] : ' ';
            var boundary = !char.IsLetterOrDigit(c) || (char.IsUpper(c) && i > 0 && char.IsLower(attribute[i - 1]));
            if (boundary && word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }
    }

    private static bool InsideArticle(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (parent.LocalName is "article" or "main"
                || string.Equals(parent.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
