using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Text;

public class DocumentDateReaderTests
{
    private static DateOnly? DateOf(string raw)
    {
        var text = TextNormalizer.Normalize(raw);
        return DocumentDateReader.Read(text, SentenceSegmenter.Split(text));
    }

    [Theory]
    [InlineData("Source: VNA\nDate: 2023-12-18\n\nTies deepen\n\nThe two sides met.", "2023-12-18")]
    [InlineData("Date: December 18, 2023\n\nTies deepen\n\nThe two sides met.", "2023-12-18")]
    [InlineData("Date: 18 December 2023\n\nTies deepen\n\nThe two sides met.", "2023-12-18")]
    [InlineData("Date: Dec. 18, 2023\n\nTies deepen\n\nThe two sides met.", "2023-12-18")]
    [InlineData("Date: Monday, 4th September 2023\n\nTies deepen", "2023-09-04")]
    [InlineData("Published: 2021-03-07\n\nTies deepen\n\nThe two sides met on 9 May 2019.", "2021-03-07")]
    public void Reads_the_date_line(string raw, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DateOf(raw));

    [Theory]
    [InlineData("Date: unknown\n\nTies deepen\n\nHANOI, May 8, 2019 (VNA) -- The two sides met.")]
    [InlineData("Date:\n\nTies deepen\n\nThe leaders met on 9 May 2019.")]
    public void Takes_a_date_line_without_a_date_as_unknown(string raw) => Assert.Null(DateOf(raw));

    [Theory]
    [InlineData("Ties deepen\n\nHANOI, May 8, 2019 (VNA) -- Vietnam and China agreed to deepen ties.", "2019-05-08")]
    [InlineData("Ties deepen\n\nBEIJING, Sept. 2, 2024 (Xinhua) -- The two sides met.", "2024-09-02")]
    [InlineData("Ties deepen\n\nJakarta, 12 November 2022 -- The two sides met.", "2022-11-12")]
    public void Reads_a_dateline_with_a_year(string raw, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DateOf(raw));

    [Theory]
    [InlineData("Ties deepen\n\nOn 3rd March 2021, the two foreign ministers met in Canberra.", "2021-03-03")]
    [InlineData("Ties deepen\n\nThe two leaders met on October 14, 2022 and again on 2 May 2023.", "2022-10-14")]
    public void Reads_the_first_explicit_date_of_the_opening(string raw, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DateOf(raw));

    [Theory]
    [InlineData("Ties deepen\n\nHANOI, May 8 (VNA) -- The two sides met.")] // a dateline without a year
    [InlineData("Ties deepen\n\nThe two sides met in 2019 and again in May.")] // a year alone is no date
    [InlineData("Ties deepen\n\nThe leaders met on February 30, 2023.")] // no such day
    public void Finds_no_date_where_no_full_date_is_written(string raw) => Assert.Null(DateOf(raw));

    [Fact]
    public void Looks_for_dates_only_in_the_opening_of_the_text()
    {
        var raw = "Ties deepen\n\n" + string.Concat(Enumerable.Repeat("The two sides discussed trade and investment. ", 40))
            + "They first met on 9 May 2019.";
        Assert.Null(DateOf(raw));
    }

    [Theory]
    [InlineData("January", 1)]
    [InlineData("sept", 9)]
    [InlineData("Dec", 12)]
    [InlineData("Ma", 0)]
    [InlineData("Monday", 0)]
    public void Numbers_months_by_their_first_three_letters(string name, int expected) =>
        Assert.Equal(expected, DocumentDateReader.MonthNumber(name));

    [Theory]
    [InlineData("May", true)]
    [InlineData("Sept", true)]
    [InlineData("DECEMBER", true)]
    [InlineData("jan", true)]
    [InlineData("Mayor", false)]
    [InlineData("Marching", false)]
    [InlineData("Ju", false)]
    public void Knows_month_names_and_their_abbreviations(string word, bool expected) =>
        Assert.Equal(expected, DocumentDateReader.IsMonthName(word));
}
