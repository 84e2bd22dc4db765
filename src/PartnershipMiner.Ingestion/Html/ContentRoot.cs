using AngleSharp.Dom;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Finds the element that holds the article by text density. Each paragraph scores its length in non-space
/// characters; a paragraph that is more than half link text scores only its non-link share. A paragraph gives its score
/// to its parent in full and to its grandparent at half, and the element with the highest score is the candidate (so a
/// container of many paragraphs beats the page wrapper that merely contains it). The candidate then widens to its
/// ancestors while that adds little (at most 15 % more paragraph text and 50 % more text overall), which brings back a
/// lead paragraph or sub-headings kept in a sibling container without swallowing the rest of the page.
/// </summary>
internal static class ContentRoot
{
    private const double WidenParagraphShare = 1.15;
    private const double WidenTextShare = 1.5;

    // "Paragraph-like": a <p>, or a container whose children are all inline, as old pages write text with <br>.
    private static readonly HashSet<string> ContainerTags = new(StringComparer.Ordinal) { "div", "td", "section", "article", "main", "dd", "blockquote" };

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "table", "ul", "ol", "dl", "pre", "blockquote", "section", "article", "main", "header", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "tbody",
    };

    private sealed class Stats
    {
        public int Text;
        public int Links;
        public double Paragraphs;
        public double Direct;
        public bool HasBlockChild;
    }

    public static IElement Select(IElement body)
    {
        var stats = Measure(body);
        IElement? best = null;
        var bestScore = 0.0;
        foreach (var element in DomWalk.Descendants(body).Prepend(body))
        {
            var score = stats[element].Direct;
            if (score > bestScore)
            {
                best = element;
                bestScore = score;
            }
        }

        if (best is null)
        {
            return body;
        }

        var candidate = stats[best];
        var root = best;
        while (root.ParentElement is { } parent && parent != body && stats.TryGetValue(parent, out var up)
               && up.Paragraphs <= candidate.Paragraphs * WidenParagraphShare
               && up.Text <= candidate.Text * WidenTextShare)
        {
            root = parent;
        }

        return root;
    }

    /// <summary>One post-order pass (explicit stack) filling text, link text and paragraph scores for every element.</summary>
    private static Dictionary<IElement, Stats> Measure(IElement body)
    {
        var stats = new Dictionary<IElement, Stats>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(IElement Element, bool Exit)>();
        stack.Push((body, false));
        while (stack.Count > 0)
        {
            var (element, exit) = stack.Pop();
            if (!exit)
            {
                stats[element] = new Stats();
                stack.Push((element, true));
                foreach (var child in element.Children)
                {
                    stack.Push((child, false));
                }

                continue;
            }

            var own = stats[element];
            foreach (var child in element.ChildNodes)
            {
                if (child is IText text)
                {
                    own.Text += NonSpace(text.Data);
                }
                else if (child is IElement e && stats.TryGetValue(e, out var sub))
                {
                    own.Text += sub.Text;
                    own.Links += sub.Links;
                    own.Paragraphs += sub.Paragraphs;
                    own.HasBlockChild |= BlockTags.Contains(e.LocalName);
                }
            }

            if (element.LocalName == "a")
            {
                own.Links = own.Text;
            }

            if (IsParagraphLike(element, own))
            {
                var score = ParagraphScore(own);
                own.Paragraphs += score;
                if (element.ParentElement is { } parent && stats.TryGetValue(parent, out var p))
                {
                    p.Direct += score;
                    if (parent.ParentElement is { } grandparent && stats.TryGetValue(grandparent, out var g))
                    {
                        g.Direct += score / 2;
                    }
                }
            }
        }

        return stats;
    }

    private static bool IsParagraphLike(IElement element, Stats stats) =>
        element.LocalName is "p" or "pre"
        || (ContainerTags.Contains(element.LocalName) && !stats.HasBlockChild && stats.Text >= 25);

    private static double ParagraphScore(Stats stats)
    {
        if (stats.Text == 0)
        {
            return 0;
        }

        var linkDensity = (double)stats.Links / stats.Text;
        return linkDensity > 0.5 ? stats.Text * (1 - linkDensity) : stats.Text;
    }

    private static int NonSpace(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += char.IsWhiteSpace(c) ? 0 : 1;
        }

        return count;
    }
}
