using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Relation;

/// <summary>What happened to one tier phrase, and the token of the cue that says so (-1 when nothing does).</summary>
public readonly record struct EventReading(PartnershipEvent Event, bool Negated, int CueToken);

/// <summary>
/// Reads the event of a tier phrase from the cue nearest to it in its clause (a verb before it, or a participle right
/// after it: "the partnership formed in 2013"), then lets negation ("did not establish", "skipping the ... phase"),
/// unfulfilment ("have yet to") and futurity ("will establish", "expected to sign") change it.
/// </summary>
public static class EventReader
{
    private const int LeftWindow = 25;
    private const int RightWindow = 8;
    private const int ModifierReach = 4;

    internal readonly record struct FoundCue(int Start, int End, Cue Cue);

    internal static List<FoundCue> FindCues(string text, List<Token> tokens, int first, int end, EventLexicon lexicon)
    {
        var cues = new List<FoundCue>();
        for (var i = first; i < end; i++)
        {
            if (tokens[i].Kind != TokenKind.Word)
            {
                continue;
            }

            var (cue, cueEnd) = lexicon.Trie.LongestMatch(text, tokens, i, end);
            if (cue is null)
            {
                continue;
            }

            // "not only ... but also" negates nothing.
            if (cue.Kind == CueKind.Negation && cueEnd < end && tokens[cueEnd].Of(text).Equals("only", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            cues.Add(new FoundCue(i, cueEnd, cue));
            i = cueEnd - 1;
        }

        return cues;
    }

    public static EventReading Read(string text, List<Token> tokens, int first, int end, TierMention tier, EventLexicon lexicon) =>
        Read(text, tokens, first, end, tier, FindCues(text, tokens, first, end, lexicon));

    internal static EventReading Read(string text, List<Token> tokens, int first, int end, TierMention tier, List<FoundCue> cues)
    {
        if (NegationBefore(text, tokens, first, tier.FirstToken, cues))
        {
            return new EventReading(PartnershipEvent.Mentioned, true, -1);
        }

        var clauseStart = ClauseStart(text, tokens, first, tier.FirstToken);
        var clauseEnd = ClauseEnd(text, tokens, tier.EndToken, end);

        // "raised ties from a 'comprehensive partnership' to ...": the phrase after "from" is the old tier, so the verb
        // before it is not its event; only a participle describing it ("formed a decade ago") is.
        var isFormerTier = PrecededByFrom(text, tokens, first, tier.FirstToken);
        FoundCue? best = null;
        var bestDistance = double.MaxValue;
        foreach (var found in cues)
        {
            if (found.Cue.Kind != CueKind.Event || (found.Start >= tier.FirstToken && found.Start < tier.EndToken))
            {
                continue;
            }

            double distance;
            if (!isFormerTier && found.End <= tier.FirstToken && found.Start >= clauseStart && tier.FirstToken - found.End <= LeftWindow)
            {
                distance = tier.FirstToken - found.End;
            }
            else if (found.Start >= tier.EndToken && found.Start < clauseEnd && found.Start - tier.EndToken <= RightWindow
                && DescribesPhrase(text, tokens, tier.EndToken, found.Start))
            {
                distance = ((found.Start - tier.EndToken) * 1.5) + 0.5;
            }
            else
            {
                continue;
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = found;
            }
        }

        if (best is not { } cue)
        {
            return new EventReading(PartnershipEvent.Mentioned, false, -1);
        }

        var ev = cue.Cue.Event;

        // "established in 2015, but Manila and Hanoi have yet to agree on a comprehensive strategic partnership": a negation
        // or an unfulfilment between the act and the phrase speaks for the phrase.
        if (ev != PartnershipEvent.Downgraded && cue.End <= tier.FirstToken
            && cues.Exists(c => c.Cue.Kind is CueKind.Negation or CueKind.Unfulfilled && c.Start >= cue.End && c.End <= tier.FirstToken))
        {
            return new EventReading(PartnershipEvent.Mentioned, true, cue.Start);
        }

        if (ev is PartnershipEvent.Established or PartnershipEvent.Upgraded or PartnershipEvent.Reaffirmed)
        {
            foreach (var other in cues)
            {
                if (other.End > cue.Start || cue.Start - other.End > ModifierReach || other.Start < clauseStart)
                {
                    continue;
                }

                switch (other.Cue.Kind)
                {
                    case CueKind.Negation when ev != PartnershipEvent.Reaffirmed:
                        return new EventReading(PartnershipEvent.Mentioned, true, cue.Start);
                    case CueKind.Unfulfilled when ev != PartnershipEvent.Reaffirmed:
                        // "have yet to establish": not an act, and not a plan either; no record, like a negation.
                        return new EventReading(PartnershipEvent.Mentioned, true, cue.Start);
                    case CueKind.Future when ev != PartnershipEvent.Reaffirmed:
                    case CueKind.Event when other.Cue.Event == PartnershipEvent.Planned && ev != PartnershipEvent.Reaffirmed:
                        ev = PartnershipEvent.Planned;
                        break;
                    default:
                        break;
                }
            }
        }

        return new EventReading(ev, false, cue.Start);
    }

    /// <summary>
    /// A negation right before the phrase ("not a strategic partner", "skipping the 'strategic partnership' phase"): only
    /// quotes and function words between them. Only the nearest negation can qualify (a farther one has the nearer one's
    /// gap and more), and the gap is read only until its first content word: a sentence of a thousand "no"s and hundreds
    /// of phrases was cubic in its length.
    /// </summary>
    private static bool NegationBefore(string text, List<Token> tokens, int first, int tierStart, List<FoundCue> cues)
    {
        FoundCue? nearest = null;
        foreach (var found in cues)
        {
            if (found.Cue.Kind == CueKind.Negation && found.End <= tierStart && (nearest is null || found.End > nearest.Value.End))
            {
                nearest = found;
            }
        }

        if (nearest is not { } negation || negation.Start < first)
        {
            return false;
        }

        for (var j = negation.End; j < tierStart; j++)
        {
            var t = tokens[j];
            if (t.Kind is not TokenKind.Quote && !IsFunctionWord(t.Of(text)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool PrecededByFrom(string text, List<Token> tokens, int first, int tierStart)
    {
        for (var j = tierStart - 1; j >= first && j >= tierStart - 4; j--)
        {
            var word = tokens[j].Of(text);
            if (tokens[j].Kind == TokenKind.Quote || IsFunctionWord(word) || IsFormerStateWord(word))
            {
                continue;
            }

            return word.Equals("from", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    /// <summary>
    /// A cue after the phrase speaks of it only as a participle or passive right behind it ("the partnership formed in
    /// 2013", "partnership, which was established"), not as the verb of a new clause ("... partnership and signed ...").
    /// </summary>
    private static bool DescribesPhrase(string text, List<Token> tokens, int from, int cueStart)
    {
        for (var j = from; j < cueStart; j++)
        {
            var word = tokens[j].Of(text);
            if (tokens[j].Kind == TokenKind.Quote || word is "," or "was" or "were" or "is" or "are" or "has" or "have" or "had"
                or "been" or "being" or "which" or "that" or "first" or "officially" or "formally" or "jointly" or "originally")
            {
                continue;
            }

            return false;
        }

        return true;
    }

    private static bool IsFormerStateWord(ReadOnlySpan<char> word) =>
        word.Equals("existing", StringComparison.OrdinalIgnoreCase) || word.Equals("current", StringComparison.OrdinalIgnoreCase)
        || word.Equals("previous", StringComparison.OrdinalIgnoreCase) || word.Equals("former", StringComparison.OrdinalIgnoreCase)
        || word.Equals("old", StringComparison.OrdinalIgnoreCase) || word.Equals("earlier", StringComparison.OrdinalIgnoreCase);

    private static bool IsFunctionWord(ReadOnlySpan<char> word) =>
        word.Equals("the", StringComparison.OrdinalIgnoreCase) || word.Equals("a", StringComparison.OrdinalIgnoreCase)
        || word.Equals("an", StringComparison.OrdinalIgnoreCase) || word.Equals("its", StringComparison.OrdinalIgnoreCase)
        || word.Equals("their", StringComparison.OrdinalIgnoreCase) || word.Equals("any", StringComparison.OrdinalIgnoreCase);

    private static int ClauseStart(string text, List<Token> tokens, int first, int at)
    {
        for (var j = at - 1; j >= first; j--)
        {
            if (tokens[j].Of(text) is ";")
            {
                return j + 1;
            }
        }

        return first;
    }

    private static int ClauseEnd(string text, List<Token> tokens, int at, int end)
    {
        for (var j = at; j < end; j++)
        {
            if (tokens[j].Of(text) is ";" or ":")
            {
                return j;
            }
        }

        return end;
    }
}
