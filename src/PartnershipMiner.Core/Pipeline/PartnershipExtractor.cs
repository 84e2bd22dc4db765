using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Relation;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Pipeline;

/// <summary>What one document yielded.</summary>
public sealed record DocumentAnalysis(string Source, string ContentHash, DateOnly? Date, string? Title, int Sentences, IReadOnlyList<PartnershipRecord> Records);

/// <summary>
/// Text in, records out: normalise → segment → spot → relate → score. Pure and thread-safe: one instance serves all
/// threads. Most text mentions no partnership, so a document whose text never says "partner" stops after segmentation;
/// the others are analysed whole, since the dyad and the substance summary need every sentence.
/// </summary>
public sealed class PartnershipExtractor(Gazetteer gazetteer, TierTaxonomy taxonomy, ISentenceClassifier? classifier = null)
{
    private const int SubstanceExamples = 3;

    /// <summary>A token list each thread reuses from document to document (one that grew past this is let go).</summary>
    private const int KeptTokenCapacity = 1 << 18;

    [ThreadStatic]
    private static List<Token>? threadTokens;
    private readonly PartySpotter parties = new(gazetteer);
    private readonly TierSpotter tiers = new(taxonomy);

    public DocumentAnalysis Extract(SourceDocument document)
    {
        var text = TextNormalizer.Normalize(document.Text);
        var units = SentenceSegmenter.Split(text);
        var date = document.Date ?? DocumentDateReader.Read(text, units);
        var title = document.Title ?? FirstTitle(text, units);
        var contentCount = units.Count(u => u.Kind != SentenceKind.Metadata);
        if (!PartnerWord.In(text))
        {
            return new DocumentAnalysis(document.Source, document.ContentHash, date, title, contentCount, []);
        }

        var tokens = threadTokens ?? new List<Token>(text.Length / 5);
        threadTokens = null;
        try
        {
            return Analyse(document, text, date, title, contentCount, DocumentView.Build(text, units, document.Title, parties, tokens));
        }
        finally
        {
            threadTokens = tokens.Capacity <= KeptTokenCapacity ? tokens : null;
        }
    }

    private DocumentAnalysis Analyse(SourceDocument document, string text, DateOnly? date, string? title, int contentCount, DocumentView view)
    {
        var (dyad, ranked) = DocumentDyad.Find(view.Units, view.Mentions);
        var candidates = new List<(PartnershipRecord Record, int Unit)>();
        var tierMentions = new List<TierMention>();
        for (var u = 0; u < view.Units.Count; u++)
        {
            if (view.Units[u].Kind == SentenceKind.Metadata || !PartnerWord.In(view.Units[u].Of(text)))
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
            foreach (var tier in tierMentions)
            {
                var reading = EventReader.Read(text, view.Tokens, first, end, tier, cues);
                if (reading.Negated)
                {
                    continue;
                }

                var anchor = reading.CueToken >= 0 ? reading.CueToken : tier.HeadToken;
                var year = YearReader.Read(text, view.Tokens, first, end, anchor, reading.Event, date);
                var assignments = PartyResolver.Resolve(text, view.Tokens, first, end, tier, view.Mentions[u], dyad, ranked, gazetteer);
                foreach (var assignment in assignments)
                {
                    var span = view.Units[u].Span;
                    candidates.Add((new PartnershipRecord
                    {
                        Id = RecordKey.For(document.ContentHash, assignment.Parties, tier.Tier.Name),
                        Document = document.Source,
                        ContentHash = document.ContentHash,
                        DocumentDate = date,
                        Parties = assignment.Parties,
                        Tier = tier.Tier.Name,
                        Phrase = CollapseSpaces(tier.PhraseSpan.Slice(text)),
                        TierRank = tier.Tier.Rank,
                        Event = assignment.StatusOnly ? PartnershipEvent.Mentioned : reading.Event,
                        Year = assignment.StatusOnly ? null : year,
                        Evidence = CollapseSpaces(span.Slice(text)),
                        EvidenceSpan = span,
                        Confidence = assignment.Confidence,
                    }, u));
                }
            }
        }

        var records = Merge(candidates);
        if (classifier is not null && records.Count > 0)
        {
            records = Score(text, view, records, dyad);
        }

        return new DocumentAnalysis(document.Source, document.ContentHash, date, title, contentCount, records);
    }

    /// <summary>
    /// One record per (parties, tier) in a document: the first sentence that reports an act wins over mere mentions,
    /// and a missing year is taken from another sentence that reports the same act.
    /// </summary>
    private static List<PartnershipRecord> Merge(List<(PartnershipRecord Record, int Unit)> candidates)
    {
        var merged = new List<PartnershipRecord>();
        foreach (var group in candidates.GroupBy(c => c.Record.Id))
        {
            var ordered = group.ToList();
            var best = ordered.FirstOrDefault(c => c.Record.Event != PartnershipEvent.Mentioned).Record ?? ordered[0].Record;
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

        return merged;
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

    internal static string CollapseSpaces(ReadOnlySpan<char> span)
    {
        if (!span.ContainsAny('\n', '\t') && !span.Contains("  ", StringComparison.Ordinal))
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
}
