using System.Collections.Frozen;
using PartnershipMiner.Core.Spotting;

namespace PartnershipMiner.Web;

/// <summary>
/// What the pages need to know beyond the records: the names behind party codes and the tiers a reviewer may choose
/// in a correction. A host registers one built from the models (<see cref="From"/>); without it the pages show codes
/// and accept any tier name.
/// </summary>
public sealed class ReviewVocabulary
{
    private readonly FrozenDictionary<string, string> partyNames;

    private ReviewVocabulary(FrozenDictionary<string, string> partyNames, IReadOnlyList<TierDefinition> tiers)
    {
        this.partyNames = partyNames;
        Tiers = tiers;
    }

    public static ReviewVocabulary Empty { get; } = new(FrozenDictionary<string, string>.Empty, []);

    /// <summary>Tiers from the highest rung down, then by name.</summary>
    public IReadOnlyList<TierDefinition> Tiers { get; }

    /// <summary>Party codes in ordinal order.</summary>
    public IEnumerable<string> PartyCodes => partyNames.Keys.Order(StringComparer.Ordinal);

    public bool KnowsParties => partyNames.Count > 0;

    public static ReviewVocabulary From(Gazetteer gazetteer, TierTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(taxonomy);
        return new ReviewVocabulary(
            gazetteer.Parties.Values.ToFrozenDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal),
            [.. taxonomy.Tiers.OrderBy(t => t.Rank).ThenBy(t => t.Name, StringComparer.Ordinal)]);
    }

    public string? NameOf(string partyCode) => partyNames.GetValueOrDefault(partyCode);

    public bool IsParty(string code) => !KnowsParties || partyNames.ContainsKey(code);

    public bool IsTier(string name) => Tiers.Count == 0 || Tiers.Any(t => t.Name == name);

    /// <summary>The rank of a tier of the taxonomy, so a corrected record keeps a consistent rank; null when unknown.</summary>
    public int? RankOf(string name) => Tiers.FirstOrDefault(t => t.Name == name)?.Rank;
}
