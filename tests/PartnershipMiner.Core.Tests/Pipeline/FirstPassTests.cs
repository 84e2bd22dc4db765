using System.Text.Json.Nodes;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Core.Spotting;

namespace PartnershipMiner.Core.Tests.Pipeline;

/// <summary>
/// The cheap first pass (<see cref="TierSpotter.MayHoldTier"/>) skips documents and sentences by the head words of the
/// taxonomy in use, not by a word fixed in code: a tier whose head is not "partner..." is still found, whatever its
/// length.
/// </summary>
public sealed class FirstPassTests
{
    [Theory]
    [InlineData("the comprehensive strategic partnership", true)]
    [InlineData("STRATEGIC PARTNERS", true)]
    [InlineData("a partnering firm", true)] // a superset of what the spotter can find is enough
    [InlineData("part of the plan", false)]
    [InlineData("its largest trading partner", true)]
    [InlineData("The two sides met in Hanoi and signed nine agreements.", false)]
    [InlineData("", false)]
    public void Says_whether_a_text_holds_a_head_word_of_the_taxonomy(string text, bool expected) =>
        Assert.Equal(expected, new TierSpotter(ModelFiles.Taxonomy).MayHoldTier(text));

    [Theory]
    [InlineData("France and Germany formed a strategic alliance in 2019.", "strategic alliance")]
    [InlineData("France and Germany signed a strategic pact in 2019.", "strategic pact")]
    public void A_tier_whose_head_is_not_partner_is_analysed_and_found(string sentence, string tier)
    {
        var taxonomy = TaxonomyWithHeads(("alliance", ["alliance", "alliances"]), ("pact", ["pact", "pacts"]));
        var extractor = new PartnershipExtractor(ModelFiles.Gazetteer, taxonomy);
        Assert.True(new TierSpotter(taxonomy).MayHoldTier(sentence));

        var analysis = extractor.Extract(new SourceDocument("alliance.txt", $"Talks in Paris\n\n{sentence}"));

        var record = Assert.Single(analysis.Records);
        Assert.Equal(("DEU,FRA", tier, PartnershipEvent.Established, 2019), (string.Join(',', record.Parties), record.Tier, record.Event, record.Year));
    }

    /// <summary>The project's taxonomy with more head words, and for each a tier "strategic HEAD".</summary>
    private static TierTaxonomy TaxonomyWithHeads(params (string Head, string[] Forms)[] heads)
    {
        var json = JsonNode.Parse(ModelFiles.Read("taxonomy.v1.json"))!;
        foreach (var (head, forms) in heads)
        {
            json["heads"]![head] = new JsonArray([.. forms.Select(f => (JsonNode)f)]);
            json["tiers"]!.AsArray().Add(new JsonObject
            {
                ["name"] = $"strategic {head}",
                ["rank"] = 5,
                ["systems"] = new JsonArray(),
                ["variants"] = new JsonArray($"strategic {head}"),
            });
        }

        return TierTaxonomy.Parse(json.ToJsonString());
    }
}
