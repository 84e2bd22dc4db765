using System.Runtime.CompilerServices;
using System.Buffers;
using PartnershipMiner.Core.Relation;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Pipeline;

/// <summary>A document's units with their tokens and party mentions, built once and read by the relation stage.</summary>
internal sealed class DocumentView
{
    /// <summary>Phrases that refer back to the document's pair; one vectorised search for all (ordinal, ignoring case).</summary>
    private static readonly SearchValues<string> Anaphora = SearchValues.Create(
        ["two sides", "both sides", "two countries", "both countries", "two nations", "both nations", "bilateral", "two leaders", "both leaders", "two governments"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Per unit: 0 not looked at yet, 1 has an anaphor, 2 has none. Filled on demand, once per document.</summary>
    private byte[]? anaphorByUnit;

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
        DropUnconfirmedAmbiguous(mentions);
        return new DocumentView(text, units, tokens, ranges, mentions);
    }

    /// <summary>
    /// An ambiguous name ("Georgia", "Jordan", "Indo-", "Korea") counts only when the document also names the same party
    /// unambiguously somewhere.
    /// </summary>
    private static void DropUnconfirmedAmbiguous(List<List<PartyMention>> mentions)
    {
        if (!mentions.Exists(unit => unit.Exists(m => m.Ambiguous)))
        {
            return;
        }

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
            unit.RemoveAll(m => m.Ambiguous && !confirmed.Contains(m.Code));
        }
    }

    public int UnitAt(int offset)
    {
        for (var u = 0; u < Units.Count; u++)
        {
            if (Units[u].Span.Contains(offset))
            {
                return u;
            }
        }

        return 0;
    }

    /// <summary>Units that discuss a pair: both named, or one named (or "the two sides") when the pair is the document's dyad.</summary>
    public List<int> UnitsDiscussing(IReadOnlyList<string> parties, DocumentDyad? dyad)
    {
        var isDyad = dyad is not null && parties.Count == 2 && dyad.Contains(parties[0]) && dyad.Contains(parties[1]);
        var result = new List<int>();
        for (var u = 0; u < Units.Count; u++)
        {
            if (Units[u].Kind == SentenceKind.Metadata)
            {
                continue;
            }

            var named = 0;
            foreach (var party in parties)
            {
                if (Names(Mentions[u], party))
                {
                    named++;
                }
            }

            if (named == parties.Count || (isDyad && (named > 0 || HasAnaphor(u))))
            {
                result.Add(u);
            }
        }

        return result;
    }

    private static bool Names(List<PartyMention> mentions, string code)
    {
        foreach (var mention in mentions)
        {
            if (mention.Code == code)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasAnaphor(int unit)
    {
        anaphorByUnit ??= new byte[Units.Count];
        if (anaphorByUnit[unit] == 0)
        {
            anaphorByUnit[unit] = Units[unit].Of(Text).ContainsAny(Anaphora) ? (byte)1 : (byte)2;
        }

        return anaphorByUnit[unit] == 1;
    }
}
