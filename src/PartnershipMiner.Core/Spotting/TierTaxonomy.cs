using System.Collections.Frozen;
using System.Text.Json;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Spotting;

/// <summary>One rung of a partnership ladder: its canonical lowercase name and its rank (1 is highest).</summary>
public sealed record TierDefinition(string Name, int Rank, IReadOnlyList<string> Systems);

/// <summary>
/// The tier systems as data (<c>models/taxonomy.v1.json</c>): tiers with their variants, the modifier words a tier
/// phrase is built of, qualifiers that stay with the written phrase ("for a new era"), the contexts that make a
/// partnership sectoral rather than a tier, and the cue words of each event.
/// </summary>
public sealed class TierTaxonomy
{
    private TierTaxonomy() { }

    public string Version { get; init; } = "";

    public IReadOnlyList<TierDefinition> Tiers { get; init; } = [];

    /// <summary>Head words ("partnership", "partners") mapped to their normalised head.</summary>
    internal FrozenDictionary<string, string> Heads { get; init; } = null!;

    internal FrozenSet<string> ModifierWords { get; init; } = null!;

    internal FrozenSet<string> Connectors { get; init; } = null!;

    /// <summary>Normalised variant key ("all weather strategic cooperative partnership") to its tier.</summary>
    internal FrozenDictionary<string, TierDefinition> Variants { get; init; } = null!;

    internal IReadOnlyList<string[]> Qualifiers { get; init; } = null!;

    internal IReadOnlyList<string[]> RightParts { get; init; } = null!;

    /// <summary>Words before a phrase that make it a term being talked about ("the language of strategic partnership").</summary>
    internal IReadOnlyList<string[]> TermContexts { get; init; } = null!;

    /// <summary>Words that open a free-form qualifier kept with the phrase up to the next stop ("featuring equality, mutual benefit ...").</summary>
    internal IReadOnlyList<string[]> OpenQualifiers { get; init; } = null!;

    internal FrozenSet<string> SectoralBefore { get; init; } = null!;

    internal FrozenSet<string> SectoralAfter { get; init; } = null!;

    internal FrozenSet<string> SectoralNouns { get; init; } = null!;

    internal EventLexicon Events { get; init; } = null!;

    public TierDefinition? FindByName(string name) => Tiers.FirstOrDefault(t => t.Name == name);

    /// <summary>Reads a taxonomy; a file of the wrong shape is an <see cref="InvalidDataException"/> saying what and where.</summary>
    public static TierTaxonomy Parse(string json) => ModelJson.Parse("taxonomy", () => ParseDocument(json));

    private static TierTaxonomy ParseDocument(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var ignoreCase = StringComparer.OrdinalIgnoreCase;

        var heads = new Dictionary<string, string>(ignoreCase);
        foreach (var head in ModelJson.Required(root, "heads", "taxonomy").EnumerateObject())
        {
            foreach (var form in head.Value.EnumerateArray())
            {
                heads[form.GetString() ?? throw new InvalidDataException($"taxonomy: heads.{head.Name}: null instead of a word")] = head.Name;
            }
        }

        if (heads.Count == 0)
        {
            // No head word, no tier phrase: the extractor would find nothing in any text, without a word of warning.
            throw new InvalidDataException("taxonomy: no head words ('heads' is empty)");
        }

        var modifierWords = new HashSet<string>(ignoreCase);
        foreach (var modifier in Strings(root, "modifiers"))
        {
            foreach (var word in Words(modifier))
            {
                modifierWords.Add(word);
            }
        }

        var connectors = Strings(root, "connectors").ToFrozenSet(ignoreCase);
        var tiers = new List<TierDefinition>();
        var variants = new Dictionary<string, TierDefinition>(ignoreCase);
        var index = 0;
        foreach (var tier in ModelJson.Required(root, "tiers", "taxonomy").EnumerateArray())
        {
            var where = $"taxonomy: tiers[{index++}]";
            var definition = new TierDefinition(
                ModelJson.Text(tier, "name", where),
                ModelJson.Required(tier, "rank", where).GetInt32(),
                [.. Strings(tier, "systems")]);
            tiers.Add(definition);
            foreach (var variant in Strings(tier, "variants").Append(definition.Name))
            {
                var key = VariantKey(Words(variant), heads, connectors);
                if (!variants.TryAdd(key, definition) && variants[key] != definition)
                {
                    throw new InvalidDataException($"taxonomy: variant \"{variant}\" belongs to two tiers ({variants[key].Name}, {definition.Name})");
                }
            }
        }

        if (tiers.Count == 0)
        {
            throw new InvalidDataException("taxonomy: no tiers");
        }

        var sectoral = ModelJson.Required(root, "sectoralContext", "taxonomy");
        return new TierTaxonomy
        {
            Version = ModelJson.Text(root, "version", "taxonomy"),
            Tiers = tiers,
            Heads = heads.ToFrozenDictionary(ignoreCase),
            ModifierWords = modifierWords.ToFrozenSet(ignoreCase),
            Connectors = connectors,
            Variants = variants.ToFrozenDictionary(ignoreCase),
            Qualifiers = [.. Strings(root, "qualifiers").Select(q => Words(q).ToArray()).OrderByDescending(q => q.Length)],
            TermContexts = [.. Strings(root, "termContext").Select(q => Words(q).ToArray()).OrderByDescending(q => q.Length)],
            OpenQualifiers = [.. Strings(root, "openQualifiers").Select(q => Words(q).ToArray())],
            RightParts = [.. Strings(root, "rightParts").Select(q => Words(q).ToArray()).OrderByDescending(q => q.Length)],
            SectoralBefore = Strings(sectoral, "before").ToFrozenSet(ignoreCase),
            SectoralAfter = Strings(sectoral, "after").Where(s => !s.Contains(' ', StringComparison.Ordinal)).ToFrozenSet(ignoreCase),
            SectoralNouns = Strings(sectoral, "afterNouns").ToFrozenSet(ignoreCase),
            Events = EventLexicon.Parse(ModelJson.Required(root, "events", "taxonomy")),
        };
    }

    /// <summary>
    /// The lookup key of a modifier run plus head: lower case, hyphens and connectors dropped, heads normalised
    /// ("Comprehensive and Strategic Partnerships" and "comprehensive strategic partnership" share a key).
    /// </summary>
    internal static string VariantKey(IEnumerable<string> words, IReadOnlyDictionary<string, string> heads, IReadOnlySet<string> connectors)
    {
        var parts = new List<string>();
        foreach (var word in words)
        {
            if (word == "-" || connectors.Contains(word))
            {
                continue;
            }

            parts.Add(heads.TryGetValue(word, out var head) ? head : word.ToLowerInvariant());
        }

        return string.Join(' ', parts);
    }

    internal static IEnumerable<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array)
            ? array.EnumerateArray().Select(e => e.GetString()).OfType<string>()
            : [];

    internal static List<string> Words(string phrase)
    {
        var tokens = Tokenizer.Tokenize(phrase);
        return [.. tokens.Select(t => phrase.Substring(t.Start, t.Length))];
    }
}

/// <summary>A tier phrase found in text.</summary>
public readonly record struct TierMention(int FirstToken, int HeadToken, int EndToken, TextSpan PhraseSpan, TierDefinition Tier);
