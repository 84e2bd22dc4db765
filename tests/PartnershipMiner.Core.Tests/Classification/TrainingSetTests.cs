using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Tests.Classification;

public sealed class TrainingSetTests
{
    [Fact]
    public void Parses_labels_and_texts_and_skips_blank_lines()
    {
        var set = TrainingSet.Parse(
            new StringReader("label\ttext\nrhetorical\tThey value their friendship.\n\nSubstantive\tThey signed a treaty in 2019.\n"),
            "toy.tsv");
        Assert.Equal(
            [
                new LabelledSentence(RhetoricLabel.Rhetorical, "They value their friendship."),
                new LabelledSentence(RhetoricLabel.Substantive, "They signed a treaty in 2019."),
            ],
            set);
    }

    [Theory]
    [InlineData("text\tlabel\nrhetorical\tx\n", "toy.tsv:1:")]
    [InlineData("label\ttext\nrhetorical\tfine\nmaybe\tnot a label\n", "toy.tsv:3: label \"maybe\"")]
    [InlineData("label\ttext\nrhetorical no tab here\n", "toy.tsv:2: no tab")]
    [InlineData("label\ttext\n\nsubstantive\t   \n", "toy.tsv:3: the text is empty")]
    [InlineData("", "toy.tsv: empty")]
    public void Bad_lines_are_reported_with_their_line_number(string content, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => TrainingSet.Parse(new StringReader(content), "toy.tsv"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_hash_ignores_layout_but_not_labels()
    {
        var a = TrainingSet.Parse(new StringReader("label\ttext\nrhetorical\tA.\nsubstantive\tB.\n"), "a");
        var b = TrainingSet.Parse(new StringReader("label\ttext\r\n\r\nrhetorical\tA.\r\nsubstantive\tB.\r\n"), "b");
        var c = TrainingSet.Parse(new StringReader("label\ttext\nsubstantive\tA.\nsubstantive\tB.\n"), "c");
        Assert.Equal(TrainingSet.Sha256Of(a), TrainingSet.Sha256Of(b));
        Assert.NotEqual(TrainingSet.Sha256Of(a), TrainingSet.Sha256Of(c));
        Assert.Matches("^[0-9a-f]{64}$", TrainingSet.Sha256Of(a));
    }
}
