using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Relation;

namespace PartnershipMiner.Core.Tests.Relation;

public class EventReaderTests
{
    /// <summary>The event of the only tier phrase of a sentence as its wire name, or "negated".</summary>
    private static string EventOf(string sentence)
    {
        var staged = StagedText.Of(sentence);
        var reading = staged.Event(staged.SingleTier());
        return reading.Negated ? "negated" : reading.Event.ToWireName();
    }

    [Theory]
    [InlineData("China and Vietnam established a comprehensive strategic partnership in 2008.")]
    [InlineData("The two countries forged a strategic partnership during the visit.")]
    [InlineData("Egypt became a dialogue partner of the SCO.")]
    [InlineData("The leaders signed a joint statement on a comprehensive strategic partnership.")]
    [InlineData("The strategic partnership formed in 2013 has grown quickly.")]
    public void Reads_establishment(string sentence) => Assert.Equal("established", EventOf(sentence));

    [Theory]
    [InlineData("Indonesia and Australia elevated ties to a comprehensive strategic partnership.")]
    [InlineData("The two sides decided to upgrade their relationship to a comprehensive strategic partnership.")]
    [InlineData("Relations were raised to the level of a strategic partnership.")]
    public void Reads_upgrades(string sentence) => Assert.Equal("upgraded", EventOf(sentence));

    [Theory]
    [InlineData("The leaders reaffirmed the comprehensive strategic partnership.")]
    [InlineData("Both sides agreed to deepen the strategic partnership.")]
    [InlineData("The two countries will push forward the comprehensive strategic partnership.")]
    [InlineData("The ministers marked the tenth anniversary of the strategic partnership.")]
    public void Reads_reaffirmation(string sentence) => Assert.Equal("reaffirmed", EventOf(sentence));

    [Theory]
    [InlineData("Russia is no longer a strategic partner of the European Union.")]
    [InlineData("The parliament voted to suspend the strategic partnership with Moscow.")]
    [InlineData("Brussels froze the privileged strategic partnership last year.")]
    public void Reads_downgrades(string sentence) => Assert.Equal("downgraded", EventOf(sentence));

    [Theory]
    [InlineData("China and Brazil will establish a strategic partnership.")]
    [InlineData("The two sides are expected to sign a comprehensive strategic partnership next month.")]
    [InlineData("Seoul and Hanoi plan to upgrade ties to a comprehensive strategic partnership.")]
    [InlineData("The ministers discussed a possible strategic partnership.")]
    public void Reads_plans(string sentence) => Assert.Equal("planned", EventOf(sentence));

    [Theory]
    [InlineData("India is a strategic partner of France.")]
    [InlineData("Kazakhstan sees China as a comprehensive strategic partner.")]
    [InlineData("China is not only a strategic partner but also a friend.")]
    [InlineData("The two sides signed a trade deal; the strategic partnership remains in place.")]
    public void Reads_a_plain_mention(string sentence) => Assert.Equal("mentioned", EventOf(sentence));

    [Theory]
    [InlineData("The two countries did not establish a strategic partnership.")]
    [InlineData("Vietnam upgraded ties with Australia directly, skipping the 'strategic partnership' phase.")]
    [InlineData("Brazil declined a strategic partnership with the bloc.")]
    [InlineData("The visit stopped short of a comprehensive strategic partnership.")]
    [InlineData("The two sides have yet to establish a strategic partnership.")]
    public void Reads_negation_as_no_event(string sentence) => Assert.Equal("negated", EventOf(sentence));

    [Fact]
    public void A_phrase_without_any_cue_is_a_mention_without_a_cue()
    {
        var staged = StagedText.Of("Warm words about the strategic partnership of India and France.");
        Assert.Equal(new EventReading(PartnershipEvent.Mentioned, false, -1), staged.Event(staged.SingleTier()));
    }

    [Fact]
    public void A_state_verb_nearer_than_an_act_makes_a_mention()
    {
        var staged = StagedText.Of("India is a strategic partner of France.");
        Assert.Equal(new EventReading(PartnershipEvent.Mentioned, false, 1), staged.Event(staged.SingleTier()));

        var established = StagedText.Of("France, which established diplomatic ties with India long ago, has had a strategic partnership with it since 1998.");
        Assert.Equal(PartnershipEvent.Mentioned, established.Event(established.SingleTier()).Event);
    }

    [Fact]
    public void Points_at_the_cue_it_read()
    {
        var staged = StagedText.Of("Indonesia and Australia elevated ties to a comprehensive strategic partnership.");
        var reading = staged.Event(staged.SingleTier());
        Assert.Equal(PartnershipEvent.Upgraded, reading.Event);
        Assert.False(reading.Negated);
        Assert.Equal(3, reading.CueToken); // Indonesia and Australia [elevated]
    }
}
