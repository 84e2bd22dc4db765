using System.Text.Json.Nodes;
using PartnershipMiner.Core.Spotting;

namespace PartnershipMiner.Core.Tests.Spotting;

/// <summary>A broken dictionary says what is wrong and where, instead of a bare KeyNotFound or NullReference, or loading wrong.</summary>
public sealed class ModelFileTests
{
    private static JsonNode Gazetteer() => JsonNode.Parse(ModelFiles.Read("gazetteer.v1.json"))!;

    private static JsonNode Taxonomy() => JsonNode.Parse(ModelFiles.Read("taxonomy.v1.json"))!;

    private static string GazetteerError(string json) => Assert.Throws<InvalidDataException>(() => Core.Spotting.Gazetteer.Parse(json)).Message;

    private static string TaxonomyError(string json) => Assert.Throws<InvalidDataException>(() => TierTaxonomy.Parse(json)).Message;

    [Fact]
    public void A_broken_gazetteer_is_refused_naming_the_field_and_the_party()
    {
        Assert.Equal("gazetteer: no 'version'", GazetteerError("{}"));
        Assert.StartsWith("gazetteer: not valid JSON", GazetteerError("{\"version\": "), StringComparison.Ordinal);

        var misspelt = Gazetteer();
        misspelt["parties"]![1]!["kind"] = "organization";
        var code = (string)misspelt["parties"]![1]!["code"]!;
        Assert.Equal($"gazetteer: parties[1] ('{code}'): kind 'organization' is none of country, organisation, observer, territory", GazetteerError(misspelt.ToJsonString()));

        var nameless = Gazetteer();
        nameless["parties"]![0]!["name"] = null;
        Assert.EndsWith("no 'name'", GazetteerError(nameless.ToJsonString()), StringComparison.Ordinal);

        var numbered = Gazetteer();
        numbered["parties"]![0]!["code"] = 42;
        Assert.Equal("gazetteer: parties[0]: 'code' must be a non-empty string", GazetteerError(numbered.ToJsonString()));

        var blocked = Gazetteer();
        blocked["blockers"] = new JsonArray(null, "New York");
        Assert.Equal("gazetteer: blockers: null instead of a phrase", GazetteerError(blocked.ToJsonString()));

        var empty = Gazetteer();
        empty["parties"] = new JsonArray();
        Assert.Equal("gazetteer: no parties", GazetteerError(empty.ToJsonString()));
    }

    [Fact]
    public void A_broken_taxonomy_is_refused_and_one_that_could_find_nothing_too()
    {
        var headless = Taxonomy();
        headless["heads"] = new JsonObject();
        Assert.Equal("taxonomy: no head words ('heads' is empty)", TaxonomyError(headless.ToJsonString()));

        var nameless = Taxonomy();
        nameless["tiers"]![0]!["name"] = null;
        Assert.Equal("taxonomy: tiers[0]: no 'name'", TaxonomyError(nameless.ToJsonString()));

        var ranked = Taxonomy();
        ranked["tiers"]![0]!["rank"] = "high";
        Assert.StartsWith("taxonomy: a field has the wrong type or is missing", TaxonomyError(ranked.ToJsonString()), StringComparison.Ordinal);

        var tierless = Taxonomy();
        tierless["tiers"] = new JsonArray();
        Assert.Equal("taxonomy: no tiers", TaxonomyError(tierless.ToJsonString()));
    }
}
