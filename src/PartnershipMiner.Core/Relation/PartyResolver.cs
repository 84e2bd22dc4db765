using System.Collections.Frozen;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Relation;

/// <summary>A set of parties a tier phrase belongs to, with how sure the rule that found it is.</summary>
public sealed record PartyAssignment(IReadOnlyList<string> Parties, double Confidence, string Rule);

/// <summary>
/// Decides which parties a tier phrase belongs to, from the structure of its sentence first and the document's dyad
/// second: a compound right before the phrase ("the China-Pakistan all-weather ..."), "between X and Y", a subject
/// with a "with" list ("Vietnam has comprehensive strategic partnerships with China, Russia and India": one record per
/// partner), a list beside one other party ("the SCO granted Egypt and Qatar dialogue partner status"), a plain pair,
/// and finally "the two sides" or a lone party resolved to the document's dyad.
/// </summary>
public static class PartyResolver
{
    private static readonly FrozenSet<string> ListGlue = FrozenSet.ToFrozenSet(
        [",", "and", "&", "as", "well", "the", "or", "'s"], StringComparer.OrdinalIgnoreCase);

    public static List<PartyAssignment> Resolve(
        string text,
        List<Token> tokens,
        int first,
        int end,
        TierMention tier,
        IReadOnlyList<PartyMention> mentions,
        DocumentDyad? dyad,
        IReadOnlyList<string> rankedParties,
        Gazetteer gazetteer)
    {
        var result = new List<PartyAssignment>();
        var groups = Group(text, tokens, mentions);
        var codes = Distinct(mentions);

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

        if (WithList(text, tokens, first, tier, groups, mentions, dyad, rankedParties) is { Count: > 0 } withPairs)
        {
            result.AddRange(withPairs.Select(p => new PartyAssignment(p, 0.85, "with")));
            return result;
        }

        // With several lists ("A and B are observers, whereas C, D and E are dialogue partners"), the one nearest the phrase is its list.
        var nearestList = groups.Where(g => Distinct(g.Members).Count >= 2 && !g.IsCompound).MinBy(g => Distance(g, tier));
        if (nearestList is not null)
        {
            var list = Distinct(nearestList.Members);
            var outsiders = codes.Where(c => !list.Contains(c)).ToList();
            var organisations = outsiders.Where(gazetteer.IsOrganisation).ToList();
            var partner = outsiders.Count == 1 ? outsiders[0]
                : organisations.Count == 1 && !list.Any(gazetteer.IsOrganisation) ? organisations[0]
                : null;
            if (partner is not null && (list.Count >= 3 || gazetteer.IsOrganisation(partner)))
            {
                result.AddRange(list.Select(c => new PartyAssignment(Pair(partner, c), 0.8, "list")));
                return result;
            }

            if (list.Count == 2 && outsiders.Count <= 1)
            {
                result.Add(new PartyAssignment(Pair(list[0], list[1]), 0.85, "coordinated"));
                return result;
            }
        }

        switch (codes.Count)
        {
            case 2:
                result.Add(new PartyAssignment(Pair(codes[0], codes[1]), 0.85, "pair"));
                break;
            case 1 when dyad is not null && dyad.Contains(codes[0]):
                result.Add(new PartyAssignment(Pair(dyad.First, dyad.Second), 0.75, "one+dyad"));
                break;
            case 1 when rankedParties.FirstOrDefault(c => c != codes[0]) is { } other:
                result.Add(new PartyAssignment(Pair(codes[0], other), 0.5, "one+document"));
                break;
            case 0 when dyad is not null:
                result.Add(new PartyAssignment(Pair(dyad.First, dyad.Second), 0.6, "dyad"));
                break;
            case > 2 when dyad is not null && codes.Contains(dyad.First) && codes.Contains(dyad.Second):
                result.Add(new PartyAssignment(Pair(dyad.First, dyad.Second), 0.7, "many+dyad"));
                break;
            case > 2:
                var nearest = mentions.OrderBy(m => Distance(m, tier)).Select(m => m.Code).Distinct().Take(2).ToList();
                result.Add(new PartyAssignment(Pair(nearest[0], nearest[1]), 0.5, "nearest"));
                break;
            default:
                break;
        }

        return result;
    }

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
    internal sealed record MentionGroup(List<PartyMention> Members, bool IsCompound)
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

    /// <summary>The token of the "with" right before a group ("with the U.S."), or -1.</summary>
    private static int WithBefore(string text, List<Token> tokens, int first, MentionGroup group)
    {
        var before = group.FirstToken - 1;
        while (before >= first && tokens[before].Of(text) is "the" or "The")
        {
            before--;
        }

        return before >= first && tokens[before].Of(text).Equals("with", StringComparison.OrdinalIgnoreCase) ? before : -1;
    }

    private static List<string[]>? WithList(
        string text,
        List<Token> tokens,
        int first,
        TierMention tier,
        List<MentionGroup> groups,
        IReadOnlyList<PartyMention> mentions,
        DocumentDyad? dyad,
        IReadOnlyList<string> rankedParties)
    {
        // The "with" list nearest the phrase is its own: "signed a deal with the U.S. and upgraded ties with Japan to a ...";
        // the partners of other "with" lists are not its subject.
        var withGroups = groups.Where(g => WithBefore(text, tokens, first, g) >= 0).ToList();
        foreach (var group in withGroups.OrderBy(g => Distance(g, tier)))
        {
            var before = WithBefore(text, tokens, first, group);

            // Only a "with" that belongs to the phrase: right after it, or before it with the phrase following.
            if (group.FirstToken < tier.FirstToken - 3 && before < tier.FirstToken && !(group.EndToken > tier.FirstToken - 12))
            {
                continue;
            }

            var objects = Distinct(group.Members);
            var otherPartners = withGroups.Where(g => g != group).SelectMany(g => g.Members).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            var subjects = Distinct(mentions.Where(m => m.EndToken <= before && !objects.Contains(m.Code) && !otherPartners.Contains(m.Code)));
            string? subject = subjects.Count switch
            {
                1 => subjects[0],
                0 when dyad is not null && objects.Count(dyad.Contains) == 1 => objects.Contains(dyad.First) ? dyad.Second : dyad.First,
                0 => rankedParties.FirstOrDefault(c => !objects.Contains(c)),
                _ => null,
            };
            if (subject is null)
            {
                return null;
            }

            return [.. objects.Where(o => o != subject).Select(o => Pair(subject, o))];
        }

        return null;
    }
}
