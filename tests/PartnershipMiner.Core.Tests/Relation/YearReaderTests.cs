namespace PartnershipMiner.Core.Tests.Relation;

public class YearReaderTests
{
    private static int? YearOf(string sentence, string? documentDate)
    {
        var staged = StagedText.Of(sentence, documentDate is null ? null : DateOnly.Parse(documentDate));
        return staged.Year(staged.SingleTier());
    }

    [Theory]
    [InlineData("China and Vietnam established a comprehensive strategic partnership in 2008.", 2008)]
    [InlineData("The two countries have been strategic partners since 1996.", 1996)]
    [InlineData("The two sides upgraded ties to a comprehensive strategic partnership (2019) after long talks.", 2019)]
    [InlineData("In 2016 the two countries forged a comprehensive strategic partnership.", 2016)]
    [InlineData("After talks in 2019, the two sides upgraded ties to a comprehensive strategic partnership in 2023.", 2023)]
    [InlineData("Since 2015 they have held talks, and in 2018 they forged a strategic partnership.", 2018)]
    [InlineData("The two countries established diplomatic relations in 1972 and upgraded them to a strategic partnership in 2018.", 2018)]
    public void Reads_an_explicit_year(string sentence, int expected) =>
        Assert.Equal(expected, YearOf(sentence, "2024-05-02"));

    [Theory]
    [InlineData("The strategic partnership forged a decade ago has delivered results.", 2014)]
    [InlineData("The two sides established a strategic partnership two decades ago.", 2004)]
    [InlineData("The two sides established a strategic partnership 10 years ago.", 2014)]
    [InlineData("The two sides established a strategic partnership last year.", 2023)]
    [InlineData("The two sides will upgrade ties to a comprehensive strategic partnership next year.", 2025)]
    public void Resolves_relative_years_against_the_document_date(string sentence, int expected) =>
        Assert.Equal(expected, YearOf(sentence, "2024-05-02"));

    [Theory]
    [InlineData("The two sides agreed to upgrade ties to a comprehensive strategic partnership by 2030.")]
    [InlineData("They launched a strategic partnership under Vision 2030.")]
    [InlineData("Indonesia and Australia elevated ties to a comprehensive strategic partnership on Tuesday.")]
    public void Dates_a_reported_act_by_the_document_when_the_sentence_names_no_year_of_it(string sentence) =>
        Assert.Equal(2024, YearOf(sentence, "2024-05-02"));

    [Theory]
    [InlineData("Indonesia and Australia elevated ties to a comprehensive strategic partnership on Tuesday.", null)]
    [InlineData("India is a strategic partner of France.", "2024-05-02")]
    [InlineData("The two countries had established a strategic partnership.", "2024-05-02")]
    [InlineData("The strategic partnership formed a decade ago has delivered results.", null)]
    public void Leaves_the_year_unknown_when_nothing_dates_the_act(string sentence, string? documentDate) =>
        Assert.Null(YearOf(sentence, documentDate));

    [Fact]
    public void Takes_a_year_for_a_mention_only_near_the_phrase()
    {
        Assert.Equal(1996, YearOf("India has been a strategic partner of France since 1996.", null));
        Assert.Null(YearOf("India is a strategic partner of France, and the two hosted a large cultural festival together back in 1996.", null));
    }
}
