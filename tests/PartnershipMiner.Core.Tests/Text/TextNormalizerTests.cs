using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("\uFF21\uFF33\uFF25\uFF21\uFF2E summit", "ASEAN summit")] // full-width letters
    [InlineData("the \uFB01rst visit", "the first visit")] // ligature
    [InlineData("\uFF08\uFF12\uFF10\uFF11\uFF19\uFF09", "(2019)")] // full-width digits and brackets
    [InlineData("a \uFB02ourishing \uFB00ort", "a flourishing ffort")]
    public void Folds_compatibility_forms(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("Prime\u00A0Minister", "Prime Minister")] // no-break space
    [InlineData("18\u202FDecember", "18 December")] // narrow no-break space
    [InlineData("Ha\u3000Noi", "Ha Noi")] // ideographic space
    [InlineData("two\tsides", "two sides")]
    [InlineData("Viet\u2009Nam", "Viet Nam")] // thin space
    public void Turns_every_kind_of_space_into_a_plain_space(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("\u201Cstrategic partnership\u201D", "\"strategic partnership\"")]
    [InlineData("\u2018all-weather\u2019 friends", "'all-weather' friends")]
    [InlineData("China\u2019s role", "China's role")]
    [InlineData("\u00ABpartenariat\u00BB", "\"partenariat\"")]
    [InlineData("\u201Ecooperation\u201C", "\"cooperation\"")]
    public void Uses_one_kind_of_quote(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("China\u2013Pakistan", "China-Pakistan")] // en dash
    [InlineData("Sino\u2011Russian", "Sino-Russian")] // non-breaking hyphen
    [InlineData("Indo\u2010Pacific", "Indo-Pacific")] // hyphen
    [InlineData("2019\u22122023", "2019-2023")] // minus sign
    [InlineData("partnership\u2014the first", "partnership -- the first")] // em dash spaced as a clause break
    public void Uses_one_kind_of_dash(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("compre\u00ADhensive", "comprehensive")] // soft hyphen
    [InlineData("strate\u200Bgic", "strategic")] // zero-width space
    [InlineData("\uFEFFHanoi", "Hanoi")] // byte order mark
    [InlineData("part\u2060nership", "partnership")] // word joiner
    public void Drops_invisible_characters(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("First line.\r\nSecond line.", "First line.\nSecond line.")]
    [InlineData("First line.\rSecond line.", "First line.\nSecond line.")]
    [InlineData("One.\r\n\r\nTwo.", "One.\n\nTwo.")]
    public void Ends_lines_the_Unix_way(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("a comprehensive strategic part-\nnership", "a comprehensive strategic partnership")]
    [InlineData("a comprehensive strategic part-\r\nnership", "a comprehensive strategic partnership")]
    [InlineData("a comprehensive strategic part- \n   nership", "a comprehensive strategic partnership")]
    [InlineData("the two sides agreed to estab-\nlish ties", "the two sides agreed to establish ties")]
    public void Joins_a_word_split_by_a_line_break(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("a long-term, well-known plan", "a long-term, well-known plan")] // hyphens inside a line
    [InlineData("the 2019-\n2023 plan", "the 2019-\n2023 plan")] // digits are not a split word
    [InlineData("exports -\nimports", "exports -\nimports")] // a free-standing dash is not a split word
    public void Keeps_hyphens_that_are_not_a_split_word(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("the Sino-\nRussian partnership", "the Sino-Russian partnership")]
    [InlineData("the China-\r\nPakistan corridor", "the China-Pakistan corridor")]
    [InlineData("EU-\nASEAN ties", "EU-ASEAN ties")]
    [InlineData("the Indo-  \n  Pacific", "the Indo-Pacific")]
    public void Keeps_the_hyphen_of_a_compound_wrapped_before_a_capital_but_not_the_line_break(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("the EU-\nmember states", "the EU-\nmember states")]
    [InlineData("the Sino-\n\nRussian", "the Sino-\n\nRussian")]
    public void Leaves_a_hyphen_before_a_paragraph_break_or_after_a_capital_as_it_is(string raw, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Fact]
    public void Leaves_plain_text_as_it_is()
    {
        const string plain = "Vietnam and China agreed to deepen ties.\nThe two sides met in Hanoi.";
        Assert.Equal(plain, TextNormalizer.Normalize(plain));
    }

    [Fact]
    public void Is_idempotent()
    {
        const string raw = "\u201CSino\u2013Russian\u201D part-\r\nnership\u00A0\u2014 com\u00ADprehensive";
        var once = TextNormalizer.Normalize(raw);
        Assert.Equal(once, TextNormalizer.Normalize(once));
    }

    [Fact]
    public void Rejects_null() => Assert.Throws<ArgumentNullException>(() => TextNormalizer.Normalize(null!));
}
