using System.Collections.Frozen;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Relation;

/// <summary>A set of parties a tier phrase belongs to, with how sure the rule that found it is.</summary>
/// <summary>
/// A set of parties a tier phrase belongs to, with how sure the rule that found it is. <see cref="StatusOnly"/> marks a
/// pair the sentence cites as an existing status beside the act it reports ("..., the level it has with China").
/// </summary>
public sealed record PartyAssignment(IReadOnlyList<string> Parties, double Confidence, string Rule, bool StatusOnly = false);

/// <summary>
/// Decides which parties a tier phrase belongs to, from the structure of its sentence first and the document's dyad
/// second: a compound right before the phrase ("the China-Pakistan all-weather ..."), "between X and Y", a subject
/// with a "with" list ("Vietnam has comprehensive strategic partnerships with China, Russia and India": one record per
/// partner), a list beside one other party ("the SCO granted Egypt and Qatar dialogue partner status"), a plain pair,
/// and finally "the two sides" or a lone party resolved to the document's dyad.
/// </summary>
public static class PartyResolver
{
    /// <summary>
    /// Words by which a sentence refers back to a pair already named: "the two sides", "their ties", "bilateral relations".
    /// Looser than the document view's anaphora on purpose: here they only decide whether a sentence that names one party
    /// of the document's pair, next to a tier phrase, speaks of the pair.
    /// </summary>
    private static readonly string[] PairReferences =
    [
        "two sides", "both sides", "the two", "both countries", "both nations", "both leaders", "both parties", "both governments",
        "bilateral", "ties", "relations", "their relationship", "bilateral relationship", "each other",
    ];

    /// <summary>Words that point back to a party already named: "with the bloc", "with the kingdom", "with it", "with each other".</summary>
    private static readonly FrozenSet<string> PartyReferences = FrozenSet.ToFrozenSet(
        ["bloc", "organisation", "organization", "union", "grouping", "association", "community", "forum", "kingdom", "republic",
         "country", "nation", "state", "emirate", "federation", "island", "islands", "it", "them", "each", "both", "one", "its",
         "their", "his", "her", "our", "your", "former", "latter", "partner", "neighbour", "neighbor"],
        StringComparer.OrdinalIgnoreCase);

    private static bool RefersToParty(string text, List<Token> tokens, int at, int end)
    {
        var lookup = PartyReferences.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var j = at; j < end && j < at + 3; j++)
        {
            var word = tokens[j].Of(text);
            if (lookup.Contains(word))
            {
                return true;
            }

            if (!(word is "the" or "The" or "this" or "that"))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Words allowed between "with" and its list: "with countries such as Iran or North Korea", "with, among others, ...".</summary>
    private static readonly FrozenSet<string> WithFillers = FrozenSet.ToFrozenSet(
        ["countries", "nations", "states", "like", "such", "as", "including", "among", "them", "others", "e.g.", ",", "(", "partners", "other", "several", "key",
         "international", "regional", "organizations", "organisations", "blocs", "groupings", "institutions", "major", "powers"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ListGlue = FrozenSet.ToFrozenSet(
        [",", "and", "&", "as", "well", "the", "or", "'s"], StringComparer.OrdinalIgnoreCase);

    public static List<PartyAssignment> Resolve(
        string text,
        List<Token> tokens,
        int first,
        int end,
        TierMention tier,
        IReadOnlyList<TierMention> sentenceTiers,
        IReadOnlyList<PartyMention> mentions,
        DocumentDyad? dyad,
        IReadOnlyList<string> rankedParties,
        Gazetteer gazetteer) =>
        Resolve(text, tokens, first, end, tier, sentenceTiers, new SentenceParties(text, tokens, mentions), dyad, rankedParties, gazetteer);

    /// <summary>
    /// The mentions of one sentence with their groups, built once for all of its tier phrases: a long sentence may
    /// hold hundreds of each.
    /// </summary>
    internal sealed class SentenceParties(string text, List<Token> tokens, IReadOnlyList<PartyMention> mentions)
    {
        public IReadOnlyList<PartyMention> Mentions { get; } = mentions;

        public List<MentionGroup> Groups { get; } = Group(text, tokens, mentions);

        public List<string> Codes { get; } = Distinct(mentions);

        private bool? refersToPair;

        /// <summary>Whether the sentence refers back to a pair; read once, on first need, as it scans the whole sentence.</summary>
        public bool RefersToPair(int first, int end) => refersToPair ??= PartyResolver.RefersToPair(text, tokens, first, end);
    }

    internal static List<PartyAssignment> Resolve(
        string text,
        List<Token> tokens,
        int first,
        int end,
        TierMention tier,
        IReadOnlyList<TierMention> sentenceTiers,
        SentenceParties sentence,
        DocumentDyad? dyad,
        IReadOnlyList<string> rankedParties,
        Gazetteer gazetteer)
    {
        var result = new List<PartyAssignment>();
        var mentions = sentence.Mentions;
        var groups = sentence.Groups;
        var codes = sentence.Codes;

        // A status an organisation grants ("dialogue partner") pairs an organisation with a country; in a sentence that names
        // no organisation, the organisation is the one the document is about. Its holders are the parties of the phrase's
        // own clause when a contrast splits the sentence: in "Iran is among its observers, whereas Armenia, Azerbaijan and
        // Nepal are its dialogue partners", not Iran.
        if (IsOrganisationStatus(tier, gazetteer) && !codes.Any(gazetteer.IsOrganisation))
        {
            var grantor = rankedParties.FirstOrDefault(c => gazetteer.IsOrganisation(c) && tier.Tier.Systems.Contains(c));
            if (grantor is not null)
            {
                var (clauseStart, clauseEnd) = ContrastClause(text, tokens, first, end, tier);
                var holders = Distinct(mentions.Where(m => m.FirstToken >= clauseStart && m.EndToken <= clauseEnd));
                result.AddRange((holders.Count > 0 ? holders : codes).Select(c => new PartyAssignment(Pair(grantor, c), 0.7, "status")));
            }

            return result;
        }

        // "strategic partnerships with international organizations": the partners are named, and they are no party of ours.
        if (tier.EndToken < end && tokens[tier.EndToken].Of(text).Equals("with", StringComparison.OrdinalIgnoreCase)
            && !groups.Exists(g => WithBefore(text, tokens, first, g.FirstToken) == tier.EndToken)
            && !RefersToParty(text, tokens, tier.EndToken + 1, end))
        {
            return result;
        }

        var compound = CompoundBefore(text, tokens, tier.FirstToken, groups);
        if (compound is not null)
        {
            result.Add(new PartyAssignment(compound, 0.95, "compound"));
            return result;
        }

        var between = Between(text, tokens, first, groups);
        if (between is not null)
        {
            result.Add(new PartyAssignment(between, 0.9, "between"));
            return result;
        }

        if (WithList(text, tokens, first, tier, sentenceTiers, groups, mentions, dyad, rankedParties) is { Count: > 0 } withPairs)
        {
            result.AddRange(withPairs.Select(p => new PartyAssignment(p, 0.85, "with")));
            return result;
        }

        if (ComparedStatus(text, tokens, first, tier, groups, mentions) is { } compared)
        {
            result.Add(new PartyAssignment(compared.Pair, 0.8, "pair"));
            result.AddRange(compared.Others.Select(p => new PartyAssignment(p, 0.6, "compared-with", StatusOnly: true)));
            return result;
        }

        // With several lists ("A and B are observers, whereas C, D and E are dialogue partners"), the one nearest the phrase is its list.
        var nearestList = groups.Where(g => Distinct(g.Members).Count >= 2 && !g.IsCompound).MinBy(g => Distance(g, tier));
        if (nearestList is not null)
        {
            var list = Distinct(nearestList.Members);
            var outsiders = codes.Where(c => !list.Contains(c)).ToList();
            var ownLadder = outsiders.Where(o => gazetteer.IsOrganisation(o) && tier.Tier.Systems.Contains(o)).ToList();
            // Of several parties outside the list, the one in subject position, before the phrase ("the EU had ten
            // 'strategic partners' (Brazil, ...), alongside ... NATO") is the partner of the list.
            var subjects = outsiders.Where(o => mentions.First(m => m.Code == o).EndToken <= tier.FirstToken).ToList();
            var partner = outsiders.Count == 1 && (list.Count >= 3 || ownLadder.Count == 1) ? outsiders[0]
                : ownLadder.Count == 1 && !list.Any(gazetteer.IsOrganisation) ? ownLadder[0]
                : subjects.Count == 1 && list.Count >= 3 && nearestList.FirstToken >= tier.EndToken ? subjects[0]
                : null;
            if (partner is not null)
            {
                result.AddRange(list.Select(c => new PartyAssignment(Pair(partner, c), 0.8, "list")));
                return result;
            }

            var nearestGroup = groups.MinBy(g => Distance(g, tier));
            if (list.Count == 2 && !nearestList.IsDisjunction && (outsiders.Count <= 1 || nearestGroup == nearestList))
            {
                result.Add(new PartyAssignment(Pair(list[0], list[1]), 0.85, "coordinated"));
                return result;
            }

            // A list with no partner beside it, in a text about one party's network ("| Strategic Partnership | Germany, India, Brazil |"
            // under "China's partnership system"): the main party, when the tier is on its ladder.
            if (outsiders.Count == 0 && PartyRanking.DominantOf(rankedParties) is { } main && !list.Contains(main) && tier.Tier.Systems.Contains(main))
            {
                result.AddRange(list.Select(c => new PartyAssignment(Pair(main, c), 0.6, "network")));
                return result;
            }
        }

        // A plural phrase with at most one party named ("China has built strategic partnerships") speaks of a network, not a pair.
        if (codes.Count <= 1 && IsPluralPartnership(text, tokens, tier))
        {
            return result;
        }

        var oneList = nearestList is not null && Distinct(nearestList.Members).Count == codes.Count;
        switch (codes.Count)
        {
            case 2:
                result.Add(new PartyAssignment(Pair(codes[0], codes[1]), 0.85, "pair"));
                break;
            case 1 when dyad is not null && dyad.Contains(codes[0]) && (dyad.FromTitle || sentence.RefersToPair(first, end)):
                result.Add(new PartyAssignment(Pair(dyad.First, dyad.Second), 0.75, "one+dyad"));
                break;

            // One partner named in a text about one party's network ("| China | comprehensive strategic partnership | 2008 |"
            // in a piece on Vietnam's ties): the main party, when the tier is on its ladder.
            case 1 when PartyRanking.DominantOf(rankedParties) is { } main && main != codes[0] && tier.Tier.Systems.Contains(main):
                result.Add(new PartyAssignment(Pair(main, codes[0]), 0.55, "one+network"));
                break;
            case 0 when dyad is not null && (dyad.FromTitle || sentence.RefersToPair(first, end)):
                result.Add(new PartyAssignment(Pair(dyad.First, dyad.Second), 0.6, "dyad"));
                break;
            case > 2 when dyad is not null && !oneList && codes.Contains(dyad.First) && codes.Contains(dyad.Second):
                result.Add(new PartyAssignment(Pair(dyad.First, dyad.Second), 0.7, "many+dyad"));
                break;
            default:
                break;
        }

        return result;
    }

    private static bool RefersToPair(string text, List<Token> tokens, int first, int end)
    {
        if (first >= end)
        {
            return false;
        }

        var sentence = text.AsSpan(tokens[first].Start, tokens[end - 1].End - tokens[first].Start);
        foreach (var phrase in PairReferences)
        {
            var at = sentence.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            var after = at + phrase.Length;
            if (at >= 0 && (at == 0 || !char.IsLetter(sentence[at - 1])) && (after >= sentence.Length || !char.IsLetter(sentence[after])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The tokens of the clause that holds the tier phrase, between the contrast words ("whereas", "while", "whilst",
    /// "but") or semicolons around it; the whole sentence when there are none.
    /// </summary>
    private static (int Start, int End) ContrastClause(string text, List<Token> tokens, int first, int end, TierMention tier)
    {
        var (start, stop) = (first, end);
        for (var j = first; j < end; j++)
        {
            var word = tokens[j].Of(text);
            if (word is ";" || word.Equals("whereas", StringComparison.OrdinalIgnoreCase) || word.Equals("while", StringComparison.OrdinalIgnoreCase)
                || word.Equals("whilst", StringComparison.OrdinalIgnoreCase) || word.Equals("but", StringComparison.OrdinalIgnoreCase))
            {
                if (j < tier.FirstToken)
                {
                    start = j + 1;
                }
                else if (j >= tier.EndToken)
                {
                    stop = j;
                    break;
                }
            }
        }

        return (start, stop);
    }

    private static bool IsOrganisationStatus(TierMention tier, Gazetteer gazetteer) =>
        tier.Tier.Systems.Count > 0 && tier.Tier.Systems.All(gazetteer.IsOrganisation);

    private static bool IsPluralPartnership(string text, List<Token> tokens, TierMention tier) =>
        tokens[tier.HeadToken].Of(text).Equals("partnerships", StringComparison.OrdinalIgnoreCase);

    private static int Distance(PartyMention m, TierMention tier) => Distance(m.FirstToken, m.EndToken, tier);

    private static int Distance(MentionGroup g, TierMention tier) => Distance(g.FirstToken, g.EndToken, tier);

    private static int Distance(int firstToken, int endToken, TierMention tier) =>
        endToken <= tier.FirstToken ? tier.FirstToken - endToken : Math.Max(0, firstToken - tier.EndToken);

    internal static string[] Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? [a, b] : [b, a];

    private static List<string> Distinct(IEnumerable<PartyMention> mentions)
    {
        var codes = new List<string>();
        foreach (var m in mentions)
        {
            if (!codes.Contains(m.Code))
            {
                codes.Add(m.Code);
            }
        }

        return codes;
    }

    /// <summary>Mentions joined only by commas, "and", "as well as" or a hyphen form one group ("China, Russia and India", "Sino-Russian").</summary>
    internal sealed record MentionGroup(List<PartyMention> Members, bool IsCompound, bool IsDisjunction = false)
    {
        public int FirstToken => Members[0].FirstToken;

        public int EndToken => Members[^1].EndToken;
    }

    private static List<MentionGroup> Group(string text, List<Token> tokens, IReadOnlyList<PartyMention> mentions)
    {
        var glue = ListGlue.GetAlternateLookup<ReadOnlySpan<char>>();
        var groups = new List<MentionGroup>();
        foreach (var mention in mentions)
        {
            if (groups.Count > 0)
            {
                var last = groups[^1];
                var gap = last.EndToken;
                var hyphenOnly = mention.FirstToken == gap + 1 && tokens[gap].Kind == TokenKind.Hyphen;
                var glued = gap < mention.FirstToken;
                for (var j = gap; j < mention.FirstToken && glued; j++)
                {
                    glued = tokens[j].Kind == TokenKind.Hyphen || glue.Contains(tokens[j].Of(text));
                }

                if (hyphenOnly && (last.IsCompound || last.Members.Count == 1))
                {
                    last.Members.Add(mention);
                    groups[^1] = last with { IsCompound = true };
                    continue;
                }

                if (glued && !last.IsCompound)
                {
                    last.Members.Add(mention);
                    var or = false;
                    for (var j = gap; j < mention.FirstToken; j++)
                    {
                        or |= tokens[j].Of(text).Equals("or", StringComparison.OrdinalIgnoreCase);
                    }

                    groups[^1] = last with { IsDisjunction = last.IsDisjunction || or };
                    continue;
                }
            }

            groups.Add(new MentionGroup([mention], false));
        }

        return groups;
    }

    /// <summary>"the China-Pakistan all-weather ...", "Sino-Russian comprehensive ...", "India-EU strategic partnership".</summary>
    private static string[]? CompoundBefore(string text, List<Token> tokens, int tierStart, List<MentionGroup> groups)
    {
        foreach (var group in groups)
        {
            if (!group.IsCompound)
            {
                continue;
            }

            var j = group.EndToken;
            while (j < tierStart && (tokens[j].Kind == TokenKind.Quote || tokens[j].Of(text) is "'s" or "'"))
            {
                j++;
            }

            var codes = Distinct(group.Members);
            if (j == tierStart && codes.Count == 2)
            {
                return Pair(codes[0], codes[1]);
            }
        }

        return null;
    }

    /// <summary>"... and did the same with Moscow", "as it also did with": a "with" that repeats the act for another partner.</summary>
    private static bool IsEllipsis(string text, List<Token> tokens, int first, int withToken)
    {
        for (var j = withToken - 1; j >= first && j >= withToken - 4; j--)
        {
            if (tokens[j].Of(text) is "same" or "similar" or "also" or "likewise" or "did" or "does" or "too")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the "with" that governs a list starting at <paramref name="groupStart"/>, or -1.</summary>
    private static int WithBefore(string text, List<Token> tokens, int first, int groupStart)
    {
        var fillers = WithFillers.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var j = groupStart - 1; j >= first && j >= groupStart - 5; j--)
        {
            var word = tokens[j].Of(text);
            if (word.Equals("with", StringComparison.OrdinalIgnoreCase))
            {
                return j;
            }

            if (!(word is "the" or "The" || fillers.Contains(word)))
            {
                return -1;
            }
        }

        return -1;
    }

    private static string[]? Between(string text, List<Token> tokens, int first, List<MentionGroup> groups)
    {
        foreach (var group in groups)
        {
            var before = group.FirstToken - 1;
            while (before >= first && tokens[before].Of(text) is "the" or "The")
            {
                before--;
            }

            var codes = Distinct(group.Members);
            if (before >= first && tokens[before].Of(text).Equals("between", StringComparison.OrdinalIgnoreCase) && codes.Count == 2)
            {
                return Pair(codes[0], codes[1]);
            }
        }

        return null;
    }

    private static List<string[]>? WithList(
        string text,
        List<Token> tokens,
        int first,
        TierMention tier,
        IReadOnlyList<TierMention> sentenceTiers,
        List<MentionGroup> groups,
        IReadOnlyList<PartyMention> mentions,
        DocumentDyad? dyad,
        IReadOnlyList<string> rankedParties)
    {
        // The "with" after the phrase is its own ("... partnerships concluded with Egypt in March and with Tunisia in July");
        // one before it counts only when it is close and no "with" follows.
        // Before it, the nearest in its own clause: "signed a deal with the U.S. and upgraded ties with Japan to a ..." is
        // Japan's, and "upgraded relations with Beijing to a ..., and did the same with Moscow" adds Moscow.
        var withGroups = groups.Where(g => WithBefore(text, tokens, first, g.FirstToken) >= 0).ToList();
        var after = withGroups.Where(g => g.FirstToken >= tier.EndToken).ToList();
        var before = withGroups
            .Where(g => g.EndToken <= tier.FirstToken && g.EndToken > tier.FirstToken - 12 && !sentenceTiers.Any(t => t.FirstToken >= g.EndToken && t.EndToken <= tier.FirstToken))
            .MinBy(g => Distance(g, tier));
        var chosen = before is null
            ? after
            : [before, .. after.Where(g => IsEllipsis(text, tokens, first, WithBefore(text, tokens, first, g.FirstToken)))];
        if (chosen.Count == 0)
        {
            return null;
        }

        var withToken = WithBefore(text, tokens, first, chosen[0].FirstToken);
        var objects = Distinct(chosen.SelectMany(g => g.Members));

        // Partners of another "with" ("a deal with the U.S.") are not the subject either.
        var otherPartners = withGroups.Except(chosen).SelectMany(g => g.Members).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var candidates = mentions.Where(m => m.EndToken <= withToken && !objects.Contains(m.Code) && !otherPartners.Contains(m.Code)).ToList();

        // A colon or semicolon starts a clause of its own; one that names a subject keeps it ("India and Japan adopted the
        // practice: India had some twenty strategic partnerships, one with the EU" is India's).
        var clauseStart = LastClauseBreak(text, tokens, first, withToken);
        if (clauseStart >= 0 && candidates.Exists(m => m.FirstToken > clauseStart))
        {
            candidates.RemoveAll(m => m.FirstToken < clauseStart);
        }

        var subjects = Distinct(candidates);

        // "Myanmar and Thailand agreed to ... partnerships with Beijing": each coordinated subject with the one object.
        if (objects.Count == 1 && subjects.Count >= 2 && groups.Any(g => !g.IsDisjunction && Distinct(g.Members).Count == subjects.Count && subjects.All(s => g.Members.Exists(m => m.Code == s))))
        {
            return [.. subjects.Select(s => Pair(s, objects[0]))];
        }

        string? subject = subjects.Count switch
        {
            1 => subjects[0],
            0 => ImpliedSubject(tier, objects, dyad, rankedParties),
            _ => null,
        };
        if (subject is null)
        {
            return null;
        }

        return [.. objects.Where(o => o != subject).Select(o => Pair(subject, o))];
    }

    /// <summary>The last ':' or ';' token in [<paramref name="first"/>, <paramref name="end"/>), or -1.</summary>
    private static int LastClauseBreak(string text, List<Token> tokens, int first, int end)
    {
        for (var i = end - 1; i >= first; i--)
        {
            if (tokens[i].Kind == TokenKind.Punctuation && tokens[i].Of(text) is ":" or ";")
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Who holds partnerships "with X" when the sentence does not say: the other member of the document's pair, preferring
    /// a party on whose ladder the tier sits, then the document's main party.
    /// </summary>
    private static string? ImpliedSubject(TierMention tier, List<string> objects, DocumentDyad? dyad, IReadOnlyList<string> rankedParties)
    {
        var candidates = dyad is null ? [] : new[] { dyad.First, dyad.Second }.Where(c => !objects.Contains(c)).ToList();
        if (candidates.Count == 2)
        {
            var onLadder = candidates.Where(tier.Tier.Systems.Contains).ToList();
            candidates = onLadder.Count == 1 ? onLadder : candidates.Take(1).ToList();
        }

        return candidates.Count == 1 && objects.Count(o => dyad!.Contains(o)) <= 1 ? candidates[0] : rankedParties.FirstOrDefault(c => !objects.Contains(c));
    }

    /// <summary>
    /// "X and Y raised ties to a comprehensive strategic partnership, on a par with the one it has with A and B": the pair
    /// acts, and the later "with" list names the partners that one of them already holds the tier with. That one is the
    /// pair member whose own ladder the tier belongs to (the taxonomy's systems).
    /// </summary>
    private static (string[] Pair, List<string[]> Others)? ComparedStatus(
        string text,
        List<Token> tokens,
        int first,
        TierMention tier,
        List<MentionGroup> groups,
        IReadOnlyList<PartyMention> mentions)
    {
        foreach (var group in groups)
        {
            var before = WithBefore(text, tokens, first, group.FirstToken);
            if (group.FirstToken <= tier.EndToken || before < 0)
            {
                continue;
            }

            var objects = Distinct(group.Members);
            var subjects = Distinct(mentions.Where(m => m.EndToken <= tier.FirstToken && !objects.Contains(m.Code)));
            if (subjects.Count != 2)
            {
                return null;
            }

            var owners = subjects.Where(s => tier.Tier.Systems.Contains(s)).ToList();
            if (owners.Count != 1)
            {
                return null;
            }

            return (Pair(subjects[0], subjects[1]), [.. objects.Where(o => o != owners[0]).Select(o => Pair(owners[0], o))]);
        }

        return null;
    }
}
