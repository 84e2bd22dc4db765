namespace PartnershipMiner.Core.Tests.Relation;

public class PartyResolverTests
{
    /// <summary>The party sets of the only tier phrase of a text, each as "AAA BBB", joined by " | ".</summary>
    private static string PartiesOf(string text)
    {
        var staged = StagedText.Of(text);
        return string.Join(" | ", staged.Parties(staged.SingleTier()));
    }

    [Theory]
    [InlineData("Leaders hailed the China-Pakistan all-weather strategic cooperative partnership in Islamabad.", "CHN PAK")]
    [InlineData("The Sino-Russian comprehensive strategic partnership of coordination is at its best, Moscow said.", "CHN RUS")]
    [InlineData("Officials in Delhi praised the India-EU strategic partnership.", "EU IND")]
    [InlineData("Japan watched the Vietnam-China comprehensive strategic partnership closely.", "CHN VNM")]
    [InlineData("Tokyo praised the Indonesia-Australia 'comprehensive strategic partnership'.", "AUS IDN")]
    public void Takes_the_compound_before_the_phrase(string sentence, string expected) =>
        Assert.Equal(expected, PartiesOf(sentence));

    [Theory]
    [InlineData("Japan welcomed the strategic partnership between France and India.", "FRA IND")]
    [InlineData("Officials reviewed the strategic partnership between the United States and Vietnam.", "USA VNM")]
    public void Takes_the_pair_after_between(string sentence, string expected) =>
        Assert.Equal(expected, PartiesOf(sentence));

    [Theory]
    [InlineData("Vietnam has comprehensive strategic partnerships with China, Russia and India.", "CHN VNM | RUS VNM | IND VNM")]
    [InlineData("Indonesia established a strategic partnership with Japan.", "IDN JPN")]
    [InlineData("Kenya forged strategic partnerships with Germany as well as France.", "DEU KEN | FRA KEN")]
    [InlineData("Vietnam signed a trade deal with the U.S. and upgraded ties with Japan to a comprehensive strategic partnership.", "JPN VNM")]
    public void Pairs_the_subject_with_each_partner_of_a_with_list(string sentence, string expected) =>
        Assert.Equal(expected, PartiesOf(sentence));

    [Theory]
    [InlineData("Brazil and Mexico chose different paths: Brazil concluded a strategic partnership with the EU in 2007.", "BRA EU")]
    [InlineData("Kenya and Ghana held elections; Ghana later signed a strategic partnership with Germany.", "DEU GHA")]
    [InlineData("Brazil and Mexico took the same path: both concluded strategic partnerships with the EU.", "BRA EU | EU MEX")]
    [InlineData("Brazil and Mexico concluded strategic partnerships with the EU.", "BRA EU | EU MEX")]
    public void A_subject_named_in_the_phrases_own_clause_after_a_colon_or_semicolon_is_the_one(string sentence, string expected) =>
        Assert.Equal(expected, PartiesOf(sentence));

    [Theory]
    [InlineData("The SCO granted Egypt and Qatar dialogue partner status.", "EGY SCO | QAT SCO")]
    [InlineData("ASEAN accorded Norway, Switzerland and Pakistan sectoral dialogue partner status.", "ASEAN NOR | ASEAN CHE | ASEAN PAK")]
    public void Pairs_an_organisation_with_each_member_of_a_list(string sentence, string expected) =>
        Assert.Equal(expected, PartiesOf(sentence));

    [Theory]
    [InlineData("Japan and India agreed on a special strategic and global partnership.", "IND JPN")]
    [InlineData("Beijing and Hanoi agreed to deepen the comprehensive strategic cooperative partnership.", "CHN VNM")]
    public void Takes_a_plain_pair(string sentence, string expected) =>
        Assert.Equal(expected, PartiesOf(sentence));

    [Theory]
    [InlineData("Beijing, Hanoi lift ties\n\nThe two sides upgraded their relations to a comprehensive strategic partnership.", "CHN VNM")]
    [InlineData("Indonesia, Australia lift ties\n\nThe two sides established a comprehensive strategic partnership on Tuesday.", "AUS IDN")]
    [InlineData("Indonesia, Australia lift ties\n\nIndonesia welcomed the new comprehensive strategic partnership.", "AUS IDN")]
    [InlineData("Joint Statement between the Republic of Kazakhstan and the People's Republic of China\n\nBoth sides will deepen the permanent comprehensive strategic partnership.", "CHN KAZ")]
    public void Resolves_the_two_sides_to_the_pair_of_the_title(string text, string expected) =>
        Assert.Equal(expected, PartiesOf(text));

    [Fact]
    public void Finds_no_parties_in_a_text_that_names_none()
    {
        Assert.Empty(PartiesOf("The two sides established a comprehensive strategic partnership."));
    }
}
