using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Tests.Domain;

public class DomainTypesTests
{
    [Fact]
    public void Keys_a_record_by_content_parties_and_tier()
    {
        var key = RecordKey.For("hash", ["CHN", "VNM"], "strategic partnership");

        Assert.Matches("^[0-9a-f]{20}$", key);
        Assert.Equal(key, RecordKey.For("hash", ["CHN", "VNM"], "strategic partnership"));
        Assert.NotEqual(key, RecordKey.For("other", ["CHN", "VNM"], "strategic partnership"));
        Assert.NotEqual(key, RecordKey.For("hash", ["CHN", "LAO"], "strategic partnership"));
        Assert.NotEqual(key, RecordKey.For("hash", ["CHN", "VNM"], "comprehensive strategic partnership"));
    }

    [Fact]
    public void Hashes_the_content_of_a_document_not_its_source()
    {
        var a = new SourceDocument("a.txt", "China and Vietnam met.");
        var b = new SourceDocument("b.html", "China and Vietnam met.", Title: "Talks");
        var c = new SourceDocument("a.txt", "China and Vietnam met!");

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", a.ContentHash);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SourceDocument.HashOf(""));
    }

    [Fact]
    public void Measures_and_slices_a_half_open_span()
    {
        var span = new TextSpan(4, 9);

        Assert.Equal(5, span.Length);
        Assert.True(span.Contains(4));
        Assert.True(span.Contains(8));
        Assert.False(span.Contains(9));
        Assert.False(span.Contains(3));
        Assert.Equal("China", span.Slice("The China talks").ToString());
    }

    [Theory]
    [InlineData(PartnershipEvent.Mentioned, "mentioned")]
    [InlineData(PartnershipEvent.Established, "established")]
    [InlineData(PartnershipEvent.Upgraded, "upgraded")]
    [InlineData(PartnershipEvent.Reaffirmed, "reaffirmed")]
    [InlineData(PartnershipEvent.Downgraded, "downgraded")]
    [InlineData(PartnershipEvent.Planned, "planned")]
    [InlineData(ReviewStatus.Pending, "pending")]
    [InlineData(ReviewStatus.Approved, "approved")]
    [InlineData(ReviewStatus.Rejected, "rejected")]
    [InlineData(ReviewStatus.Corrected, "corrected")]
    [InlineData(RhetoricLabel.Rhetorical, "rhetorical")]
    [InlineData(RhetoricLabel.Substantive, "substantive")]
    [InlineData(PartnershipEvent.Upgraded, "Upgraded")]
    [InlineData(ReviewStatus.Approved, "APPROVED")]
    public void Names_values_on_the_wire_and_reads_them_back(Enum value, string wire)
    {
        var (written, readBack) = value switch
        {
            PartnershipEvent e => (e.ToWireName(), DomainNames.TryParseEvent(wire, out var back) ? back : (Enum?)null),
            ReviewStatus s => (s.ToWireName(), DomainNames.TryParseStatus(wire, out var back) ? back : (Enum?)null),
            RhetoricLabel l => (l.ToWireName(), DomainNames.TryParseLabel(wire, out var back) ? back : (Enum?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        Assert.Equal(wire.ToLowerInvariant(), written);
        Assert.Equal(value, readBack);
    }

    [Theory]
    [InlineData("reinvented")]
    [InlineData("7")]
    [InlineData("1")]
    [InlineData("established, upgraded")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_unknown_wire_names(string? wire)
    {
        Assert.False(DomainNames.TryParseEvent(wire, out _));
        Assert.False(DomainNames.TryParseStatus(wire, out _));
        Assert.False(DomainNames.TryParseLabel(wire, out _));
    }

    [Theory]
    [InlineData(0.5, RhetoricLabel.Rhetorical)]
    [InlineData(0.93, RhetoricLabel.Rhetorical)]
    [InlineData(0.4999, RhetoricLabel.Substantive)]
    public void Labels_a_sentence_rhetorical_from_even_odds(double probability, RhetoricLabel expected)
    {
        var score = RhetoricScore.FromProbabilityOfRhetoric(probability);
        Assert.Equal(expected, score.Label);
        Assert.Equal(probability, score.Score);
    }
}
