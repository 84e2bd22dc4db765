using System.Collections.Frozen;
using System.Text.Json;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Spotting;

public enum PartyKind : byte
{
    Country,
    Organisation,
    Observer,
    Territory,
}

public enum MentionKind : byte
{
    Name,
    Demonym,
    Prefix,
    Capital,
    Leader,
    Region,
}

public sealed record PartyInfo(string Code, PartyKind Kind, string Name);

internal sealed record GazetteerEntry(string? Code, MentionKind Kind, bool Ambiguous)
{
    public bool IsBlocker => Code is null;
}

/// <summary>
/// Countries and organisations with every way the press names them (names, former names, demonyms, combining prefixes,
/// capitals and seats of government). Loaded once from <c>models/gazetteer.v1.json</c>; the host reads the file, this
/// type only parses text. Names are matched case-sensitively ("US" is not "us", "Turkey" is not "turkey").
/// </summary>
public sealed class Gazetteer
{
    private Gazetteer(string version, FrozenDictionary<string, PartyInfo> parties, TokenTrie<GazetteerEntry> trie)
    {
        Version = version;
        Parties = parties;
        Trie = trie;
    }

    public string Version { get; }

    public FrozenDictionary<string, PartyInfo> Parties { get; }

    internal TokenTrie<GazetteerEntry> Trie { get; }

    public static Gazetteer Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var version = root.GetProperty("version").GetString() ?? throw new InvalidDataException("gazetteer: no version");
        var trie = new TokenTrie<GazetteerEntry>(StringComparer.Ordinal);
        var parties = new Dictionary<string, PartyInfo>(StringComparer.Ordinal);

        // Blockers first: the first value for a token sequence wins, and a blocker must beat a name it contains only by length,
        // never by being overwritten.
        if (root.TryGetProperty("blockers", out var blockers))
        {
            var blocker = new GazetteerEntry(null, MentionKind.Name, false);
            foreach (var phrase in blockers.EnumerateArray())
            {
                trie.Add(TokenStrings(phrase.GetString()!), blocker);
            }
        }

        foreach (var party in root.GetProperty("parties").EnumerateArray())
        {
            var code = party.GetProperty("code").GetString() ?? throw new InvalidDataException("gazetteer: a party without code");
            var kind = party.GetProperty("kind").GetString() switch
            {
                "organisation" => PartyKind.Organisation,
                "observer" => PartyKind.Observer,
                "territory" => PartyKind.Territory,
                _ => PartyKind.Country,
            };
            parties[code] = new PartyInfo(code, kind, party.GetProperty("name").GetString() ?? code);
            var ambiguous = ReadStrings(party, "ambiguous").ToHashSet(StringComparer.Ordinal);
            void AddAll(string property, MentionKind mention)
            {
                foreach (var name in ReadStrings(party, property))
                {
                    trie.Add(TokenStrings(name), new GazetteerEntry(code, mention, ambiguous.Contains(name)));
                }
            }

            AddAll("names", MentionKind.Name);
            AddAll("formerNames", MentionKind.Name);
            AddAll("demonyms", MentionKind.Demonym);
            AddAll("prefixes", MentionKind.Prefix);
            AddAll("capitals", MentionKind.Capital);
            AddAll("leaders", MentionKind.Leader);
            AddAll("regions", MentionKind.Region);
        }

        return new Gazetteer(version, parties.ToFrozenDictionary(StringComparer.Ordinal), trie);
    }

    public bool IsOrganisation(string code) => Parties.TryGetValue(code, out var info) && info.Kind == PartyKind.Organisation;

    private static IEnumerable<string> ReadStrings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString()).OfType<string>()
            : [];

    internal static string[] TokenStrings(string phrase)
    {
        var tokens = Tokenizer.Tokenize(phrase);
        return [.. tokens.Select(t => phrase.Substring(t.Start, t.Length))];
    }
}
