using System.Text.Json;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Spotting;

/// <summary>What kind of cue a word sequence is: an event verb, or a word that negates, defers or makes it future.</summary>
public enum CueKind : byte
{
    Event,
    Negation,
    Unfulfilled,
    Future,
}

public sealed record Cue(CueKind Kind, PartnershipEvent Event, int Length);

/// <summary>The event cue words of the taxonomy, as a token trie (lower case).</summary>
public sealed class EventLexicon
{
    private EventLexicon(TokenTrie<Cue> trie) => Trie = trie;

    internal TokenTrie<Cue> Trie { get; }

    internal static EventLexicon Parse(JsonElement events)
    {
        var trie = new TokenTrie<Cue>(StringComparer.OrdinalIgnoreCase);
        void Add(string property, CueKind kind, PartnershipEvent ev)
        {
            foreach (var phrase in TierTaxonomy.Strings(events, property))
            {
                var words = TierTaxonomy.Words(phrase);
                trie.Add(words, new Cue(kind, ev, words.Count));
            }
        }

        // Order matters where one phrase is listed twice: the first class added keeps it.
        Add("unfulfilled", CueKind.Unfulfilled, PartnershipEvent.Planned);
        Add("downgraded", CueKind.Event, PartnershipEvent.Downgraded);
        Add("planned", CueKind.Event, PartnershipEvent.Planned);
        Add("upgraded", CueKind.Event, PartnershipEvent.Upgraded);
        Add("established", CueKind.Event, PartnershipEvent.Established);
        Add("reaffirmed", CueKind.Event, PartnershipEvent.Reaffirmed);

        // State verbs ("has had", "is", "remain") compete by distance like act verbs: nearer to the phrase, they make it a mention.
        Add("mentioned", CueKind.Event, PartnershipEvent.Mentioned);
        Add("negation", CueKind.Negation, PartnershipEvent.Mentioned);
        Add("future", CueKind.Future, PartnershipEvent.Planned);
        return new EventLexicon(trie);
    }
}
