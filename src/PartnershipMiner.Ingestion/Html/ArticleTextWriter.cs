using System.Text;
using AngleSharp.Dom;

namespace PartnershipMiner.Ingestion;

/// <summary>What a rendered block is, which decides how it is written and joined to its neighbours.</summary>
internal enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
    TableRow,
}

/// <summary>One rendered block of text: a paragraph, a heading, a "- item" line or a "| a | b |" row.</summary>
internal readonly record struct TextBlock(BlockKind Kind, string Text);

/// <summary>
/// Renders a DOM subtree as plain text blocks: paragraphs, headings on their own lines, list items as "- item" (indented
/// two spaces per nesting level), rows of data tables as "| a | b |". Layout tables (rows holding paragraphs or other
/// blocks, or a single cell) are read as ordinary containers. Walks with an explicit stack: no recursion.
/// </summary>
internal sealed class ArticleTextWriter
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "blockquote", "caption", "center", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "hgroup", "main", "p", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "hr",
        "header", "ul", "ol", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "body", "html",
    };

    private static readonly HashSet<string> Headings = new(StringComparer.Ordinal) { "h1", "h2", "h3", "h4", "h5", "h6" };

    private readonly bool _dropLinkBlocks;
    private readonly List<TextBlock> _blocks = [];
    private readonly StringBuilder _line = new();
    private List<string>? _cells;
    private bool _pendingSpace;
    private int _textChars;
    private int _linkChars;
    private int _linkDepth;
    private int _listDepth;
    private int _itemDepth;
    private int _headingDepth;
    private int _preDepth;

    private ArticleTextWriter(bool dropLinkBlocks) => _dropLinkBlocks = dropLinkBlocks;

    /// <summary>
    /// The blocks of <paramref name="root"/>. With <paramref name="dropLinkBlocks"/>, blocks that are mostly link text
    /// (leftover "read more" lists) are left out, by the same link-density rule that scores the content root.
    /// </summary>
    public static IReadOnlyList<TextBlock> Render(INode root, bool dropLinkBlocks)
    {
        var writer = new ArticleTextWriter(dropLinkBlocks);
        writer.Walk(root);
        return writer._blocks;
    }

    /// <summary>Blocks joined: list items and table rows line by line, everything else separated by a blank line.</summary>
    public static string Join(IReadOnlyList<TextBlock> blocks)
    {
        var text = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > 0)
            {
                var tight = blocks[i].Kind == blocks[i - 1].Kind && blocks[i].Kind is BlockKind.ListItem or BlockKind.TableRow;
                text.Append(tight ? "\n" : "\n\n");
            }

            text.Append(blocks[i].Text);
        }

        return text.ToString();
    }

    private void Walk(INode root)
    {
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                AppendText(text.Data);
                continue;
            }

            if (node is not IElement element)
            {
                if (node.NodeType is NodeType.Document or NodeType.DocumentFragment)
                {
                    PushChildren(stack, node);
                }

                continue;
            }

            if (exit)
            {
                Leave(element);
                continue;
            }

            if (!Enter(element))
            {
                continue;
            }

            stack.Push((element, true));
            PushChildren(stack, element);
        }

        Flush();
    }

    /// <summary>Opens an element; false when its content is not rendered at all.</summary>
    private bool Enter(IElement element)
    {
        var tag = element.LocalName;
        switch (tag)
        {
            case "br":
                _line.Append('\n');
                _pendingSpace = false;
                return false;
            case "hr":
                Flush();
                return false;
            case "img" or "script" or "style" or "template":
                return false;
            case "a":
                _linkDepth++;
                return true;
            case "ul" or "ol":
                Flush();
                _listDepth++;
                return true;
            case "li":
                Flush();
                _itemDepth++;
                return true;
            case "tr" when _cells is null && IsDataRow(element):
                Flush();
                _cells = [];
                return true;
            case "td" or "th" when _cells is not null:
                _line.Clear();
                _pendingSpace = false;
                return true;
            case "pre":
                Flush();
                _preDepth++;
                return true;
        }

        if (Headings.Contains(tag))
        {
            Flush();
            _headingDepth++;
        }
        else if (BlockTags.Contains(tag))
        {
            BlockBoundary();
        }

        return true;
    }

    private void Leave(IElement element)
    {
        var tag = element.LocalName;
        switch (tag)
        {
            case "a":
                _linkDepth--;
                return;
            case "ul" or "ol":
                Flush();
                _listDepth--;
                return;
            case "li":
                Flush();
                _itemDepth--;
                return;
            case "td" or "th" when _cells is not null:
                _cells.Add(_line.ToString().Trim().Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal));
                _line.Clear();
                _pendingSpace = false;
                return;
            case "tr" when _cells is not null:
                var cells = _cells;
                _cells = null;
                _line.Clear();
                if (cells.Exists(c => c.Length > 0))
                {
                    Emit(BlockKind.TableRow, "| " + string.Join(" | ", cells) + " |");
                }

                ResetCounts();
                return;
            case "pre":
                Flush();
                _preDepth--;
                return;
        }

        if (Headings.Contains(tag))
        {
            Flush();
            _headingDepth--;
        }
        else if (BlockTags.Contains(tag))
        {
            BlockBoundary();
        }
    }

    /// <summary>Inside an item, heading or table cell a block only separates words; elsewhere it ends the paragraph.</summary>
    private void BlockBoundary()
    {
        if (_itemDepth > 0 || _headingDepth > 0 || _cells is not null)
        {
            _pendingSpace = _line.Length > 0;
        }
        else
        {
            Flush();
        }
    }

    private void AppendText(string data)
    {
        if (_preDepth > 0)
        {
            _line.Append(data);
            Count(data);
            return;
        }

        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = _line.Length > 0 && _line[^1] != '\n';
                continue;
            }

            if (_pendingSpace)
            {
                _line.Append(' ');
                _pendingSpace = false;
            }

            _line.Append(c);
            _textChars++;
            _linkChars += _linkDepth > 0 ? 1 : 0;
        }
    }

    private void Count(string data)
    {
        foreach (var c in data)
        {
            if (!char.IsWhiteSpace(c))
            {
                _textChars++;
                _linkChars += _linkDepth > 0 ? 1 : 0;
            }
        }
    }

    private void Flush()
    {
        if (_cells is not null)
        {
            return;
        }

        var text = _preDepth > 0 ? _line.ToString().Trim('\n') : TidyLines(_line.ToString());
        var mostlyLinks = _textChars > 0 && _linkChars * 2 > _textChars;
        _line.Clear();
        _pendingSpace = false;
        if (text.Length > 0 && !(_dropLinkBlocks && mostlyLinks))
        {
            if (_headingDepth > 0)
            {
                Emit(BlockKind.Heading, text.Replace('\n', ' '));
            }
            else if (_itemDepth > 0)
            {
                Emit(BlockKind.ListItem, new string(' ', 2 * Math.Max(0, _listDepth - 1)) + "- " + text.Replace('\n', ' '));
            }
            else
            {
                Emit(BlockKind.Paragraph, text);
            }
        }

        ResetCounts();
    }

    private void Emit(BlockKind kind, string text) => _blocks.Add(new TextBlock(kind, text));

    private void ResetCounts()
    {
        _textChars = 0;
        _linkChars = 0;
    }

    /// <summary>Lines from &lt;br&gt; kept, each trimmed; runs of empty lines become one blank line.</summary>
    private static string TidyLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        var result = new StringBuilder();
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank = result.Length > 0;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank ? "\n\n" : "\n");
            }

            result.Append(line);
            blank = false;
        }

        return result.ToString();
    }

    /// <summary>
    /// A row of a data table has at least two cells and only inline content in them; a row that holds paragraphs,
    /// lists or tables is page layout and is read as ordinary blocks.
    /// </summary>
    private static bool IsDataRow(IElement row)
    {
        var cells = 0;
        foreach (var child in row.Children)
        {
            if (child.LocalName is "td" or "th")
            {
                cells++;
            }
        }

        if (cells < 2)
        {
            return false;
        }

        foreach (var element in DomWalk.Descendants(row))
        {
            if (element.LocalName is "p" or "div" or "table" or "ul" or "ol" or "pre" or "blockquote" or "section" or "article"
                || Headings.Contains(element.LocalName))
            {
                return false;
            }
        }

        return true;
    }

    private static void PushChildren(Stack<(INode, bool)> stack, INode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
        }
    }
}
