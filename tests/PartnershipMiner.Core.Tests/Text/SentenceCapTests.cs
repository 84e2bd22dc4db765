using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Text;

/// <summary>The cap on a unit's length: longer units are cut into pieces, at white space where there is some.</summary>
public sealed class SentenceCapTests
{
    private const int Cap = 200;

    private static List<string> Pieces(string text, out int cut) =>
        [.. SentenceSegmenter.Split(text, Cap, out cut).Select(u => u.Of(text).ToString())];

    [Fact]
    public void Units_within_the_cap_are_left_alone()
    {
        var text = "China and India are strategic partners. The " + new string('x', Cap - 10) + ".";

        var pieces = Pieces(text, out var cut);

        Assert.Equal(0, cut);
        Assert.Equal(["China and India are strategic partners.", "The " + new string('x', Cap - 10) + "."], pieces);
    }

    [Fact]
    public void A_long_sentence_is_cut_at_the_last_space_before_the_cap()
    {
        var words = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"word{i:D3}"));

        var pieces = Pieces(words + ".", out var cut);

        Assert.Equal(1, cut);
        Assert.True(pieces.Count >= 4, string.Join(" | ", pieces));
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, Cap));
        Assert.All(pieces, p => Assert.Matches(@"^word\d{3}( word\d{3})*\.?$", p));
        Assert.Equal(words + ".", string.Join(' ', pieces));
    }

    [Fact]
    public void Without_white_space_the_cut_falls_at_the_cap_but_never_inside_a_surrogate_pair()
    {
        var emoji = char.ConvertFromUtf32(0x1F600);
        var text = new string('a', Cap - 1) + emoji + new string('b', 50);

        var units = SentenceSegmenter.Split(text, Cap, out var cut);

        Assert.Equal(1, cut);
        Assert.Equal(new string('a', Cap - 1), units[0].Of(text).ToString());
        Assert.Equal(emoji + new string('b', 50), units[1].Of(text).ToString());
    }

    [Fact]
    public void The_rest_of_a_cut_heading_or_list_item_is_body_text()
    {
        var text = "- " + string.Join(' ', Enumerable.Repeat("item", 100));

        var units = SentenceSegmenter.Split(text, Cap, out _);

        Assert.Equal(SentenceKind.ListItem, units[0].Kind);
        Assert.All(units.Skip(1), u => Assert.Equal(SentenceKind.Body, u.Kind));
    }

    [Fact]
    public void Ten_thousand_one_letter_lines_are_one_block_cut_into_pieces()
    {
        var text = string.Concat(Enumerable.Repeat("a\n", 10_000));

        var units = SentenceSegmenter.Split(text, Cap, out var cut);

        Assert.Equal(1, cut);
        Assert.Equal(text.Length / Cap, units.Count, tolerance: 2);
        Assert.All(units, u => Assert.InRange(u.Span.Length, 1, Cap));
    }

    [Fact]
    public void A_cap_below_the_minimum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SentenceSegmenter.Split("text", SentenceSegmenter.MinimumMaxSentenceCharacters - 1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartnershipMiner.Core.Pipeline.PartnershipExtractor(ModelFiles.Gazetteer, ModelFiles.Taxonomy, null, 10));
    }
}
