namespace PartnershipMiner.Core.Tests.Relation;

public class DocumentDyadTests
{
    [Theory]
    [InlineData("China, Vietnam upgrade ties\n\nRussia and India watched closely. Russia said so. India agreed.", "CHN VNM")]
    [InlineData("Joint Statement between Japan and the Philippines\n\nThe two sides met.", "JPN PHL")]
    [InlineData("Sino-Vietnamese ties reach new high\n\nThe two sides met.", "CHN VNM")]
    public void Takes_the_pair_the_title_names(string text, string expected)
    {
        var dyad = StagedText.Of(text).Dyad;
        Assert.NotNull(dyad);
        Assert.Equal(expected, $"{dyad.First} {dyad.Second}");
    }

    [Fact]
    public void Takes_the_two_most_named_of_a_title_that_names_more()
    {
        var dyad = StagedText.Of("China, Russia and India meet\n\nIndia and China agreed to talk. India hosted.").Dyad;
        Assert.NotNull(dyad);
        Assert.Equal("IND CHN", $"{dyad.First} {dyad.Second}");
    }

    [Fact]
    public void Takes_the_two_parties_that_dominate_a_text_without_a_title_pair()
    {
        var staged = StagedText.Of("Talks go on\n\nKenya and Ghana met in Accra. Kenya said trade grew. Ghana agreed. Nigeria was absent.");
        Assert.NotNull(staged.Dyad);
        Assert.Equal("KEN GHA", $"{staged.Dyad.First} {staged.Dyad.Second}");
        Assert.Equal(["KEN", "GHA", "NGA"], staged.Ranked);
    }

    [Theory]
    [InlineData("Talks go on\n\nKenya hosted the summit. Kenya said trade grew.")]
    [InlineData("Talks go on\n\nThe two sides met.")]
    public void Finds_no_dyad_where_no_pair_stands_out(string text) => Assert.Null(StagedText.Of(text).Dyad);

    [Fact]
    public void Knows_its_members()
    {
        var dyad = StagedText.Of("China, Vietnam upgrade ties\n\nThe two sides met.").Dyad!;
        Assert.True(dyad.Contains("VNM"));
        Assert.False(dyad.Contains("RUS"));
        Assert.Equal("CHN", dyad.Other("VNM"));
        Assert.Equal("VNM", dyad.Other("CHN"));
    }
}
