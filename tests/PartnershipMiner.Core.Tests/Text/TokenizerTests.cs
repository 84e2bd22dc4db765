using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Text;

public class TokenizerTests
{
    /// <summary>The tokens of a text as "text/Kind" joined by spaces.</summary>
    private static string Tokens(string text) =>
        string.Join(' ', Tokenizer.Tokenize(text).Select(t => $"{t.Of(text).ToString()}/{t.Kind}"));

    [Theory]
    [InlineData("the U.S. envoy", "the/Word U.S./Word envoy/Word")]
    [InlineData("U.S.A. and U.K.", "U.S.A./Word and/Word U.K./Word")]
    [InlineData("at 9 a.m. today", "at/Word 9/Number a.m./Word today/Word")]
    [InlineData("Mr. Tran", "Mr/Word ./Punctuation Tran/Word")]
    public void Keeps_a_dotted_abbreviation_in_one_token(string text, string expected) =>
        Assert.Equal(expected, Tokens(text));

    [Theory]
    [InlineData("China's role", "China/Word 's/Word role/Word")]
    [InlineData("THE PHILIPPINES'S STAND", "THE/Word PHILIPPINES/Word 'S/Word STAND/Word")]
    [InlineData("Côte d'Ivoire", "Côte/Word d'Ivoire/Word")]
    [InlineData("the sides' views", "the/Word sides/Word '/Quote views/Word")]
    [InlineData("it's agreed", "it/Word 's/Word agreed/Word")]
    public void Splits_a_possessive_off_but_keeps_inner_apostrophes(string text, string expected) =>
        Assert.Equal(expected, Tokens(text));

    [Theory]
    [InlineData("Sino-Russian", "Sino/Word -/Hyphen Russian/Word")]
    [InlineData("all-weather", "all/Word -/Hyphen weather/Word")]
    [InlineData("China-Pakistan ties", "China/Word -/Hyphen Pakistan/Word ties/Word")]
    public void Makes_a_hyphen_a_token_of_its_own(string text, string expected) =>
        Assert.Equal(expected, Tokens(text));

    [Theory]
    [InlineData("the 21st century", "the/Word 21st/Number century/Word")]
    [InlineData("in the 1990s", "in/Word the/Word 1990s/Number")]
    [InlineData("1,250.75 tonnes", "1,250.75/Number tonnes/Word")]
    [InlineData("in 2019.", "in/Word 2019/Number ./Punctuation")]
    [InlineData("2019, 2020", "2019/Number ,/Punctuation 2020/Number")]
    public void Reads_numbers_with_their_separators_and_suffixes(string text, string expected) =>
        Assert.Equal(expected, Tokens(text));

    [Theory]
    [InlineData("a \"strategic partnership\"", "a/Word \"/Quote strategic/Word partnership/Word \"/Quote")]
    [InlineData("(2019); ok:", "(/Punctuation 2019/Number )/Punctuation ;/Punctuation ok/Word :/Punctuation")]
    public void Reads_quotes_and_punctuation_one_character_each(string text, string expected) =>
        Assert.Equal(expected, Tokens(text));

    [Fact]
    public void Tokenises_a_range_with_offsets_into_the_whole_text()
    {
        const string text = "Title line\nChina and Vietnam agreed.";
        var start = text.IndexOf("Vietnam", StringComparison.Ordinal);
        var tokens = new List<Token> { new(0, 5, TokenKind.Word) };
        Tokenizer.Tokenize(text, start, text.Length, tokens);

        Assert.Equal(4, tokens.Count);
        Assert.Equal(new Token(start, 7, TokenKind.Word), tokens[1]);
        Assert.Equal("agreed", tokens[2].Of(text).ToString());
        Assert.Equal(text.Length, tokens[3].End);
    }
}
