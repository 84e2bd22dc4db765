using System.Diagnostics;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Core.Text;

namespace PartnershipMiner.Core.Tests.Pipeline;

/// <summary>
/// Text built to be slow: a sentence of a megabyte, a hundred thousand country names in one sentence, runs of one
/// punctuation mark, words broken at every line, thousands of tier phrases. Each must come through, and the work must
/// grow with the length of the text, not its square. The class runs alone (no other test of this assembly at the same
/// time), since it measures time.
/// </summary>
[Collection(nameof(MeasuredAlone))]
public sealed class PathologicalTextTests
{
    private const int Cap = SentenceSegmenter.DefaultMaxSentenceCharacters;

    // Growth bounds: ten times the text may cost at most thirty times the work. Below the floors, fixed costs and
    // timer noise dominate, so a small measurement counts as the floor.
    private const double MaxGrowth = 30;
    private const double TimeFloorMs = 5;
    private const long AllocationFloorBytes = 256 * 1024;

    private static PartnershipExtractor Extractor => ModelFiles.Extractor;

    public static TheoryData<string> Shapes =>
    [
        "one sentence", "country list", "statements", "mixture", "dashes", "dots", "apostrophes", "broken lines",
        "tier phrases", "modifier runs", "one-letter lines",
    ];

    private static string Build(string shape, int length) => shape switch
    {
        "one sentence" => HostileText.OneSentence(length, seed: 7),
        "country list" => HostileText.CountryList(length, seed: 7),
        "statements" => HostileText.Statements(length, seed: 7),
        "mixture" => HostileText.Mixture(new Random(7), length),
        "dashes" => "China and India: strategic partnership " + new string('-', length),
        "dots" => "China and India: strategic partnership " + new string('.', length),
        "apostrophes" => "China and India: strategic partnership " + new string('\'', length),
        "broken lines" => "China and India upgraded their strategic " + HostileText.Repeated("part-\nner-\n", length) + "ship.",
        "tier phrases" => "China and Russia " + HostileText.Repeated("comprehensive strategic partnership ", length),
        "modifier runs" => HostileText.Repeated("strategic strategic and comprehensive - all-weather strategic ", length) + "partnership.",
        "one-letter lines" => "China and India reaffirmed their strategic partnership.\n" + HostileText.Repeated("a\n", length),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Work_grows_linearly_with_the_length_of_the_text(string shape)
    {
        // Warm up: the first call of each stage pays for compilation.
        Extractor.Extract(new SourceDocument("warm-up", Build(shape, 2_000)));

        var small = Measure(Build(shape, 10_000), repetitions: 5);
        var medium = Measure(Build(shape, 100_000), repetitions: 3);
        var large = Measure(Build(shape, 1_000_000), repetitions: 2);

        AssertGrowth(shape, "10 KB → 100 KB", small, medium);
        AssertGrowth(shape, "100 KB → 1 MB", medium, large);
    }

    [Fact]
    public void A_sentence_of_a_megabyte_is_cut_at_the_cap_and_still_read()
    {
        var raw = HostileText.OneSentence(1_000_000, seed: 3);

        var analysis = Extractor.Extract(new SourceDocument("long.txt", raw));

        Assert.Equal(1, analysis.CutSentences);
        Assert.InRange(analysis.Sentences, 1_000_000 / Cap, (1_000_000 / (Cap / 2)) + 1);
        Assert.NotEmpty(analysis.Records);
        Assert.All(analysis.Records, r => Assert.InRange(r.EvidenceSpan.Length, 1, Cap));
    }

    [Fact]
    public void A_hundred_thousand_country_names_in_one_sentence_come_through()
    {
        var raw = HostileText.CountryList(1_100_000, seed: 5);
        Assert.True(raw.Count(c => c == ',') >= 100_000, "the generator wrote fewer than 100,000 names");

        var analysis = Extractor.Extract(new SourceDocument("names.txt", raw));

        Assert.Equal(1, analysis.CutSentences);
        Assert.True(analysis.Sentences >= raw.Length / Cap);
        Assert.All(analysis.Records, r => Assert.All(r.Parties, p => Assert.True(ModelFiles.Gazetteer.Parties.ContainsKey(p))));
    }

    [Fact]
    public void Thousands_of_tier_phrases_make_one_record_per_pair_and_tier()
    {
        var raw = "China and Russia " + HostileText.Repeated("established a comprehensive strategic partnership, ", 200_000) + "in 2019.";

        var analysis = Extractor.Extract(new SourceDocument("repeated.txt", raw));

        var record = Assert.Single(analysis.Records);
        Assert.Equal(["CHN", "RUS"], record.Parties);
        Assert.Equal("comprehensive strategic partnership", record.Tier);
        Assert.True(analysis.CutSentences >= 1);
    }

    [Theory]
    [InlineData("strategic part-\nner-\nship", "strategic partnership")]
    [InlineData("a-\nb-\nc-\nd", "abcd")]
    [InlineData("----\n----", "----\n----")]
    [InlineData("Sino-\nRussian-\nIndian", "Sino-Russian-Indian")]
    public void Words_broken_at_every_line_are_joined_once(string raw, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(raw));
    }

    [Fact]
    public void Runs_of_punctuation_read_as_text_without_records_or_errors()
    {
        foreach (var run in new[] { new string('-', 300_000), new string('.', 300_000), new string('\'', 300_000), HostileText.Repeated("-\n", 300_000), HostileText.Repeated("!?;:,", 300_000) })
        {
            var analysis = Extractor.Extract(new SourceDocument("run.txt", "China and India are strategic partners. " + run));

            Assert.All(analysis.Records, r => Assert.Equal(["CHN", "IND"], r.Parties));
            Assert.All(analysis.Records, r => Assert.InRange(r.EvidenceSpan.Length, 1, Cap));
        }
    }

    private readonly record struct Cost(int Length, double Milliseconds, long AllocatedBytes);

    /// <summary>The fastest of <paramref name="repetitions"/> runs, and the bytes the last run allocated on this thread.</summary>
    private static Cost Measure(string raw, int repetitions)
    {
        var document = new SourceDocument("measured.txt", raw);
        var fastest = double.MaxValue;
        long allocated = 0;
        for (var i = 0; i < repetitions; i++)
        {
            // Each run starts with a clean heap, so that it does not pay for the garbage of the one before.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            Extractor.Extract(document);
            fastest = Math.Min(fastest, watch.Elapsed.TotalMilliseconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return new Cost(raw.Length, fastest, allocated);
    }

    private static void AssertGrowth(string shape, string step, Cost smaller, Cost larger)
    {
        var lengthRatio = (double)larger.Length / smaller.Length;
        var allowed = MaxGrowth * lengthRatio / 10;
        var timeRatio = larger.Milliseconds / Math.Max(smaller.Milliseconds, TimeFloorMs);
        var allocationRatio = (double)larger.AllocatedBytes / Math.Max(smaller.AllocatedBytes, AllocationFloorBytes);
        var report = $"{shape}, {step}: {smaller.Milliseconds:F1} ms → {larger.Milliseconds:F1} ms, {smaller.AllocatedBytes / 1024:N0} KB → {larger.AllocatedBytes / 1024:N0} KB allocated";
        Assert.True(allocationRatio < allowed, $"allocation grew {allocationRatio:F1}× (allowed {allowed:F0}×): {report}");
        Assert.True(timeRatio < allowed, $"time grew {timeRatio:F1}× (allowed {allowed:F0}×): {report}");
    }
}

/// <summary>Tests that measure time: xUnit runs this collection after the others, never beside them.</summary>
[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;
