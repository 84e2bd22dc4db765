using System.Buffers;
using System.Runtime.CompilerServices;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Spotting;

/// <summary>
/// Finds tier phrases: from each head word ("partnership", "partners") it walks left over modifier words, hyphens and
/// connectors ("comprehensive and strategic", "all-weather"), right over a tier's own tail ("of coordination") and its
/// qualifiers ("for a new era"), then looks the run up in the taxonomy, dropping leading words until a tier matches.
/// Case, hyphenation and "and" between modifiers do not matter. Sectoral partnerships ("an energy strategic
/// partnership", "strategic partnerships in the energy sector") are not tiers.
/// </summary>
public sealed class TierSpotter(TierTaxonomy taxonomy)
{
    private const int SectoralLookahead = 5;
    private const int MaxModifierTokens = 24;

    private readonly SearchValues<string> headWords = HeadWordSearch(taxonomy.Heads.Keys);
    private readonly int shortestHead = taxonomy.Heads.Keys.Select(h => h.Length).DefaultIfEmpty(int.MaxValue).Min();

    /// <summary>
    /// The cheap first pass: whether <paramref name="text"/> can hold a tier phrase at all. The spotter starts only from
    /// a head word of the taxonomy, so a text that contains none (in any case) holds none, and neither the document nor
    /// the sentence needs the full analysis. The words are the taxonomy's, so a tier whose head is not "partner..." is
    /// never skipped.
    /// </summary>
    public bool MayHoldTier(ReadOnlySpan<char> text) => text.ContainsAny(headWords);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Spot(string text, List<Token> tokens, int first, int end, List<TierMention> into)
    {
        var heads = taxonomy.Heads.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var k = first; k < end; k++)
        {
            var token = tokens[k];
            if (token.Kind != TokenKind.Word || token.Length < shortestHead || !heads.ContainsKey(token.Of(text)))
            {
                continue;
            }

            var mention = Read(text, tokens, first, end, k);
            if (mention is { } found)
            {
                into.Add(found);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TierMention? Read(string text, List<Token> tokens, int first, int end, int head)
    {
        var modifiers = taxonomy.ModifierWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var connectors = taxonomy.Connectors.GetAlternateLookup<ReadOnlySpan<char>>();
        var start = head;

        // No tier has more than a few modifiers; a longer run ("strategic strategic strategic ...") only costs time,
        // since every shorter tail of it is looked up.
        var stop = Math.Max(first, head - MaxModifierTokens);
        for (var j = head - 1; j >= stop; j--)
        {
            var t = tokens[j];
            if (t.Kind == TokenKind.Word && modifiers.Contains(t.Of(text)))
            {
                start = j;
                continue;
            }

            // Hyphens, "and", and quotes that wrap part of the run ('a "special and privileged" strategic partnership').
            var isJoiner = t.Kind is TokenKind.Hyphen or TokenKind.Quote || (t.Kind is TokenKind.Word or TokenKind.Punctuation && connectors.Contains(t.Of(text)));
            if (isJoiner && j - 1 >= first && tokens[j - 1].Kind == TokenKind.Word && modifiers.Contains(tokens[j - 1].Of(text)))
            {
                continue;
            }

            break;
        }

        if (start == head)
        {
            return null;
        }

        var rightEnd = MatchAny(text, tokens, head + 1, end, taxonomy.RightParts);
        var words = new List<string>(head - start + 4);
        for (var j = start; j < head; j++)
        {
            if (tokens[j].Kind == TokenKind.Word)
            {
                words.Add(tokens[j].Of(text).ToString());
            }
        }

        var headWord = tokens[head].Of(text).ToString();
        for (var skip = 0; skip < words.Count; skip++)
        {
            var tier = Lookup(words, skip, headWord, text, tokens, head, rightEnd, out var usedRight);
            if (tier is null)
            {
                continue;
            }

            var firstToken = FirstWordToken(tokens, start, head, skip);
            var phraseEnd = usedRight ? rightEnd : head + 1;
            if (IsSectoral(text, tokens, first, end, firstToken, phraseEnd) || IsTermTalkedAbout(text, tokens, first, firstToken))
            {
                return null;
            }

            var qualifiedEnd = MatchAny(text, tokens, phraseEnd, end, taxonomy.Qualifiers);
            if (qualifiedEnd == phraseEnd)
            {
                qualifiedEnd = OpenQualifierEnd(text, tokens, phraseEnd, end);
            }

            var spanStart = ClosesQuoteOpenedBefore(tokens, first, firstToken, qualifiedEnd) ? firstToken - 1 : firstToken;
            var span = new TextSpan(tokens[spanStart].Start, tokens[qualifiedEnd - 1].End);
            return new TierMention(firstToken, head, qualifiedEnd, span, tier);
        }

        return null;
    }

    private TierDefinition? Lookup(List<string> words, int skip, string headWord, string text, List<Token> tokens, int head, int rightEnd, out bool usedRight)
    {
        var run = words.Skip(skip).Append(headWord).ToList();
        var baseKey = TierTaxonomy.VariantKey(run, taxonomy.Heads, taxonomy.Connectors);
        var keys = new List<string>(4);
        if (rightEnd > head + 1)
        {
            var right = new List<string>();
            for (var j = head + 1; j < rightEnd; j++)
            {
                right.Add(tokens[j].Of(text).ToString());
            }

            keys.Add(baseKey + " " + TierTaxonomy.VariantKey(right, taxonomy.Heads, taxonomy.Connectors));
        }

        keys.Add(baseKey);
        foreach (var key in keys)
        {
            if (taxonomy.Variants.TryGetValue(key, out var tier)
                || (key.Contains(" partner", StringComparison.Ordinal) && !key.Contains(" partnership", StringComparison.Ordinal)
                    && taxonomy.Variants.TryGetValue(key.Replace(" partner", " partnership", StringComparison.Ordinal), out tier)))
            {
                usedRight = keys.Count == 2 && key == keys[0];
                return tier;
            }
        }

        usedRight = false;
        return null;
    }

    /// <summary>
    /// 'a "special and privileged" strategic partnership': the run holds a closing quote whose opening quote stands
    /// right before it, so the phrase as written starts at that quote.
    /// </summary>
    private static bool ClosesQuoteOpenedBefore(List<Token> tokens, int first, int phraseStart, int phraseEnd)
    {
        var quotes = 0;
        for (var j = phraseStart; j < phraseEnd; j++)
        {
            if (tokens[j].Kind == TokenKind.Quote)
            {
                quotes++;
            }
        }

        return quotes % 2 == 1 && phraseStart > first && tokens[phraseStart - 1].Kind == TokenKind.Quote;
    }

    private static int FirstWordToken(List<Token> tokens, int start, int head, int skip)
    {
        var seen = 0;
        for (var j = start; j < head; j++)
        {
            if (tokens[j].Kind != TokenKind.Word)
            {
                continue;
            }

            if (seen == skip)
            {
                return j;
            }

            seen++;
        }

        return head;
    }

    /// <summary>
    /// "uses the language of strategic partnership", "terms like 'enhanced strategic partnership'": the phrase is a word
    /// being discussed, not a partnership being declared.
    /// </summary>
    private bool IsTermTalkedAbout(string text, List<Token> tokens, int first, int phraseStart)
    {
        var at = phraseStart;
        while (at > first && (tokens[at - 1].Kind == TokenKind.Quote || tokens[at - 1].Of(text) is "a" or "an" or "the" or "A" or "An" or "The"))
        {
            at--;
        }

        foreach (var context in taxonomy.TermContexts)
        {
            var begin = at - context.Length;
            if (begin < first)
            {
                continue;
            }

            var matched = true;
            for (var i = 0; i < context.Length && matched; i++)
            {
                matched = tokens[begin + i].Of(text).Equals(context[i], StringComparison.OrdinalIgnoreCase);
            }

            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsSectoral(string text, List<Token> tokens, int first, int end, int phraseStart, int phraseEnd)
    {
        if (phraseStart > first && tokens[phraseStart - 1].Kind == TokenKind.Word && taxonomy.SectoralBefore.GetAlternateLookup<ReadOnlySpan<char>>().Contains(tokens[phraseStart - 1].Of(text)))
        {
            return true;
        }

        if (phraseEnd >= end || tokens[phraseEnd].Kind != TokenKind.Word)
        {
            return false;
        }

        var next = tokens[phraseEnd].Of(text);
        if (!taxonomy.SectoralAfter.GetAlternateLookup<ReadOnlySpan<char>>().Contains(next))
        {
            return false;
        }

        if (!(next.Equals("in", StringComparison.OrdinalIgnoreCase) || next.Equals("on", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // "in"/"on" make it sectoral only when a sector follows: "in the energy sector", "on green hydrogen" — not "in 2019".
        var nouns = taxonomy.SectoralNouns.GetAlternateLookup<ReadOnlySpan<char>>();
        var sectors = taxonomy.SectoralBefore.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var j = phraseEnd + 1; j < end && j <= phraseEnd + SectoralLookahead; j++)
        {
            var word = tokens[j].Of(text);
            if (tokens[j].Kind != TokenKind.Word)
            {
                break;
            }

            if (nouns.Contains(word) || sectors.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private const int OpenQualifierReach = 15;

    private static readonly HashSet<string> ClauseOpeners = new(
        ["at", "in", "on", "during", "when", "which", "while", "as", "after", "before", "said", "the", "with", "under", "according", "and", "but"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>"... partnership featuring equality, mutual benefit and common development." runs to the next stop, if one comes soon.</summary>
    private int OpenQualifierEnd(string text, List<Token> tokens, int at, int end)
    {
        var opened = MatchAny(text, tokens, at, end, taxonomy.OpenQualifiers);
        if (opened == at)
        {
            return at;
        }

        for (var j = opened; j < end && j <= opened + OpenQualifierReach; j++)
        {
            var token = tokens[j].Of(text);
            if (token is "." or ";" or ":" or ")" || tokens[j].Kind == TokenKind.Quote)
            {
                return j;
            }

            // A comma inside the qualifier lists its values ("equality, mutual benefit"); one before a new clause ends it.
            if (token is "," && j + 1 < end && ClauseOpeners.Contains(tokens[j + 1].Of(text).ToString()))
            {
                return j;
            }
        }

        return opened + OpenQualifierReach < end ? at : end;
    }

    /// <summary>Index after the longest listed word sequence starting at <paramref name="at"/>, or <paramref name="at"/>.</summary>
    private static int MatchAny(string text, List<Token> tokens, int at, int end, IReadOnlyList<string[]> sequences)
    {
        foreach (var sequence in sequences)
        {
            if (at + sequence.Length > end)
            {
                continue;
            }

            var matched = true;
            for (var i = 0; i < sequence.Length && matched; i++)
            {
                matched = tokens[at + i].Of(text).Equals(sequence[i], StringComparison.OrdinalIgnoreCase);
            }

            if (matched)
            {
                return at + sequence.Length;
            }
        }

        return at;
    }

    /// <summary>
    /// One vectorised search for all head words, ignoring case (under invariant globalisation Contains(...,
    /// OrdinalIgnoreCase) compares character by character). A form that contains another ("partnership", "partner")
    /// adds nothing, so only the shortest of such a family is searched.
    /// </summary>
    private static SearchValues<string> HeadWordSearch(IReadOnlyCollection<string> forms) =>
        SearchValues.Create(
            [.. forms.Where(form => !forms.Any(other => other.Length < form.Length && form.Contains(other, StringComparison.OrdinalIgnoreCase)))],
            StringComparison.OrdinalIgnoreCase);
}
