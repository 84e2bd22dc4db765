using PartnershipMiner.Cli;
using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Core.Relation;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Benchmarks;

/// <summary>
/// The extractor's stages one at a time, each over exactly the input it meets inside <see cref="PartnershipExtractor"/>:
/// every document is normalised and segmented; only documents that hold a head word of the taxonomy ("partner...") are
/// tokenised and party-spotted; only their units that hold one are tier-spotted; only the tier phrases found are related. So the stage times of a
/// corpus add up to (about) its whole extraction time. The micro-benchmarks and the --extract profile share this class.
/// </summary>
public sealed class ExtractionStages
{
    private readonly Gazetteer gazetteer;
    private readonly TierTaxonomy taxonomy;
    private readonly PartySpotter parties;
    private readonly TierSpotter tiers;

    public ExtractionStages()
    {
        var catalog = ModelCatalog.Locate(null);
        gazetteer = catalog.LoadGazetteer();
        taxonomy = catalog.LoadTaxonomy();
        Classifier = catalog.LoadClassifier() ?? throw new InvalidOperationException($"no {ModelCatalog.RhetoricModelFile} under {catalog.Directory}");
        parties = new PartySpotter(gazetteer);
        tiers = new TierSpotter(taxonomy);
        Extractor = new PartnershipExtractor(gazetteer, taxonomy, Classifier);
    }

    public PartnershipExtractor Extractor { get; }

    public ISentenceClassifier Classifier { get; }

    /// <summary>A document after normalisation and segmentation, with its tokens and mentions when it holds a head word.</summary>
    public sealed class Staged
    {
        public required string Raw { get; init; }

        public required SourceDocument Source { get; init; }

        public required string Text { get; init; }

        public required List<Sentence> Units { get; init; }

        public bool SaysPartner { get; init; }

        internal DocumentView? View { get; init; }

        internal DocumentDyad? Dyad { get; init; }

        internal IReadOnlyList<string> Ranked { get; init; } = [];

        /// <summary>Tier phrases by unit index, for the units that have any.</summary>
        internal List<(int Unit, List<TierMention> Mentions)> Tiers { get; } = [];
    }

    /// <summary>Runs every stage once to give each stage its own input.</summary>
    public List<Staged> Stage(IReadOnlyList<BenchDocument> documents)
    {
        var staged = new List<Staged>(documents.Count);
        foreach (var document in documents)
        {
            var text = TextNormalizer.Normalize(document.Text);
            var units = SentenceSegmenter.Split(text);
            var saysPartner = tiers.MayHoldTier(text);
            DocumentView? view = null;
            DocumentDyad? dyad = null;
            IReadOnlyList<string> ranked = [];
            if (saysPartner)
            {
                view = DocumentView.Build(text, units, null, parties);
                (dyad, ranked) = DocumentDyad.Find(view.Units, view.Mentions);
            }

            var item = new Staged
            {
                Raw = document.Text,
                Source = new SourceDocument(document.Path, document.Text),
                Text = text,
                Units = units,
                SaysPartner = saysPartner,
                View = view,
                Dyad = dyad,
                Ranked = ranked,
            };
            if (view is not null)
            {
                for (var u = 0; u < view.Units.Count; u++)
                {
                    var found = new List<TierMention>();
                    SpotTiers(item, u, found);
                    if (found.Count > 0)
                    {
                        item.Tiers.Add((u, found));
                    }
                }
            }

            staged.Add(item);
        }

        return staged;
    }

    public static int Normalise(List<Staged> documents)
    {
        var length = 0;
        foreach (var document in documents)
        {
            length += TextNormalizer.Normalize(document.Raw).Length;
        }

        return length;
    }

    public static int Segment(List<Staged> documents)
    {
        var units = 0;
        foreach (var document in documents)
        {
            units += SentenceSegmenter.Split(document.Text).Count;
        }

        return units;
    }

    public static int Tokenise(List<Staged> documents)
    {
        var tokens = new List<Token>(4096);
        var count = 0;
        foreach (var document in documents)
        {
            if (!document.SaysPartner)
            {
                continue;
            }

            tokens.Clear();
            foreach (var unit in document.Units)
            {
                Tokenizer.Tokenize(document.Text, unit.Span.Start, unit.Span.End, tokens);
            }

            count += tokens.Count;
        }

        return count;
    }

    public int SpotParties(List<Staged> documents)
    {
        var found = new List<PartyMention>();
        foreach (var document in documents)
        {
            if (document.View is not { } view)
            {
                continue;
            }

            for (var u = 0; u < view.Units.Count; u++)
            {
                if (view.Units[u].Kind != SentenceKind.Metadata)
                {
                    var (first, end) = view.TokenRange[u];
                    parties.Spot(view.Text, view.Tokens, first, end, found);
                }
            }
        }

        return found.Count;
    }

    public int SpotTiers(List<Staged> documents)
    {
        var found = new List<TierMention>();
        foreach (var document in documents)
        {
            if (document.View is not { } view)
            {
                continue;
            }

            for (var u = 0; u < view.Units.Count; u++)
            {
                SpotTiers(document, u, found);
            }
        }

        return found.Count;
    }

    /// <summary>Events, years and parties of every tier phrase, as the extractor reads them.</summary>
    public int Relate(List<Staged> documents)
    {
        var assignments = 0;
        foreach (var document in documents)
        {
            if (document.View is not { } view)
            {
                continue;
            }

            foreach (var (u, mentions) in document.Tiers)
            {
                var (first, end) = view.TokenRange[u];
                var cues = EventReader.FindCues(view.Text, view.Tokens, first, end, taxonomy.Events);
                foreach (var tier in mentions)
                {
                    var reading = EventReader.Read(view.Text, view.Tokens, first, end, tier, cues);
                    if (reading.Negated)
                    {
                        continue;
                    }

                    var anchor = reading.CueToken >= 0 ? reading.CueToken : tier.HeadToken;
                    _ = YearReader.Read(view.Text, view.Tokens, first, end, anchor, reading.Event, null);
                    assignments += PartyResolver.Resolve(view.Text, view.Tokens, first, end, tier, mentions, view.Mentions[u], document.Dyad, document.Ranked, gazetteer).Count;
                }
            }
        }

        return assignments;
    }

    public int Extract(List<Staged> documents)
    {
        var records = 0;
        foreach (var document in documents)
        {
            records += Extractor.Extract(document.Source).Records.Count;
        }

        return records;
    }

    /// <summary>The content sentences of the documents (what the classifier could be asked about).</summary>
    public static List<string> Sentences(List<Staged> documents) =>
        [.. documents.SelectMany(d => d.Units.Where(u => u.Kind == SentenceKind.Body).Select(u => u.Of(d.Text).ToString()))];

    private void SpotTiers(Staged document, int unit, List<TierMention> into)
    {
        var view = document.View!;
        if (view.Units[unit].Kind == SentenceKind.Metadata || !tiers.MayHoldTier(view.Units[unit].Of(view.Text)))
        {
            return;
        }

        var (first, end) = view.TokenRange[unit];
        tiers.Spot(view.Text, view.Tokens, first, end, into);
    }
}
