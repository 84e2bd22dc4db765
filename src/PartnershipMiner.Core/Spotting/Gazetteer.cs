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

    /// <summary>Reads a gazetteer; a file of the wrong shape is an <see cref="InvalidDataException"/> saying what and where.</summary>
    public static Gazetteer Parse(string json) => ModelJson.Parse("gazetteer", () => ParseDocument(json));

    private static Gazetteer ParseDocument(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var version = ModelJson.Text(root, "version", "gazetteer");
        var trie = new TokenTrie<GazetteerEntry>(StringComparer.Ordinal);
        var parties = new Dictionary<string, PartyInfo>(StringComparer.Ordinal);

        // Blockers first: the first value for a token sequence wins, and a blocker must beat a name it contains only by length,
        // never by being overwritten.
        if (root.TryGetProperty("blockers", out var blockers))
        {
            var blocker = new GazetteerEntry(null, MentionKind.Name, false);
            foreach (var phrase in blockers.EnumerateArray())
            {
                trie.Add(TokenStrings(phrase.GetString() ?? throw new InvalidDataException("gazetteer: blockers: null instead of a phrase")), blocker);
            }
        }

        var index = 0;
        foreach (var party in ModelJson.Required(root, "parties", "gazetteer").EnumerateArray())
        {
            var where = $"gazetteer: parties[{index++}]";
            var code = ModelJson.Text(party, "code", where);
            where += $" ('{code}')";
            var kind = ModelJson.Text(party, "kind", where) switch
            {
                "country" => PartyKind.Country,
                "organisation" => PartyKind.Organisation,
                "observer" => PartyKind.Observer,
                "territory" => PartyKind.Territory,
                var other => throw new InvalidDataException($"{where}: kind '{other}' is none of country, organisation, observer, territory"),
            };
            parties[code] = new PartyInfo(code, kind, ModelJson.Text(party, "name", where));
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

        if (parties.Count == 0)
        {
            throw new InvalidDataException("gazetteer: no parties");
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
