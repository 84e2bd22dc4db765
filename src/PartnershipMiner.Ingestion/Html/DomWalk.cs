using AngleSharp.Dom;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Document-order traversal with an explicit stack. AngleSharp's own TextContent recurses and overflows the stack on
/// deep trees, so everything here walks iteratively.
/// </summary>
internal static class DomWalk
{
    /// <summary>The elements below <paramref name="root"/> (not the root itself), in document order.</summary>
    public static IEnumerable<IElement> Descendants(INode root)
    {
        var stack = new Stack<INode>();
        PushChildren(stack, root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IElement element)
            {
                yield return element;
                PushChildren(stack, element);
            }
        }
    }

    /// <summary>Visible-ish text of a subtree with whitespace collapsed to single spaces.</summary>
    public static string CollapsedText(INode root)
    {
        var text = new System.Text.StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText t)
            {
                text.Append(t.Data).Append(' ');
            }
            else
            {
                PushChildren(stack, node);
            }
        }

        return Collapse(text.ToString());
    }

    /// <summary>Depth of the deepest element below <paramref name="root"/>, counting stops once past <paramref name="limit"/>.</summary>
    public static int Depth(INode root, int limit)
    {
        var deepest = 0;
        var stack = new Stack<(INode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            if (deepest > limit)
            {
                return deepest;
            }

            foreach (var child in node.ChildNodes)
            {
                if (child is IElement)
                {
                    stack.Push((child, depth + 1));
                }
            }
        }

        return deepest;
    }

    public static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void PushChildren(Stack<INode> stack, INode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
        }
    }
}
