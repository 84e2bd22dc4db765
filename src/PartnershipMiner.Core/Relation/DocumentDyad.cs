using System.Runtime.CompilerServices;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Relation;

/// <summary>
/// The two parties a document is about, to which "the two sides", "both countries" and "bilateral" refer: the pair in
/// its title ("Joint Statement between ... China and ... Iran", "China, Poland forge ...") when the title names two,
/// else the two parties that dominate it, weighted towards the title, headings and opening sentences. A dyad read off
/// the title is trusted for sentences that name no party at all; a dyad of mere frequency only where a sentence refers
/// back to a pair ("the two sides", "their ties").
/// </summary>
public sealed record DocumentDyad(string First, string Second, bool FromTitle)
{
    private const int TitleWeight = 4;
    private const int OpeningWeight = 2;
    private const int OpeningSentences = 3;
    private const int MinimumSecondScore = 2;

    /// <summary>How far the first party must lead the second to count as the party a text is about.</summary>
    private const double DominanceRatio = 1.25;

    public bool Contains(string code) => First == code || Second == code;

    public string Other(string code) => First == code ? Second : First;

    /// <summary>Returns null when no pair stands out (a list of many partners, or a text about one country).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (DocumentDyad? Dyad, PartyRanking Ranked) Find(IReadOnlyList<Sentence> units, IReadOnlyList<List<PartyMention>> mentionsByUnit)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        List<string>? titleCodes = null;
        var openingCodes = new HashSet<string>(StringComparer.Ordinal);
        var bodySeen = 0;
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            if (unit.Kind == SentenceKind.Metadata)
            {
                continue;
            }

            var weight = unit.Kind is SentenceKind.Title or SentenceKind.Heading && titleCodes is null
                ? TitleWeight
                : bodySeen < OpeningSentences ? OpeningWeight : 1;
            if (unit.Kind is not (SentenceKind.Title or SentenceKind.Heading))
            {
                bodySeen++;
            }

            var distinct = new List<string>();
            foreach (var mention in mentionsByUnit[u])
            {
                if (!distinct.Contains(mention.Code))
                {
                    distinct.Add(mention.Code);
                }
            }

            if (weight > 1)
            {
                openingCodes.UnionWith(distinct);
            }

            if (unit.Kind == SentenceKind.Title && titleCodes is null)
            {
                titleCodes = distinct;
            }

            foreach (var code in distinct)
            {
                scores[code] = scores.GetValueOrDefault(code) + weight;
                order.TryAdd(code, order.Count);
            }
        }

        var codes = scores.OrderByDescending(p => p.Value).ThenBy(p => order[p.Key]).Select(p => p.Key).ToList();
        // A text is about one party's network only if it says so up front: the leading party must be named in the title or
        // the opening sentences (an encyclopedic text that names Russia most often is not about Russia's partnerships).
        var dominant = (codes.Count == 1 || (codes.Count > 1 && scores[codes[0]] >= scores[codes[1]] * DominanceRatio)) && openingCodes.Contains(codes[0])
            ? codes[0]
            : null;
        var ranked = new PartyRanking(codes, dominant);
        if (titleCodes is { Count: 2 })
        {
            return (new DocumentDyad(titleCodes[0], titleCodes[1], FromTitle: true), ranked);
        }

        if (titleCodes is { Count: > 2 })
        {
            var top = titleCodes.OrderByDescending(c => scores[c]).ThenBy(c => order[c]).Take(2).ToList();
            return (new DocumentDyad(top[0], top[1], FromTitle: true), ranked);
        }

        if (codes.Count >= 2 && scores[codes[1]] >= MinimumSecondScore)
        {
            return (new DocumentDyad(codes[0], codes[1], FromTitle: false), ranked);
        }

        return (null, ranked);
    }
}

/// <summary>
/// The parties of a document from the most to the least prominent, and the one it is about when one clearly leads
/// (a piece on Vietnam's partnerships; not an encyclopedic text that names many countries about equally).
/// </summary>
public sealed class PartyRanking(IReadOnlyList<string> codes, string? dominant) : IReadOnlyList<string>
{
    public string? Dominant { get; } = dominant;

    public int Count => codes.Count;

    public string this[int index] => codes[index];

    public IEnumerator<string> GetEnumerator() => codes.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The dominant party of a ranking, or, for a plain list, its first.</summary>
    public static string? DominantOf(IReadOnlyList<string> ranked) =>
        ranked is PartyRanking ranking ? ranking.Dominant : ranked.Count > 0 ? ranked[0] : null;
}
