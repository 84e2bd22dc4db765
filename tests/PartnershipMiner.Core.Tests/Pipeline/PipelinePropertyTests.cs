using System.Text;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Pipeline;

/// <summary>
/// Thousands of seeded random documents (<see cref="HostileText.Mixture"/>) through the whole pipeline with the real
/// gazetteer, taxonomy and rhetoric model: nothing throws, and every record keeps the contract. A failure names the
/// seed, so <c>HostileText.Mixture(new Random(seed), length)</c> gives the input back.
/// </summary>
public sealed class PipelinePropertyTests
{
    private const int Documents = 2500;
    private const int SmallCap = SentenceSegmenter.MinimumMaxSentenceCharacters;

    [Fact]
    public void Generated_documents_never_throw_and_every_record_keeps_the_contract()
    {
        var extractor = ModelFiles.ScoringExtractor;
        var capped = new PartnershipExtractor(ModelFiles.Gazetteer, ModelFiles.Taxonomy, ModelFiles.Rhetoric, SmallCap);
        var records = 0;
        for (var seed = 1; seed <= Documents; seed++)
        {
            var random = new Random(seed);
            var raw = HostileText.Mixture(random, random.Next(0, 3000));
            records += Check(extractor, raw, seed);
            if (seed % 5 == 0)
            {
                records += Check(capped, raw, seed);
            }
        }

        // The generator mixes in enough names and tier phrases for the pipeline to find records; if it found none, the
        // checks above would have checked nothing.
        Assert.True(records > Documents / 10, $"only {records} records in {Documents} documents");
    }

    [Fact]
    public void Generated_documents_segment_into_ordered_trimmed_units_within_the_cap()
    {
        for (var seed = 1; seed <= Documents; seed++)
        {
            var random = new Random(seed);
            var text = TextNormalizer.Normalize(HostileText.Mixture(random, random.Next(0, 3000)));
            foreach (var cap in new[] { SentenceSegmenter.DefaultMaxSentenceCharacters, SmallCap })
            {
                var units = SentenceSegmenter.Split(text, cap, out _);
                var previousEnd = 0;
                foreach (var unit in units)
                {
                    Assert.True(unit.Span.Start >= previousEnd && unit.Span.End <= text.Length, $"seed {seed}: unit {unit.Span} out of order or outside the text");
                    Assert.True(unit.Span.Length >= 1 && unit.Span.Length <= cap, $"seed {seed}: unit {unit.Span} of length {unit.Span.Length} (cap {cap}): {Escaped(unit.Of(text).ToString())}");
                    Assert.False(char.IsWhiteSpace(text[unit.Span.Start]) || char.IsWhiteSpace(text[unit.Span.End - 1]), $"seed {seed}: unit {unit.Span} not trimmed");
                    previousEnd = unit.Span.End;
                }
            }
        }
    }

    [Fact]
    public void The_normaliser_is_idempotent_on_generated_text()
    {
        for (var seed = 1; seed <= Documents; seed++)
        {
            var random = new Random(seed);
            var once = TextNormalizer.Normalize(HostileText.Mixture(random, random.Next(0, 3000)));
            var twice = TextNormalizer.Normalize(once);
            var at = once.AsSpan().CommonPrefixLength(twice);
            Assert.True(once == twice, $"seed {seed}: normalising twice changes the text at {at}: {Escaped(once[Math.Max(0, at - 10)..Math.Min(once.Length, at + 10)])} → {Escaped(twice[Math.Max(0, at - 10)..Math.Min(twice.Length, at + 10)])}");
        }
    }

    /// <summary>Runs one document and checks every record; returns how many records there were.</summary>
    private static int Check(PartnershipExtractor extractor, string raw, int seed)
    {
        DocumentAnalysis analysis;
        try
        {
            analysis = extractor.Extract(new SourceDocument($"generated/{seed}.txt", raw));
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed} (cap {extractor.MaxSentenceCharacters}): {e}");
        }

        var text = TextNormalizer.Normalize(raw);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in analysis.Records)
        {
            var context = $"seed {seed} (cap {extractor.MaxSentenceCharacters}), record {record.Id}";
            Assert.True(ids.Add(record.Id), $"{context}: duplicate id");
            Assert.True(record.EvidenceSpan.Start >= 0 && record.EvidenceSpan.Start < record.EvidenceSpan.End && record.EvidenceSpan.End <= text.Length, $"{context}: span {record.EvidenceSpan} outside the text of {text.Length}");
            Assert.True(record.EvidenceSpan.Length <= extractor.MaxSentenceCharacters, $"{context}: evidence longer than the cap");
            var folded = FoldWhiteSpace(record.EvidenceSpan.Slice(text));
            Assert.True(folded == record.Evidence, $"{context}: evidence differs from its span folded\n  span:     {Escaped(folded)}\n  evidence: {Escaped(record.Evidence)}");
            Assert.Contains(record.Phrase, record.Evidence, StringComparison.Ordinal);

            Assert.True(record.Parties.Count >= 2, $"{context}: {record.Parties.Count} parties");
            Assert.Equal(record.Parties.Order(StringComparer.Ordinal).Distinct(), record.Parties);
            Assert.All(record.Parties, p => Assert.True(ModelFiles.Gazetteer.Parties.ContainsKey(p), $"{context}: party {p} not in the gazetteer"));

            var tier = ModelFiles.Taxonomy.FindByName(record.Tier);
            Assert.True(tier is not null, $"{context}: tier '{record.Tier}' not in the taxonomy");
            Assert.Equal(tier.Rank, record.TierRank);
            Assert.True(record.Year is null or (>= 1945 and <= 2100), $"{context}: year {record.Year}");
            Assert.InRange(record.Confidence, 0.0, 1.0);

            Assert.True(record.Rhetoric is not null, $"{context}: no rhetoric score");
            Assert.InRange(record.Rhetoric.Value.Score, 0.0, 1.0);
            Assert.NotNull(record.Substance);
            Assert.InRange(record.Substance.Substantive, 0, record.Substance.Sentences);
            Assert.True(record.Substance.Examples.Count <= Math.Min(3, record.Substance.Substantive), $"{context}: too many examples");
        }

        return analysis.Records.Count;
    }

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    /// <summary>Every run of white space (as <see cref="char.IsWhiteSpace(char)"/> sees it) as one space.</summary>
    internal static string FoldWhiteSpace(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var inSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inSpace = true;
                continue;
            }

            if (inSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            inSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
