using System.Runtime.CompilerServices;
using System.Collections.Frozen;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Spotting;

/// <summary>
/// Finds party mentions in a token range with the gazetteer's trie. A capital or a region counts only as a metonym
/// ("Beijing and Hanoi agreed", "China and Africa agreed"), not as a place ("talks in Beijing") or a dateline
/// ("HANOI, May 8 --"); a combining prefix counts only before a hyphen ("Sino-"); a leader's name stands for the country.
/// </summary>
public sealed class PartySpotter(Gazetteer gazetteer)
{
    private static readonly FrozenSet<string> PlacePrepositions = FrozenSet.ToFrozenSet(
    [
        "in", "at", "from", "to", "near", "via", "into", "outside", "around", "across", "visited", "visit", "visiting",
        "arrived", "left", "toward", "towards", "back", "inside", "throughout", "within", "between", "through", "leaving",
        "reaching", "based", "held", "hosted", "embassy", "headquartered",
    ], StringComparer.OrdinalIgnoreCase);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Spot(string text, List<Token> tokens, int first, int end, List<PartyMention> into)
    {
        var places = PlacePrepositions.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = first;
        while (i < end)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Word || !char.IsUpper(text[token.Start]))
            {
                i++;
                continue;
            }

            var (entry, matchEnd) = gazetteer.Trie.LongestMatch(text, tokens, i, end);
            if (entry is null)
            {
                i++;
                continue;
            }

            if (!entry.IsBlocker && Accept(entry, text, tokens, i, matchEnd, first, end, places))
            {
                var span = new TextSpan(tokens[i].Start, tokens[matchEnd - 1].End);
                into.Add(new PartyMention(i, matchEnd, span, entry.Code!, entry.Kind, entry.Ambiguous));
            }

            i = matchEnd;
        }
    }

    private static readonly FrozenSet<string> Weekdays = FrozenSet.ToFrozenSet(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], StringComparer.OrdinalIgnoreCase);

    /// <summary>What follows the comma of a dateline: a date, a weekday or the agency ("(VNA)").</summary>
    private static bool StartsDate(string text, Token token) =>
        token.Kind == TokenKind.Number || token.Of(text) is "(" || DocumentDateReader.IsMonthName(token.Of(text))
        || Weekdays.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token.Of(text));

    private static bool Accept(
        GazetteerEntry entry,
        string text,
        List<Token> tokens,
        int start,
        int matchEnd,
        int sentenceStart,
        int sentenceEnd,
        FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> places)
    {
        switch (entry.Kind)
        {
            case MentionKind.Prefix:
                return matchEnd < sentenceEnd && tokens[matchEnd].Kind == TokenKind.Hyphen
                    && tokens[matchEnd].End == (matchEnd + 1 < sentenceEnd ? tokens[matchEnd + 1].Start : -1);
            case MentionKind.Capital or MentionKind.Region:
                if (start > sentenceStart && tokens[start - 1].Kind == TokenKind.Word && places.Contains(tokens[start - 1].Of(text)))
                {
                    return false;
                }

                // "in Beijing's Great Hall" is a place; "the Beijing talks" is neither party nor place.
                if (start > sentenceStart + 1 && tokens[start - 1].Of(text) is "the" or "The"
                    && tokens[start - 2].Kind == TokenKind.Word && places.Contains(tokens[start - 2].Of(text)))
                {
                    return false;
                }

                // Dateline: "HANOI, May 8 (VNA) --" or "Beijing, Jan 3 --" at the start of a unit; not a headline's
                // "Beijing, Hanoi lift ties".
                return !(start <= sentenceStart + 1 && matchEnd + 1 < sentenceEnd && tokens[matchEnd].Of(text) is ","
                    && StartsDate(text, tokens[matchEnd + 1]));
            default:
                return true;
        }
    }
}
