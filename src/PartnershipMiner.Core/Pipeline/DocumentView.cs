using System.Runtime.CompilerServices;
using System.Buffers;
using PartnershipMiner.Core.Relation;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Pipeline;

/// <summary>A document's units with their tokens and party mentions, built once and read by the relation stage.</summary>
internal sealed class DocumentView
{
    /// <summary>
    /// Phrases that refer back to the document's pair; one vectorised search for all (ordinal, ignoring case). Stricter
    /// than <see cref="PartyResolver"/>'s pair references on purpose: these decide which sentences count as discussing the
    /// pair in a record's substance summary, where "ties" or "relations" alone would count nearly every sentence.
    /// </summary>
    private static readonly SearchValues<string> Anaphora = SearchValues.Create(
        ["two sides", "both sides", "two countries", "both countries", "two nations", "both nations", "bilateral", "two leaders", "both leaders", "two governments"],
        StringComparison.OrdinalIgnoreCase);

    private DocumentView(string text, List<Sentence> units, List<Token> tokens, List<(int First, int End)> tokenRange, List<List<PartyMention>> mentions)
    {
        Text = text;
        Units = units;
        Tokens = tokens;
        TokenRange = tokenRange;
        Mentions = mentions;
    }

    public string Text { get; }

    public List<Sentence> Units { get; }

    public List<Token> Tokens { get; }

    public List<(int First, int End)> TokenRange { get; }

    public List<List<PartyMention>> Mentions { get; }

    /// <summary>
    /// Tokenises the units into <paramref name="tokens"/> (cleared first; a caller may lend a list it reuses, else a new
    /// one is made) and spots the parties in each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DocumentView Build(string text, List<Sentence> units, string? sourceTitle, PartySpotter spotter, List<Token>? tokens = null)
    {
        tokens ??= new List<Token>(text.Length / 5);
        tokens.Clear();
        var ranges = new List<(int, int)>(units.Count);
        var mentions = new List<List<PartyMention>>(units.Count);
        foreach (var unit in units)
        {
            var first = tokens.Count;
            Tokenizer.Tokenize(text, unit.Span.Start, unit.Span.End, tokens);
            ranges.Add((first, tokens.Count));
            var found = new List<PartyMention>();
            if (unit.Kind != SentenceKind.Metadata)
            {
                spotter.Spot(text, tokens, first, tokens.Count, found);
            }

            mentions.Add(found);
        }

        _ = sourceTitle;
        DropUnconfirmedAmbiguous(text, mentions);
        return new DocumentView(text, units, tokens, ranges, mentions);
    }

    /// <summary>
    /// An ambiguous name ("Georgia", "Jordan", "Turkey", "Korea") counts only when the document also names the same party
    /// unambiguously somewhere, or when it stands in one list with a party named unambiguously ("Armenia, Azerbaijan
    /// and Turkey", "Egypt and Jordan"): a list of countries is read as countries.
    /// </summary>
    private static void DropUnconfirmedAmbiguous(string text, List<List<PartyMention>> mentions)
    {
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in mentions)
        {
            foreach (var m in unit)
            {
                if (!m.Ambiguous)
                {
                    confirmed.Add(m.Code);
                }
            }
        }

        foreach (var unit in mentions)
        {
            if (HasUnconfirmed(unit, confirmed))
            {
                var listed = InListWithUnambiguous(text, unit);
                unit.RemoveAll(m => m.Ambiguous && !confirmed.Contains(m.Code) && !listed.Contains(m.Span.Start));
            }
        }
    }

    private static bool HasUnconfirmed(List<PartyMention> unit, HashSet<string> confirmed)
    {
        foreach (var m in unit)
        {
            if (m.Ambiguous && !confirmed.Contains(m.Code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Starts of the ambiguous mentions of a unit that are in one list with an unambiguous one: runs of mentions
    /// joined by nothing but commas and one "and", "or" or "&amp;" each.
    /// </summary>
    private static HashSet<int> InListWithUnambiguous(string text, List<PartyMention> unit)
    {
        var listed = new HashSet<int>();
        var runStart = 0;
        for (var i = 1; i <= unit.Count; i++)
        {
            if (i < unit.Count && IsListSeparator(text.AsSpan(unit[i - 1].Span.End, Math.Max(0, unit[i].Span.Start - unit[i - 1].Span.End))))
            {
                continue;
            }

            // unit[runStart..i] is one run.
            if (i - runStart >= 2 && unit.GetRange(runStart, i - runStart).Exists(m => !m.Ambiguous))
            {
                foreach (var m in unit.GetRange(runStart, i - runStart))
                {
                    listed.Add(m.Span.Start);
                }
            }

            runStart = i;
        }

        return listed;
    }

    private static bool IsListSeparator(ReadOnlySpan<char> between)
    {
        var rest = between.Trim();
        if (rest.StartsWith(","))
        {
            rest = rest[1..].TrimStart();
        }

        return rest.IsEmpty
            || rest.Equals("and", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("or", StringComparison.OrdinalIgnoreCase)
            || rest.Equals("&", StringComparison.Ordinal);
    }

    /// <summary>The unit whose span holds <paramref name="offset"/> (units are in text order), or 0.</summary>
    public int UnitAt(int offset)
    {
        int low = 0, high = Units.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var span = Units[middle].Span;
            if (offset < span.Start)
            {
                high = middle - 1;
            }
            else if (offset >= span.End)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return 0;
    }

    /// <summary>
    /// Units that discuss a pair: both named, or one named (or "the two sides") when the pair is the document's dyad. Read
    /// from an index of the units that name each party, so that a document with thousands of records and sentences
    /// does not compare every record with every sentence.
    /// </summary>
    public List<int> UnitsDiscussing(IReadOnlyList<string> parties, DocumentDyad? dyad)
    {
        unitsNaming ??= IndexUnitsNaming(out anaphorUnits);
        if (parties.Count == 0)
        {
            return [.. Enumerable.Range(0, Units.Count).Where(u => Units[u].Kind != SentenceKind.Metadata)];
        }

        var named = parties.Select(p => unitsNaming.GetValueOrDefault(p) ?? []).ToList();
        var isDyad = dyad is not null && parties.Count == 2 && dyad.Contains(parties[0]) && dyad.Contains(parties[1]);
        if (isDyad)
        {
            return [.. named[0].Concat(named[1]).Concat(anaphorUnits!).Distinct().Order()];
        }

        return [.. named.MinBy(units => units.Count)!.Where(u => parties.All(p => Mentions[u].Exists(m => m.Code == p)))];
    }

    private Dictionary<string, List<int>>? unitsNaming;
    private List<int>? anaphorUnits;

    /// <summary>For each party the units (not metadata) that name it, in order; and the units that refer back to a pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Dictionary<string, List<int>> IndexUnitsNaming(out List<int> anaphoric)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        anaphoric = [];
        for (var u = 0; u < Units.Count; u++)
        {
            if (Units[u].Kind == SentenceKind.Metadata)
            {
                continue;
            }

            foreach (var mention in Mentions[u])
            {
                if (!index.TryGetValue(mention.Code, out var units))
                {
                    index[mention.Code] = units = [];
                }

                if (units.Count == 0 || units[^1] != u)
                {
                    units.Add(u);
                }
            }

            if (HasAnaphor(Units[u].Of(Text)))
            {
                anaphoric.Add(u);
            }
        }

        return index;
    }

    private static bool HasAnaphor(ReadOnlySpan<char> sentence) => sentence.ContainsAny(Anaphora);
}
