using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Core.Relation;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests;

/// <summary>
/// A text taken through the stages the extractor runs before relating (normalise, segment, tokenise, spot parties,
/// find the document dyad) with the real models, so that a test can run one later stage on one tier phrase of it.
/// </summary>
internal sealed class StagedText
{
    private readonly DocumentView view;

    private StagedText(string text, DateOnly? date)
    {
        Text = text;
        var units = SentenceSegmenter.Split(text);
        view = DocumentView.Build(text, units, null, new PartySpotter(ModelFiles.Gazetteer));
        (Dyad, Ranked) = DocumentDyad.Find(view.Units, view.Mentions);
        Date = date ?? DocumentDateReader.Read(text, units);
    }

    public string Text { get; }

    public DateOnly? Date { get; }

    public DocumentDyad? Dyad { get; }

    public IReadOnlyList<string> Ranked { get; }

    public static StagedText Of(string raw, DateOnly? date = null) => new(TextNormalizer.Normalize(raw), date);

    /// <summary>Every tier phrase of the text, in reading order, with the unit it stands in.</summary>
    public List<StagedTier> Tiers()
    {
        var spotter = new TierSpotter(ModelFiles.Taxonomy);
        var found = new List<StagedTier>();
        for (var u = 0; u < view.Units.Count; u++)
        {
            var mentions = new List<TierMention>();
            var (first, end) = view.TokenRange[u];
            spotter.Spot(Text, view.Tokens, first, end, mentions);
            found.AddRange(mentions.Select(m => new StagedTier(u, m)));
        }

        return found;
    }

    /// <summary>The only tier phrase of the text; fails the test when there is not exactly one.</summary>
    public StagedTier SingleTier() => Assert.Single(Tiers());

    public EventReading Event(StagedTier tier)
    {
        var (first, end) = view.TokenRange[tier.Unit];
        return EventReader.Read(Text, view.Tokens, first, end, tier.Mention, ModelFiles.Taxonomy.Events);
    }

    public int? Year(StagedTier tier)
    {
        var (first, end) = view.TokenRange[tier.Unit];
        var reading = Event(tier);
        var anchor = reading.CueToken >= 0 ? reading.CueToken : tier.Mention.HeadToken;
        return YearReader.Read(Text, view.Tokens, first, end, anchor, reading.Event, Date, (tier.Mention.FirstToken, tier.Mention.EndToken));
    }

    /// <summary>The party sets of a tier phrase, each as its sorted codes joined by a space ("CHN VNM").</summary>
    public List<string> Parties(StagedTier tier)
    {
        var (first, end) = view.TokenRange[tier.Unit];
        var sameUnit = Tiers().Where(t => t.Unit == tier.Unit).Select(t => t.Mention).ToList();
        var assignments = PartyResolver.Resolve(Text, view.Tokens, first, end, tier.Mention, sameUnit, view.Mentions[tier.Unit], Dyad, Ranked, ModelFiles.Gazetteer);
        return [.. assignments.Select(a => string.Join(' ', a.Parties))];
    }
}

/// <summary>A tier phrase and the index of the unit it was found in.</summary>
internal readonly record struct StagedTier(int Unit, TierMention Mention);
