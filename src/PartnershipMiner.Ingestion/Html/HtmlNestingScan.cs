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
        var active = new ActiveFormatting();
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
                if (FormattingElements.Contains(name))
                {
                    active.RemoveLast(name);
                }

                if (name.Length > 0 && openCounts.GetValueOrDefault(name) > 0)
                {
                    PopThrough(open, openCounts, name);
                }

                active.CloseCells(openCounts);
            }
            else if (char.IsAsciiLetter(c))
            {
                var name = ReadName(html, i, out var end);
                var tagStart = end;
                i = SkipTag(html, end, out var selfClosing);

                // HTML ignores a "/" at the end of a start tag except on void and foreign (SVG, MathML) elements:
                // "<div/>" and "<b id=1/>" open elements like any other.
                selfClosing &= openCounts.GetValueOrDefault("svg") + openCounts.GetValueOrDefault("math") > 0 || name is "svg" or "math";
                CloseImplied(open, openCounts, name);
                active.CloseCells(openCounts);

                // Each formatting element left unclosed is copied into every later block, as the parser keeps them: at
                // most three of one tag and attributes, a new <a> or <nobr> closing the one before, and a table cell
                // starting afresh (a marker) and dropping its own when it closes.
                if (FormattingElements.Contains(name) && !selfClosing)
                {
                    active.Open(name, name + " " + html[tagStart..Math.Max(tagStart, i - 1)].ToString().Trim().TrimEnd('/').Trim());
                }
                else if (name == "p" || ClosesParagraph.Contains(name))
                {
                    reopened += active.InForce;
                    if (reopened > MaxReopenedElements)
                    {
                        return HtmlScanVerdict.TooManyReopened;
                    }
                }
                else if (name is "td" or "th" or "caption")
                {
                    active.OpenCell();
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

    /// <summary>
    /// HTML's list of active formatting elements, as far as its size goes: what the parser re-opens in each new block.
    /// At most three entries of one tag and attributes, a new <c>&lt;a&gt;</c> or <c>&lt;nobr&gt;</c> closes the one before,
    /// and a table cell puts a marker: what stands before it is not re-opened in the cell, and what the cell opened goes
    /// when it closes.
    /// </summary>
    private sealed class ActiveFormatting
    {
        private const string Marker = "|";
        private readonly List<(string Name, string Key)> entries = [];
        private int markers;

        /// <summary>Entries since the last marker: copied into each new block.</summary>
        public int InForce => entries.Count - AfterLastMarker();

        public void Open(string name, string key)
        {
            if (name is "a" or "nobr")
            {
                RemoveLast(name);
            }

            var since = AfterLastMarker();
            var same = 0;
            var first = -1;
            for (var k = since; k < entries.Count; k++)
            {
                if (entries[k].Key == key)
                {
                    first = first < 0 ? k : first;
                    same++;
                }
            }

            if (same >= 3)
            {
                entries.RemoveAt(first);
            }

            entries.Add((name, key));
        }

        public void OpenCell()
        {
            entries.Add((Marker, Marker));
            markers++;
        }

        /// <summary>Removes the last entry of that name since the last marker (its end tag).</summary>
        public void RemoveLast(string name)
        {
            for (var k = entries.Count - 1; k >= 0 && entries[k].Name != Marker; k--)
            {
                if (entries[k].Name == name)
                {
                    entries.RemoveAt(k);
                    return;
                }
            }
        }

        /// <summary>Drops what each table cell that closed had opened, with its marker: one marker per cell still open.</summary>
        public void CloseCells(Dictionary<string, int> counts)
        {
            var openCells = counts.GetValueOrDefault("td") + counts.GetValueOrDefault("th") + counts.GetValueOrDefault("caption");
            while (markers > openCells)
            {
                var marker = AfterLastMarker() - 1;
                entries.RemoveRange(marker, entries.Count - marker);
                markers--;
            }
        }

        private int AfterLastMarker()
        {
            if (markers == 0)
            {
                return 0;
            }

            for (var k = entries.Count - 1; k >= 0; k--)
            {
                if (entries[k].Name == Marker)
                {
                    return k + 1;
                }
            }

            return 0;
        }
    }

    // Elements that bound the scope in which a start tag looks for an open <p> to close (HTML's "button scope").
    private static readonly HashSet<string> ParagraphScopeBoundaries = new(StringComparer.Ordinal)
    {
        "applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th", "svg", "math",
    };

    private static void CloseImplied(List<string> open, Dictionary<string, int> counts, string name)
    {
        // A block start closes an open <p> wherever it is in scope, with whatever formatting elements were opened in it
        // ("<p><font>text<p>" is two paragraphs, not one inside the other: old sites write whole pages so).
        // Not for <table>: a page without a doctype is read in quirks mode, where a table opens inside the paragraph.
        if (ClosesParagraph.Contains(name) && name != "table" && counts.GetValueOrDefault("p") > 0)
        {
            for (var k = open.Count - 1; k >= 0 && !ParagraphScopeBoundaries.Contains(open[k]); k--)
            {
                if (open[k] == "p")
                {
                    PopThrough(open, counts, "p");
                    break;
                }
            }
        }

        switch (name)
        {
            case "li":
                PopPastFormatting(open, counts, "li");
                break;
            case "dd" or "dt":
                PopPastFormatting(open, counts, "dd", "dt");
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

    /// <summary>Closes the nearest open element among <paramref name="names"/> when only formatting elements stand above it.</summary>
    private static void PopPastFormatting(List<string> open, Dictionary<string, int> counts, params ReadOnlySpan<string> names)
    {
        for (var k = open.Count - 1; k >= 0; k--)
        {
            if (names.Contains(open[k]))
            {
                PopThrough(open, counts, open[k]);
                PopWhileTop(open, counts, names);
                return;
            }

            if (!FormattingElements.Contains(open[k]))
            {
                return;
            }
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
