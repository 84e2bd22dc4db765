using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Text;

public class SentenceSegmenterTests
{
    /// <summary>The units of a normalised text as "Kind: text", with line breaks inside a unit shown as spaces.</summary>
    private static List<string> Units(string raw)
    {
        var text = TextNormalizer.Normalize(raw);
        return [.. SentenceSegmenter.Split(text).Select(u => $"{u.Kind}: {u.Of(text).ToString().Replace('\n', ' ')}")];
    }

    /// <summary>The sentences of one paragraph of running text.</summary>
    private static string[] Sentences(string paragraph) =>
        [.. Units("Opening headline\n\n" + paragraph).Skip(1).Select(u => u["Body: ".Length..])];

    [Theory]
    [InlineData("The U.S. envoy arrived in Hanoi on Monday. He met the Foreign Minister.",
        "The U.S. envoy arrived in Hanoi on Monday.|He met the Foreign Minister.")]
    [InlineData("H.E. Nguyen Van Minh received the delegation. Talks followed.",
        "H.E. Nguyen Van Minh received the delegation.|Talks followed.")]
    [InlineData("Mr. Albanese and Mrs. Tran opened the forum. Dr. Lee spoke next.",
        "Mr. Albanese and Mrs. Tran opened the forum.|Dr. Lee spoke next.")]
    [InlineData("The leaders met on Dec. 18 in Beijing. They signed nine documents.",
        "The leaders met on Dec. 18 in Beijing.|They signed nine documents.")]
    [InlineData("Decree No. 5 set out the plan. It took effect at once.",
        "Decree No. 5 set out the plan.|It took effect at once.")]
    [InlineData("Vietnam signed a partnership with the U.S. The two sides also discussed trade.",
        "Vietnam signed a partnership with the U.S.|The two sides also discussed trade.")]
    [InlineData("Ties with the U.S. In 2023 they were upgraded.",
        "Ties with the U.S.|In 2023 they were upgraded.")]
    public void Splits_sentences_but_not_after_abbreviations(string paragraph, string expected) =>
        Assert.Equal(expected.Split('|'), Sentences(paragraph));

    [Theory]
    [InlineData("Is this a new era? The minister said yes! Talks went on.", "Is this a new era?|The minister said yes!|Talks went on.")]
    [InlineData("He said: \"We are partners.\" The talks ended.", "He said: \"We are partners.\"|The talks ended.")]
    [InlineData("Trade grew (by 12 per cent.) Exports led.", "Trade grew (by 12 per cent.)|Exports led.")]
    [InlineData("Trade reached 1.5 billion dollars. Exports led.", "Trade reached 1.5 billion dollars.|Exports led.")]
    [InlineData("They met in 2019. 2020 was quieter.", "They met in 2019.|2020 was quieter.")]
    [InlineData("The ministers met. then they left.", "The ministers met. then they left.")]
    public void Splits_at_stops_followed_by_a_new_sentence(string paragraph, string expected) =>
        Assert.Equal(expected.Split('|'), Sentences(paragraph));

    [Fact]
    public void Reads_the_first_line_as_the_title()
    {
        var units = Units("China, Vietnam upgrade ties to new level\n\nThe two sides met in Hanoi.");
        Assert.Equal(["Title: China, Vietnam upgrade ties to new level", "Body: The two sides met in Hanoi."], units);
    }

    [Fact]
    public void A_first_line_that_ends_a_sentence_is_no_title()
    {
        var units = Units("The two sides met in Hanoi.\n\nThey agreed to deepen ties.");
        Assert.Equal(["Body: The two sides met in Hanoi.", "Body: They agreed to deepen ties."], units);
    }

    [Fact]
    public void Reads_metadata_lines_before_the_title()
    {
        var units = Units("Source: Vietnam News Agency\nDate: 2023-12-18\n\nChina, Vietnam Upgrade Ties\n\nThe two sides met in Hanoi.");
        Assert.Equal(
            ["Metadata: Source: Vietnam News Agency", "Metadata: Date: 2023-12-18", "Title: China, Vietnam Upgrade Ties", "Body: The two sides met in Hanoi."],
            units);
    }

    [Fact]
    public void A_key_line_deep_in_the_body_is_text_not_metadata()
    {
        var units = Units("Ties deepen\n\nFirst sentence here.\n\nSecond sentence here.\n\nThird sentence here.\n\nSource: officials said the talks went well.");
        Assert.Equal("Body: Source: officials said the talks went well.", units[^1]);
    }

    [Fact]
    public void Makes_each_markdown_heading_a_unit_without_its_marks()
    {
        var units = Units("Ties deepen\n\n## China and Vietnam\n\nThe two sides met.\n\n### Background\nThey met before.");
        Assert.Equal(
            ["Title: Ties deepen", "Heading: China and Vietnam", "Body: The two sides met.", "Heading: Background", "Body: They met before."],
            units);
    }

    [Fact]
    public void Reads_a_short_capitalised_line_inside_the_text_as_a_heading()
    {
        var units = Units("Ties deepen\n\nThe two sides met in Hanoi.\n\nA New Chapter For Bilateral Relations\n\nThey signed nine documents.");
        Assert.Equal("Heading: A New Chapter For Bilateral Relations", units[2]);
    }

    [Fact]
    public void Makes_each_list_item_a_unit_without_its_marker()
    {
        var units = Units("Outcomes of the visit\n\n- a comprehensive strategic partnership\n* a visa waiver\n• a new consulate\n+ a trade target");
        Assert.Equal(
            ["Title: Outcomes of the visit", "ListItem: a comprehensive strategic partnership", "ListItem: a visa waiver", "ListItem: a new consulate", "ListItem: a trade target"],
            units);
    }

    [Fact]
    public void A_list_item_of_two_sentences_is_an_item_then_a_sentence()
    {
        var units = Units("Outcomes\n\n- Both sides upgraded ties. They also signed a visa deal.");
        Assert.Equal(["Title: Outcomes", "ListItem: Both sides upgraded ties.", "Body: They also signed a visa deal."], units);
    }

    [Fact]
    public void Makes_each_table_row_a_unit_and_drops_separator_rows()
    {
        var units = Units("Partners of Vietnam\n\n| Partner | Tier | Year |\n|---|:---:|---|\n| China | comprehensive strategic partnership | 2008 |\n| Japan | comprehensive strategic partnership | 2023 |");
        Assert.Equal(
            [
                "Title: Partners of Vietnam",
                "TableRow: | Partner | Tier | Year |",
                "TableRow: | China | comprehensive strategic partnership | 2008 |",
                "TableRow: | Japan | comprehensive strategic partnership | 2023 |",
            ],
            units);
    }

    [Fact]
    public void Joins_a_line_that_continues_in_lower_case()
    {
        var units = Units("Ties deepen\n\nThe two countries agreed\nto deepen their strategic partnership.");
        Assert.Equal(["Title: Ties deepen", "Body: The two countries agreed to deepen their strategic partnership."], units);
    }

    [Fact]
    public void Keeps_lines_of_an_unwrapped_text_apart()
    {
        var units = Units("Ties deepen\n\nThe two countries met in Hanoi.\nVietnam hosted the talks.");
        Assert.Equal(["Title: Ties deepen", "Body: The two countries met in Hanoi.", "Body: Vietnam hosted the talks."], units);
    }

    [Fact]
    public void Joins_the_lines_of_hard_wrapped_text_into_sentences()
    {
        const string wrapped = """
            Indonesia and Australia agreed on Tuesday to lift their
            relationship to a comprehensive strategic partnership, the
            highest level in the diplomatic ties of the two neighbours.
            The announcement came during a visit by the Australian Prime
            Minister to Jakarta, where the two leaders also discussed
            trade, maritime security and climate finance. Officials from
            both countries said a plan of action would follow later this
            year, covering defence, education and energy cooperation
            between the two governments.
            """;
        var units = Units(wrapped);
        Assert.Equal(
            [
                "Body: Indonesia and Australia agreed on Tuesday to lift their relationship to a comprehensive strategic partnership, the highest level in the diplomatic ties of the two neighbours.",
                "Body: The announcement came during a visit by the Australian Prime Minister to Jakarta, where the two leaders also discussed trade, maritime security and climate finance.",
                "Body: Officials from both countries said a plan of action would follow later this year, covering defence, education and energy cooperation between the two governments.",
            ],
            units);
    }

    [Fact]
    public void Counts_paragraphs_and_keeps_spans_inside_the_text()
    {
        var text = TextNormalizer.Normalize("Ties deepen\n\nFirst one. Second one.\n\nThird one.");
        var units = SentenceSegmenter.Split(text);
        Assert.Equal(units[1].Paragraph, units[2].Paragraph);
        Assert.True(units[0].Paragraph < units[1].Paragraph && units[2].Paragraph < units[3].Paragraph);
        Assert.All(units, u => Assert.Equal(u.Of(text).ToString(), text[u.Span.Start..u.Span.End]));
        Assert.Equal(text.IndexOf("Second", StringComparison.Ordinal), units[2].Span.Start);
    }

    [Fact]
    public void Yields_nothing_for_blank_text()
    {
        Assert.Empty(SentenceSegmenter.Split(""));
        Assert.Empty(SentenceSegmenter.Split("\n \n\n"));
    }
}
