using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Spotting;

public class PartySpotterTests
{
    private static List<PartyMention> Spot(string sentence)
    {
        var text = TextNormalizer.Normalize(sentence);
        var tokens = Tokenizer.Tokenize(text);
        var mentions = new List<PartyMention>();
        new PartySpotter(ModelFiles.Gazetteer).Spot(text, tokens, 0, tokens.Count, mentions);
        return mentions;
    }

    /// <summary>The codes found, in text order, joined by spaces.</summary>
    private static string Codes(string sentence) => string.Join(' ', Spot(sentence).Select(m => m.Code));

    [Theory]
    [InlineData("China and Vietnam signed nine agreements.", "CHN VNM")]
    [InlineData("the People's Republic of China and the Socialist Republic of Viet Nam", "CHN VNM")]
    [InlineData("Viet Nam hosted the Republic of Korea.", "VNM KOR")]
    [InlineData("The United States and the United Kingdom", "USA GBR")]
    [InlineData("Côte d'Ivoire and Türkiye", "CIV TUR")]
    [InlineData("China's ties with India's neighbours", "CHN IND")]
    public void Finds_names_and_official_names(string sentence, string expected) =>
        Assert.Equal(expected, Codes(sentence));

    [Theory]
    [InlineData("The US and the UAE issued a statement.", "USA ARE")]
    [InlineData("Let us hope the talks go well.", "")]
    [InlineData("the U.S. envoy and the U.K. minister", "USA GBR")]
    [InlineData("The PRC and the DPRK", "CHN PRK")]
    [InlineData("Us and them", "")]
    public void Matches_abbreviations_case_sensitively(string sentence, string expected) =>
        Assert.Equal(expected, Codes(sentence));

    [Theory]
    [InlineData("Burma and Siam", "MMR THA")]
    [InlineData("Swaziland joined the talks.", "SWZ")]
    [InlineData("Turkey and the Soviet Union", "TUR RUS")]
    [InlineData("the turkey was served", "")]
    public void Finds_former_names(string sentence, string expected) =>
        Assert.Equal(expected, Codes(sentence));

    [Theory]
    [InlineData("Vietnamese and Chinese leaders", "VNM CHN")]
    [InlineData("a Pakistani delegation met Indonesian officials", "PAK IDN")]
    public void Finds_demonyms(string sentence, string expected)
    {
        var mentions = Spot(sentence);
        Assert.Equal(expected, string.Join(' ', mentions.Select(m => m.Code)));
        Assert.All(mentions, m => Assert.Equal(MentionKind.Demonym, m.Kind));
    }

    [Theory]
    [InlineData("the Sino-Russian partnership", "CHN RUS")]
    [InlineData("Sino-Vietnamese ties", "CHN VNM")]
    [InlineData("Franco-German cooperation", "FRA DEU")]
    [InlineData("the Indo-Pacific region", "")]
    [InlineData("Sino relations", "")]
    [InlineData("the Sino - Russian border", "RUS")]
    [InlineData("the Sino-\nRussian partnership", "CHN RUS")] // a compound wrapped after its hyphen
    public void Takes_a_combining_prefix_only_before_a_hyphen(string sentence, string expected) =>
        Assert.Equal(expected, Codes(sentence));

    [Fact]
    public void Marks_the_kind_of_each_mention()
    {
        var mentions = Spot("Sino-Russian ties and Beijing and Hanoi agreed with China.");
        Assert.Equal(
            [MentionKind.Prefix, MentionKind.Demonym, MentionKind.Capital, MentionKind.Capital, MentionKind.Name],
            mentions.Select(m => m.Kind));
    }

    [Theory]
    [InlineData("patrols in the South China Sea", "")]
    [InlineData("India and the Indian Ocean", "IND")]
    [InlineData("tensions on the Korean Peninsula", "")]
    [InlineData("reported by China Daily and the Times of India", "")]
    [InlineData("China and the Philippines in the South China Sea", "CHN PHL")]
    public void Ignores_names_inside_blocked_phrases(string sentence, string expected) =>
        Assert.Equal(expected, Codes(sentence));

    [Theory]
    [InlineData("Beijing and Hanoi agreed to deepen ties.", "CHN VNM")]
    [InlineData("Moscow said the talks were useful.", "RUS")]
    [InlineData("The White House welcomed the deal.", "USA")]
    [InlineData("The two sides held talks in Beijing.", "")]
    [InlineData("The minister arrived from Tokyo on Monday.", "")]
    [InlineData("They met in Beijing's Great Hall of the People.", "")]
    [InlineData("They met at the Beijing talks.", "")]
    [InlineData("Hanoi, Dec. 18 (VNA) -- The two sides met.", "")]
    [InlineData("Beijing, Jan. 3 -- Officials said talks would go on.", "")]
    [InlineData("Jakarta, 12 November 2022 -- The two sides met.", "")]
    [InlineData("Moscow, Thursday (TASS) -- The two sides met.", "")]
    [InlineData("Beijing, (Xinhua) -- The two sides met.", "")]
    [InlineData("Beijing, Hanoi lift ties to new level", "CHN VNM")] // a headline, not a dateline
    public void Takes_a_capital_as_its_country_only_when_it_acts(string sentence, string expected) =>
        Assert.Equal(expected, Codes(sentence));

    [Theory]
    [InlineData("The EU and ASEAN agreed.", "EU ASEAN")]
    [InlineData("the Shanghai Cooperation Organisation (SCO)", "SCO SCO")]
    [InlineData("the African Union, BRICS and NATO", "AU BRICS NATO")]
    [InlineData("the Gulf Cooperation Council and the E.U.", "GCC EU")]
    public void Finds_organisations(string sentence, string expected) =>
        Assert.Equal(expected, Codes(sentence));

    [Fact]
    public void Knows_organisations_from_countries()
    {
        Assert.True(ModelFiles.Gazetteer.IsOrganisation("ASEAN"));
        Assert.True(ModelFiles.Gazetteer.IsOrganisation("SCO"));
        Assert.False(ModelFiles.Gazetteer.IsOrganisation("CHN"));
        Assert.False(ModelFiles.Gazetteer.IsOrganisation("XYZ"));
    }

    [Theory]
    [InlineData("Turkey", true)]
    [InlineData("Türkiye", false)]
    [InlineData("Georgia", true)]
    [InlineData("Tbilisi", false)]
    public void Flags_ambiguous_names(string name, bool ambiguous) =>
        Assert.Equal(ambiguous, Assert.Single(Spot(name + " agreed.")).Ambiguous);

    [Fact]
    public void Reports_the_span_and_tokens_of_a_mention()
    {
        const string sentence = "Leaders of the People's Republic of China met.";
        var mention = Assert.Single(Spot(sentence));
        Assert.Equal("People's Republic of China", mention.Span.Slice(sentence).ToString());
        Assert.Equal(3, mention.FirstToken);
        Assert.Equal(8, mention.EndToken);
    }

    [Fact]
    public void Spots_only_inside_the_given_token_range()
    {
        const string text = "China met Vietnam. India met Japan.";
        var tokens = Tokenizer.Tokenize(text);
        var second = tokens.FindIndex(t => t.Of(text) is "India");
        var mentions = new List<PartyMention>();
        new PartySpotter(ModelFiles.Gazetteer).Spot(text, tokens, second, tokens.Count, mentions);
        Assert.Equal(["IND", "JPN"], mentions.Select(m => m.Code));
    }
}
