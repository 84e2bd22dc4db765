using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Spotting;

public class TierSpotterTests
{
    private static List<TierMention> Spot(string sentence, out string text)
    {
        text = TextNormalizer.Normalize(sentence);
        var tokens = Tokenizer.Tokenize(text);
        var mentions = new List<TierMention>();
        new TierSpotter(ModelFiles.Taxonomy).Spot(text, tokens, 0, tokens.Count, mentions);
        return mentions;
    }

    /// <summary>The tier phrases of a sentence as "tier = phrase as written", joined by " | ".</summary>
    private static string Tiers(string sentence)
    {
        var mentions = Spot(sentence, out var text);
        return string.Join(" | ", mentions.Select(m => $"{m.Tier.Name} = {m.PhraseSpan.Slice(text)}"));
    }

    public static TheoryData<string> TierNames() => [.. ModelFiles.Taxonomy.Tiers.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TierNames))]
    public void Finds_every_tier_by_its_canonical_name(string name) =>
        Assert.Equal($"{name} = {name}", Tiers($"The two countries established a {name} in 2019."));

    [Fact]
    public void The_taxonomy_has_ranked_tiers_from_one_down()
    {
        var tiers = ModelFiles.Taxonomy.Tiers;
        Assert.True(tiers.Count >= 25, $"{tiers.Count} tiers");
        Assert.Equal(tiers.Count, tiers.Select(t => t.Name).Distinct().Count());
        Assert.Equal(1, tiers.Min(t => t.Rank));
        Assert.All(tiers, t => Assert.InRange(t.Rank, 1, 10));
        Assert.Equal(9, ModelFiles.Taxonomy.FindByName("dialogue partner")!.Rank);
        Assert.Equal(5, ModelFiles.Taxonomy.FindByName("strategic partnership")!.Rank);
        Assert.Null(ModelFiles.Taxonomy.FindByName("economic partnership"));
    }

    [Theory]
    [InlineData("a Comprehensive Strategic Partnership", "comprehensive strategic partnership = Comprehensive Strategic Partnership")]
    [InlineData("THE STRATEGIC PARTNERSHIP", "strategic partnership = STRATEGIC PARTNERSHIP")]
    [InlineData("an all weather strategic cooperative partnership", "all-weather strategic cooperative partnership = all weather strategic cooperative partnership")]
    [InlineData("a good-neighborly friendly cooperative partnership", "good-neighbourly friendly cooperative partnership = good-neighborly friendly cooperative partnership")]
    [InlineData("their good neighbourly partnership", "friendly partnership = good neighbourly partnership")]
    public void Ignores_case_and_hyphenation(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("a comprehensive and strategic partnership", "comprehensive strategic partnership = comprehensive and strategic partnership")]
    [InlineData("a comprehensive and strategic cooperative partnership", "comprehensive strategic cooperative partnership = comprehensive and strategic cooperative partnership")]
    [InlineData("a global & strategic partnership", "global strategic partnership = global & strategic partnership")]
    [InlineData("a special and privileged strategic partnership", "special and privileged strategic partnership = special and privileged strategic partnership")]
    [InlineData("a special privileged strategic partnership", "special and privileged strategic partnership = special privileged strategic partnership")]
    public void Ignores_and_between_modifiers(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("a \"comprehensive strategic partnership\"", "comprehensive strategic partnership = comprehensive strategic partnership")]
    [InlineData("a 'strategic partnership' phase", "strategic partnership = strategic partnership")]
    [InlineData("a \"special and privileged\" strategic partnership", "special and privileged strategic partnership = \"special and privileged\" strategic partnership")]
    [InlineData("an 'all-weather' strategic cooperative partnership", "all-weather strategic cooperative partnership = 'all-weather' strategic cooperative partnership")]
    public void Reads_through_quotes_inside_the_run(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("the two are strategic partners", "strategic partnership = strategic partners")]
    [InlineData("a comprehensive strategic partner of Vietnam", "comprehensive strategic partnership = comprehensive strategic partner")]
    [InlineData("the two became comprehensive partners", "comprehensive partnership = comprehensive partners")]
    [InlineData("their strategic partnerships with many states", "strategic partnership = strategic partnerships")]
    [InlineData("global strategic partners", "global strategic partnership = global strategic partners")]
    [InlineData("ASEAN's dialogue partners", "dialogue partner = dialogue partners")]
    [InlineData("a full dialogue partner", "dialogue partner = full dialogue partner")]
    public void Reads_plural_and_partner_forms(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("a comprehensive strategic partnership of coordination for a new era", "comprehensive strategic partnership of coordination = comprehensive strategic partnership of coordination for a new era")]
    [InlineData("the comprehensive partnership of strategic coordination", "comprehensive strategic partnership of coordination = comprehensive partnership of strategic coordination")]
    [InlineData("a strategic partnership of cooperation", "strategic cooperative partnership = strategic partnership of cooperation")]
    [InlineData("an all-weather strategic partnership of cooperation", "all-weather strategic cooperative partnership = all-weather strategic partnership of cooperation")]
    [InlineData("a strategic partnership of equals", "strategic partnership = strategic partnership")]
    public void Reads_a_tier_tail_after_the_head(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("a comprehensive strategic partnership for a new era", "comprehensive strategic partnership = comprehensive strategic partnership for a new era")]
    [InlineData("the strategic partnership for the 21st century", "strategic partnership = strategic partnership for the 21st century")]
    [InlineData("a comprehensive strategic partnership for peace and prosperity", "comprehensive strategic partnership = comprehensive strategic partnership for peace and prosperity")]
    [InlineData("a strategic partnership for growth", "strategic partnership = strategic partnership")]
    public void Keeps_qualifiers_in_the_phrase_but_not_in_the_tier(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("a new comprehensive strategic partnership", "comprehensive strategic partnership = comprehensive strategic partnership")]
    [InlineData("a new strategic partnership", "strategic partnership = strategic partnership")]
    [InlineData("a global special strategic partnership", "special strategic partnership = special strategic partnership")]
    public void Drops_leading_words_until_a_tier_matches(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("strategic partnerships in the energy sector")]
    [InlineData("an energy strategic partnership")]
    [InlineData("a green strategic partnership")]
    [InlineData("a strategic partnership on green hydrogen")]
    [InlineData("a strategic partnership programme for universities")]
    [InlineData("the digital comprehensive partnership")]
    public void Rejects_sectoral_partnerships(string sentence) => Assert.Empty(Tiers(sentence));

    [Theory]
    [InlineData("a strategic partnership in 2019", "strategic partnership = strategic partnership")]
    [InlineData("a strategic partnership in Southeast Asia", "strategic partnership = strategic partnership")]
    [InlineData("a strategic partnership on the basis of equality", "strategic partnership = strategic partnership")]
    public void Keeps_a_tier_followed_by_in_or_on_without_a_sector(string sentence, string expected) =>
        Assert.Equal(expected, Tiers(sentence));

    [Theory]
    [InlineData("the partnership between the two nations")]
    [InlineData("an economic partnership agreement")]
    [InlineData("China is Vietnam's largest trading partner")]
    [InlineData("partners in development")]
    [InlineData("a key partner and a close partnership")]
    [InlineData("the Regional Comprehensive Economic Partnership")]
    public void Finds_nothing_in_a_partnership_without_a_tier(string sentence) => Assert.Empty(Tiers(sentence));

    [Fact]
    public void Finds_each_tier_phrase_of_a_sentence()
    {
        var tiers = Tiers("Vietnam lifted ties with Japan from a strategic partnership to a comprehensive strategic partnership.");
        Assert.Equal("strategic partnership = strategic partnership | comprehensive strategic partnership = comprehensive strategic partnership", tiers);
    }

    [Fact]
    public void Reports_the_tokens_of_the_phrase()
    {
        var mention = Assert.Single(Spot("They forged a comprehensive strategic partnership for a new era.", out var text));
        var tokens = Tokenizer.Tokenize(text);
        Assert.Equal("comprehensive", tokens[mention.FirstToken].Of(text).ToString());
        Assert.Equal("partnership", tokens[mention.HeadToken].Of(text).ToString());
        Assert.Equal("era", tokens[mention.EndToken - 1].Of(text).ToString());
        Assert.Equal(3, mention.Tier.Rank);
    }
}
