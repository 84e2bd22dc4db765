namespace PartnershipMiner.Ingestion;

/// <summary>
/// A cheap pass over HTML source that estimates how deep the element tree will be, so that pathological nesting is
/// refused before AngleSharp spends quadratic time on it. It follows the tokenizer's broad rules (comments, raw-text
/// elements, quoted attributes, void and self-closing tags) and the common implied end tags (p, li, td, tr, option…),
/// erring towards counting deeper rather than shallower. The extractor re-checks the real depth after parsing.
/// </summary>
internal static class HtmlNestingScan
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> RawTextElements = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    };

    // Start tags that close an open <p> (HTML "close a p element").
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "dd", "dt", "main", "menu",
        "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
    };

    /// <summary>
    /// Formatting elements the parser re-opens in each new block while they are left unclosed (HTML's "reconstruct the
    /// active formatting elements"): 990 unclosed <c>&lt;b id=N&gt;</c> followed by 10,000 <c>&lt;p&gt;</c> make ten
    /// million elements out of 100 KB, without going any deeper.
    /// </summary>
    private static readonly HashSet<string> FormattingElements = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    /// <summary>
    /// The most element copies the re-opening may make in one page: legitimate pages leave a handful of formatting
    /// elements open across a few hundred blocks.
    /// </summary>
    public const int MaxReopenedElements = 100_000;

    /// <summary>True when the estimated depth exceeds <paramref name="maxDepth"/>; stops reading as soon as it does.</summary>
    public static bool ExceedsDepth(ReadOnlySpan<char> html, int maxDepth) => Scan(html, maxDepth) == HtmlScanVerdict.TooDeep;

    /// <summary>
    /// Whether the page would nest deeper than <paramref name="maxDepth"/>, or make the parser copy more than
    /// <see cref="MaxReopenedElements"/> unclosed formatting elements into later blocks; stops reading as soon as either shows.
    /// </summary>
    public static HtmlScanVerdict Scan(ReadOnlySpan<char> html, int maxDepth)
    {
        var open = new List<string>();
        var openCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var unclosed = new Dictionary<string, int>(StringComparer.Ordinal);
        var inForce = 0;
        long reopened = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html[i..].IndexOf('<');
            if (lt < 0)
            {
                break;
            }

            i += lt + 1;
            if (i >= html.Length)
            {
                break;
            }

            var c = html[i];
            if (html[i..].StartsWith("!--", StringComparison.Ordinal))
            {
                i = SkipPast(html, i + 3, "-->");
            }
            else if (c is '!' or '?')
            {
                i = SkipPast(html, i, ">");
            }
            else if (c == '/')
            {
                var name = ReadName(html, i + 1, out var end);
                i = SkipTag(html, end, out _);
                if (unclosed.GetValueOrDefault(name) > 0)
                {
                    unclosed[name]--;
                    inForce--;
                }

                if (name.Length > 0 && openCounts.GetValueOrDefault(name) > 0)
                {
                    PopThrough(open, openCounts, name);
                }
            }
            else if (char.IsAsciiLetter(c))
            {
                var name = ReadName(html, i, out var end);
                i = SkipTag(html, end, out var selfClosing);
                CloseImplied(open, openCounts, name);

                // Table cells scope the formatting elements opened in them; outside tables, each unclosed one is copied
                // into every later block.
                if (FormattingElements.Contains(name) && !selfClosing && openCounts.GetValueOrDefault("table") == 0)
                {
                    unclosed[name] = unclosed.GetValueOrDefault(name) + 1;
                    inForce++;
                }
                else if (name == "p" || ClosesParagraph.Contains(name))
                {
                    reopened += inForce;
                    if (reopened > MaxReopenedElements)
                    {
                        return HtmlScanVerdict.TooManyReopened;
                    }
                }

                if (RawTextElements.Contains(name))
                {
                    i = SkipPastIgnoreCase(html, i, "</" + name);
                    continue;
                }

                if (name == "plaintext")
                {
                    // Everything after <plaintext> is text.
                    return open.Count + 1 > maxDepth ? HtmlScanVerdict.TooDeep : HtmlScanVerdict.Readable;
                }

                if (selfClosing || VoidElements.Contains(name))
                {
                    continue;
                }

                open.Add(name);
                openCounts[name] = openCounts.GetValueOrDefault(name) + 1;
                if (open.Count > maxDepth)
                {
                    return HtmlScanVerdict.TooDeep;
                }
            }
        }

        return HtmlScanVerdict.Readable;
    }

    private static void CloseImplied(List<string> open, Dictionary<string, int> counts, string name)
    {
        if (ClosesParagraph.Contains(name))
        {
            PopWhileTop(open, counts, "p");
        }

        switch (name)
        {
            case "li":
                PopWhileTop(open, counts, "li");
                break;
            case "dd" or "dt":
                PopWhileTop(open, counts, "dd", "dt");
                break;
            case "option":
                PopWhileTop(open, counts, "option");
                break;
            case "optgroup":
                PopWhileTop(open, counts, "option", "optgroup");
                break;
            case "td" or "th":
                PopWhileTop(open, counts, "td", "th");
                break;
            case "tr":
                PopWhileTop(open, counts, "td", "th", "tr");
                break;
            case "tbody" or "thead" or "tfoot":
                PopWhileTop(open, counts, "td", "th", "tr", "tbody", "thead", "tfoot");
                break;
        }
    }

    private static void PopWhileTop(List<string> open, Dictionary<string, int> counts, params ReadOnlySpan<string> names)
    {
        while (open.Count > 0 && names.Contains(open[^1]))
        {
            Pop(open, counts);
        }
    }

    private static void PopThrough(List<string> open, Dictionary<string, int> counts, string name)
    {
        while (open.Count > 0)
        {
            if (Pop(open, counts) == name)
            {
                return;
            }
        }
    }

    private static string Pop(List<string> open, Dictionary<string, int> counts)
    {
        var top = open[^1];
        open.RemoveAt(open.Count - 1);
        counts[top]--;
        return top;
    }

    private static string ReadName(ReadOnlySpan<char> html, int start, out int end)
    {
        end = start;
        while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] is '-' or ':' or '_'))
        {
            end++;
        }

        return html[start..end].ToString().ToLowerInvariant();
    }

    /// <summary>Moves past the tag's closing '&gt;', honouring quoted attribute values.</summary>
    private static int SkipTag(ReadOnlySpan<char> html, int start, out bool selfClosing)
    {
        selfClosing = false;
        var previous = '\0';
        for (var i = start; i < html.Length; i++)
        {
            var c = html[i];

            // Quotes delimit a value only right after '=' (allowing spaces); elsewhere they are ordinary characters.
            if (c is '"' or '\'' && PrecededByEquals(html, start, i))
            {
                var close = html[(i + 1)..].IndexOf(c);
                if (close < 0)
                {
                    return html.Length;
                }

                i += close + 1;
                previous = c;
                continue;
            }

            if (c == '>')
            {
                selfClosing = previous == '/';
                return i + 1;
            }

            previous = c;
        }

        return html.Length;
    }

    private static bool PrecededByEquals(ReadOnlySpan<char> html, int start, int at)
    {
        var before = html[start..at].TrimEnd();
        return before.Length > 0 && before[^1] == '=';
    }

    private static int SkipPast(ReadOnlySpan<char> html, int start, string marker)
    {
        var found = html[start..].IndexOf(marker, StringComparison.Ordinal);
        return found < 0 ? html.Length : start + found + marker.Length;
    }

    private static int SkipPastIgnoreCase(ReadOnlySpan<char> html, int start, string marker)
    {
        var found = html[start..].IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return found < 0 ? html.Length : start + found;
    }
}

/// <summary>What the scan foresees the parser would make of a page.</summary>
internal enum HtmlScanVerdict
{
    Readable,

    /// <summary>Deeper than the limit.</summary>
    TooDeep,

    /// <summary>More copies of unclosed formatting elements than <see cref="HtmlNestingScan.MaxReopenedElements"/>.</summary>
    TooManyReopened,
}
