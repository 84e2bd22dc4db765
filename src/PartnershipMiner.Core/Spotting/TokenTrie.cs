using System.Runtime.CompilerServices;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Spotting;

/// <summary>
/// A trie over tokens: each edge is one token's text. Matching walks it from every candidate token and keeps the
/// longest hit, so all names are found in one pass over the tokens, never one pattern per name. Lookups go by span
/// (no string per token).
/// </summary>
internal sealed class TokenTrie<TValue>
    where TValue : class
{
    private readonly Node root;
    private readonly StringComparer comparer;

    public TokenTrie(StringComparer comparer)
    {
        this.comparer = comparer;
        root = new Node(comparer);
    }

    /// <summary>Adds a token sequence. The first value added for a sequence wins.</summary>
    public void Add(IReadOnlyList<string> tokens, TValue value)
    {
        var node = root;
        foreach (var token in tokens)
        {
            node = node.GetOrAdd(token, comparer);
        }

        node.Value ??= value;
    }

    /// <summary>The longest entry starting at token <paramref name="first"/>: its value and the index after its last token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (TValue? Value, int End) LongestMatch(string text, List<Token> tokens, int first, int limit)
    {
        var node = root;
        TValue? best = null;
        var bestEnd = first;
        for (var j = first; j < limit; j++)
        {
            var next = node.Find(tokens[j].Of(text));
            if (next is null)
            {
                break;
            }

            node = next;
            if (node.Value is not null)
            {
                best = node.Value;
                bestEnd = j + 1;
            }
        }

        return (best, bestEnd);
    }

    private sealed class Node(StringComparer comparer)
    {
        private Dictionary<string, Node>? children;
        private Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> lookup;

        public TValue? Value { get; set; }

        public Node GetOrAdd(string token, StringComparer nodeComparer)
        {
            if (children is null)
            {
                children = new Dictionary<string, Node>(comparer);
                lookup = children.GetAlternateLookup<ReadOnlySpan<char>>();
            }

            if (!children.TryGetValue(token, out var child))
            {
                child = new Node(nodeComparer);
                children.Add(token, child);
            }

            return child;
        }

        public Node? Find(ReadOnlySpan<char> token) =>
            children is not null && lookup.TryGetValue(token, out var child) ? child : null;
    }
}
