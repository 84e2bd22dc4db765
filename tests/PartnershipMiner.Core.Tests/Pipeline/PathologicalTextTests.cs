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

    // Ten times the text may allocate at most thirty times as much.
    private const double MaxGrowth = 30;

    // ... and take at most sixty times the CPU time: work that grows with the square of the length shows as a hundred
    // times, while a loaded machine (another process evicting our caches) has stretched a linear run's 1 MB step to four.
    private const double MaxTimeGrowth = 60;

    private static PartnershipExtractor Extractor => ModelFiles.ScoringExtractor;

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

        // Each size processes a megabyte in all (a hundred 10 KB texts, ten of 100 KB, one of 1 MB), so that each
        // measurement spans about the same time and meets the same load from other processes; the best of three
        // rounds counts (a busy machine slows one round, rarely all three).
        var texts = new[] { 10_000, 100_000, 1_000_000 }.Select(length => Build(shape, length)).ToArray();
        var costs = texts.Select(text => Measure(text, Volume)).ToArray();
        for (var round = 1; round < 3; round++)
        {
            costs = [.. costs.Zip(texts, (best, text) => Cheaper(best, Measure(text, Volume)))];
        }

        AssertGrowth(shape, "10 KB → 100 KB", costs[0], costs[1]);
        AssertGrowth(shape, "100 KB → 1 MB", costs[1], costs[2]);
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

    private const int Volume = 1_000_000;

    /// <summary>What one character of a text costs, in time and allocated bytes, averaged over its runs.</summary>
    private readonly record struct Cost(int Length, double NanosecondsPerCharacter, double BytesPerCharacter);

    /// <summary>Runs the text as often as it takes to process <paramref name="volume"/> characters, from a clean heap.</summary>
    private static Cost Measure(string raw, int volume)
    {
        var document = new SourceDocument("measured.txt", raw);
        var runs = Math.Max(1, volume / raw.Length);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetAllocatedBytesForCurrentThread();

        // CPU time of this process, not the wall clock: other processes on a busy machine stretch the wall clock of one
        // size and not another, and failed this test under load; they do not add to our CPU seconds.
        var cpuBefore = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < runs; i++)
        {
            Extractor.Extract(document);
        }

        var characters = (double)runs * raw.Length;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        return new Cost(raw.Length, cpu.TotalNanoseconds / characters, (GC.GetAllocatedBytesForCurrentThread() - before) / characters);
    }

    private static Cost Cheaper(Cost a, Cost b) =>
        a with { NanosecondsPerCharacter = Math.Min(a.NanosecondsPerCharacter, b.NanosecondsPerCharacter), BytesPerCharacter = Math.Min(a.BytesPerCharacter, b.BytesPerCharacter) };

    /// <summary>What a fresh token list costs a character of text made of one-character tokens (12-byte tokens, doubled on growth).</summary>
    private const double ReusedListFloorBytesPerCharacter = 24;

    /// <summary>Per character, ten times the text may allocate three times as much and take six times as long.</summary>
    private static void AssertGrowth(string shape, string step, Cost smaller, Cost larger)
    {
        var allowed = MaxGrowth / ((double)larger.Length / smaller.Length);
        var allowedTime = MaxTimeGrowth / ((double)larger.Length / smaller.Length);
        var timeGrowth = larger.NanosecondsPerCharacter / smaller.NanosecondsPerCharacter;
        // The extractor lends each thread a token list it reuses below a size (a small text allocates almost nothing),
        // so the smaller run's figure is floored at a few bytes a character: what this guards against is work that
        // grows with the square of the length, which shows as hundreds of bytes a character, not as a list of tokens.
        var allocationGrowth = larger.BytesPerCharacter / Math.Max(smaller.BytesPerCharacter, ReusedListFloorBytesPerCharacter);
        var report = $"{shape}, {step}: {smaller.NanosecondsPerCharacter:F0} → {larger.NanosecondsPerCharacter:F0} ns and {smaller.BytesPerCharacter:F0} → {larger.BytesPerCharacter:F0} bytes allocated per character";
        Assert.True(allocationGrowth < allowed, $"allocation per character grew {allocationGrowth:F1}× (allowed {allowed:F0}×): {report}");
        Assert.True(timeGrowth < allowedTime, $"time per character grew {timeGrowth:F1}× (allowed {allowedTime:F0}×): {report}");
    }
}

/// <summary>Tests that measure time: xUnit runs this collection after the others, never beside them.</summary>
[CollectionDefinition(nameof(MeasuredAlone), DisableParallelization = true)]
public sealed class MeasuredAlone;
