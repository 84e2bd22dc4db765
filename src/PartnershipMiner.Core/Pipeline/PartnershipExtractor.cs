using System.Runtime.CompilerServices;
using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Relation;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Pipeline;

/// <summary>What one document yielded.</summary>
public sealed record DocumentAnalysis(string Source, string ContentHash, DateOnly? Date, string? Title, int Sentences, IReadOnlyList<PartnershipRecord> Records)
{
    /// <summary>Units longer than the extractor's sentence cap, which were cut into pieces before analysis.</summary>
    public int CutSentences { get; init; }
}

/// <summary>
/// Text in, records out: normalise → segment → spot → relate → score. Pure and thread-safe: one instance serves all
/// threads. Most text mentions no partnership, so a document whose text holds no head word of the taxonomy
/// ("partnership", "partners": <see cref="TierSpotter.MayHoldTier"/>) stops after segmentation; the others are analysed
/// whole, since the dyad and the substance summary need every sentence, and only their sentences that hold a head word
/// are searched for tier phrases. No unit is longer than
/// <see cref="MaxSentenceCharacters"/>: longer ones are cut (see <see cref="SentenceSegmenter"/>), which keeps the work
/// linear in the length of the text.
/// </summary>
public sealed class PartnershipExtractor
{
    private const int SubstanceExamples = 3;

    /// <summary>A token list each thread reuses from document to document (one that grew past this is let go).</summary>
    private const int KeptTokenCapacity = 1 << 18;

    [ThreadStatic]
    private static List<Token>? threadTokens;
    private readonly Gazetteer gazetteer;
    private readonly TierTaxonomy taxonomy;
    private readonly ISentenceClassifier? classifier;
    private readonly PartySpotter parties;
    private readonly TierSpotter tiers;

    public PartnershipExtractor(
        Gazetteer gazetteer,
        TierTaxonomy taxonomy,
        ISentenceClassifier? classifier = null,
        int maxSentenceCharacters = SentenceSegmenter.DefaultMaxSentenceCharacters)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSentenceCharacters, SentenceSegmenter.MinimumMaxSentenceCharacters);
        this.gazetteer = gazetteer;
        this.taxonomy = taxonomy;
        this.classifier = classifier;
        MaxSentenceCharacters = maxSentenceCharacters;
        parties = new PartySpotter(gazetteer);
        tiers = new TierSpotter(taxonomy);
    }

    /// <summary>The longest unit analysed as one sentence.</summary>
    public int MaxSentenceCharacters { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DocumentAnalysis Extract(SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = TextNormalizer.Normalize(document.Text);
        var units = SentenceSegmenter.Split(text, MaxSentenceCharacters, out var cutSentences);
        var date = document.Date ?? DocumentDateReader.Read(text, units);
        var title = document.Title ?? FirstTitle(text, units);
        var contentCount = units.Count(u => u.Kind != SentenceKind.Metadata);
        if (!tiers.MayHoldTier(text))
        {
            return new DocumentAnalysis(document.Source, document.ContentHash, date, title, contentCount, []) { CutSentences = cutSentences };
        }

        var tokens = threadTokens ?? new List<Token>(text.Length / 5);
        threadTokens = null;
        try
        {
            var view = DocumentView.Build(text, units, document.Title, parties, tokens);
            return Analyse(document, text, date, title, contentCount, cutSentences, view);
        }
        finally
        {
            threadTokens = tokens.Capacity <= KeptTokenCapacity ? tokens : null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DocumentAnalysis Analyse(SourceDocument document, string text, DateOnly? date, string? title, int contentCount, int cutSentences, DocumentView view)
    {
        var (dyad, ranked) = DocumentDyad.Find(view.Units, view.Mentions);
        var candidates = new List<(PartnershipRecord Record, int Unit)>();

        // A text that repeats one act thousands of times yields as many candidates with a handful of ids.
        var ids = new Dictionary<(string Parties, string Tier), string>();
        var tierMentions = new List<TierMention>();
        for (var u = 0; u < view.Units.Count; u++)
        {
            if (view.Units[u].Kind == SentenceKind.Metadata || !tiers.MayHoldTier(view.Units[u].Of(text)))
            {
                continue;
            }

            tierMentions.Clear();
            var (first, end) = view.TokenRange[u];
            tiers.Spot(text, view.Tokens, first, end, tierMentions);
            if (tierMentions.Count == 0)
            {
                continue;
            }

            var cues = EventReader.FindCues(text, view.Tokens, first, end, taxonomy.Events);

            // One string per sentence, shared by all its candidates: a long sentence holds hundreds of tier phrases.
            string? evidence = null;
            var sentenceParties = new PartyResolver.SentenceParties(text, view.Tokens, view.Mentions[u]);
            foreach (var tier in tierMentions)
            {
                var reading = EventReader.Read(text, view.Tokens, first, end, tier, cues);
                if (reading.Negated)
                {
                    continue;
                }

                var anchor = reading.CueToken >= 0 ? reading.CueToken : tier.HeadToken;
                var year = YearReader.Read(text, view.Tokens, first, end, anchor, reading.Event, date, (tier.FirstToken, tier.EndToken));
                var assignments = PartyResolver.Resolve(text, view.Tokens, first, end, tier, tierMentions, sentenceParties, dyad, ranked, gazetteer);
                foreach (var assignment in assignments)
                {
                    // A table row that names no party ("| Cooperative Partnership | Basic relations | Many |") describes a
                    // tier, not a pair; the document's pair is no answer there.
                    if (view.Units[u].Kind == SentenceKind.TableRow && assignment.Rule == "dyad")
                    {
                        continue;
                    }

                    var span = view.Units[u].Span;
                    candidates.Add((new PartnershipRecord
                    {
                        Id = IdOf(ids, document.ContentHash, assignment.Parties, tier.Tier.Name),
                        Document = document.Source,
                        ContentHash = document.ContentHash,
                        DocumentDate = date,
                        Parties = assignment.Parties,
                        Tier = tier.Tier.Name,
                        Phrase = CollapseSpaces(tier.PhraseSpan.Slice(text)),
                        TierRank = tier.Tier.Rank,
                        Event = assignment.StatusOnly ? PartnershipEvent.Mentioned : reading.Event,
                        Year = assignment.StatusOnly ? null : year,
                        Evidence = evidence ??= CollapseSpaces(span.Slice(text)),
                        EvidenceSpan = span,
                        Confidence = assignment.Confidence,
                    }, u));
                }
            }
        }

        var records = Merge(candidates, view.Units);
        if (classifier is not null && records.Count > 0)
        {
            records = Score(text, view, records, dyad);
        }

        return new DocumentAnalysis(document.Source, document.ContentHash, date, title, contentCount, records) { CutSentences = cutSentences };
    }

    private static string IdOf(Dictionary<(string Parties, string Tier), string> ids, string contentHash, IReadOnlyList<string> parties, string tier)
    {
        var key = (string.Join(',', parties), tier);
        if (!ids.TryGetValue(key, out var id))
        {
            ids[key] = id = RecordKey.For(contentHash, parties, tier);
        }

        return id;
    }

    /// <summary>
    /// One record per (parties, tier) in a document: a sentence that reports an act wins over mere mentions, and the
    /// first act decides; a body sentence that reports the same act is preferred as evidence over the headline (it has
    /// the full phrase and the details); a missing year is taken from another sentence that reports the same act.
    /// </summary>
    private static List<PartnershipRecord> Merge(List<(PartnershipRecord Record, int Unit)> candidates, List<Sentence> units)
    {
        var merged = new List<PartnershipRecord>();
        var headlineOnly = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in candidates.GroupBy(c => c.Record.Id))
        {
            var ordered = group.ToList();
            if (ordered.TrueForAll(c => units[c.Unit].Kind is SentenceKind.Title or SentenceKind.Heading))
            {
                headlineOnly.Add(group.Key);
            }

            // The first act decides the event (a headline is written about the news); the evidence is the first body
            // sentence that reports that same act, when there is one.
            var acts = ordered.Where(c => c.Record.Event != PartnershipEvent.Mentioned).ToList();
            var firstAct = acts.Count > 0 ? acts[0].Record : ordered[0].Record;
            var best = acts.FirstOrDefault(c => c.Record.Event == firstAct.Event && units[c.Unit].Kind is not (SentenceKind.Title or SentenceKind.Heading)).Record
                ?? firstAct;
            if (best.Year is null)
            {
                var dated = ordered.FirstOrDefault(c => c.Record.Event == best.Event && c.Record.Year is not null).Record;
                if (dated is not null)
                {
                    best = best with { Year = dated.Year };
                }
            }

            merged.Add(best);
        }

        if (headlineOnly.Count == 0)
        {
            return merged;
        }

        // The body's records by pair, so that each headline record is compared with its own pair's only: a document of
        // thousands of headings over thousands of other pairs was quadratic.
        var bodyByPair = merged.Where(r => !headlineOnly.Contains(r.Id)).ToLookup(r => string.Join(' ', r.Parties), StringComparer.Ordinal);
        return [.. merged.Where(r => !IsHeadlineShorthand(r, bodyByPair[string.Join(' ', r.Parties)], headlineOnly))];
    }

    /// <summary>
    /// Headlines compress: "China, India reach agreement on 'strategic partnership'" over a body that names the
    /// "strategic and cooperative partnership for peace and prosperity". A tier that only a headline gives a pair, every
    /// word of which is in a tier the body gives the same pair, is that tier's shorthand, not a second partnership, when
    /// the headline reports no act of its own or the same act as the body. A headline act the body does not report
    /// ("upgrade ties to strategic partnership" over a body only "working towards" a higher tier) is the news, and stays.
    /// </summary>
    /// <param name="body">The records of the same pair that the body gives.</param>
    private static bool IsHeadlineShorthand(PartnershipRecord record, IEnumerable<PartnershipRecord> body, HashSet<string> headlineOnly)
    {
        if (!headlineOnly.Contains(record.Id))
        {
            return false;
        }

        var words = record.Tier.Split(' ');
        return body.Any(other =>
            other.Tier != record.Tier &&
            (record.Event == PartnershipEvent.Mentioned || other.Event == record.Event) &&
            Array.TrueForAll(words, word => other.Tier.Split(' ').Contains(word, StringComparer.Ordinal)));
    }

    private List<PartnershipRecord> Score(string text, DocumentView view, List<PartnershipRecord> records, DocumentDyad? dyad)
    {
        var verdicts = new Dictionary<int, RhetoricScore>();
        RhetoricScore Verdict(int unit)
        {
            if (!verdicts.TryGetValue(unit, out var verdict))
            {
                verdict = classifier!.Classify(view.Units[unit].Of(text));
                verdicts[unit] = verdict;
            }

            return verdict;
        }

        var scored = new List<PartnershipRecord>(records.Count);
        foreach (var record in records)
        {
            var evidenceUnit = view.UnitAt(record.EvidenceSpan.Start);
            var discussing = view.UnitsDiscussing(record.Parties, dyad);
            var substantive = discussing.Where(u => Verdict(u).Label == RhetoricLabel.Substantive).ToList();
            scored.Add(record with
            {
                Rhetoric = Verdict(evidenceUnit),
                Substance = new SubstanceSummary(
                    discussing.Count,
                    substantive.Count,
                    [.. substantive.Take(SubstanceExamples).Select(u => CollapseSpaces(view.Units[u].Of(text)))]),
            });
        }

        return scored;
    }

    private static string? FirstTitle(string text, List<Sentence> units)
    {
        foreach (var unit in units)
        {
            if (unit.Kind is SentenceKind.Title or SentenceKind.Heading)
            {
                return unit.Of(text).ToString();
            }

            if (unit.Kind != SentenceKind.Metadata)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Every run of white space (any kind: line breaks, tabs, Unicode separators) as one space.</summary>
    internal static string CollapseSpaces(ReadOnlySpan<char> span)
    {
        if (!NeedsCollapsing(span))
        {
            return span.ToString();
        }

        var builder = new System.Text.StringBuilder(span.Length);
        var lastSpace = false;
        foreach (var c in span)
        {
            var space = char.IsWhiteSpace(c);
            if (!space || !lastSpace)
            {
                builder.Append(space ? ' ' : c);
            }

            lastSpace = space;
        }

        return builder.ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool NeedsCollapsing(ReadOnlySpan<char> span)
    {
        var lastSpace = false;
        foreach (var c in span)
        {
            var space = char.IsWhiteSpace(c);
            if (space && (c != ' ' || lastSpace))
            {
                return true;
            }

            lastSpace = space;
        }

        return false;
    }
}
