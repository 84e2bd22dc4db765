using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Benchmarks;

/// <summary>
/// Stopwatch runs over a whole generated corpus folder, each printing one "name: figures" line per result so that
/// bench/run.sh can pick them up: the read-and-decode floor, and extraction alone (no store) per stage, on one thread
/// and on every core.
/// </summary>
internal static class ThroughputRuns
{
    /// <summary>The fastest plain loop: read each file's bytes and decode them as UTF-8, on one thread and on every core.</summary>
    public static void Floor(string folder)
    {
        // One untimed pass so that both timed passes read from the page cache, as the other rows of a run do.
        _ = ReadAndDecode(BenchCorpus.Files(folder), 1);
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            var started = Stopwatch.GetTimestamp();
            var files = BenchCorpus.Files(folder);
            var (bytes, _) = ReadAndDecode(files, threads);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Report($"floor-{threads}t", $"{bytes / 1e6 / seconds:F1} MB/s ({files.Length} files, {bytes / 1e6:F1} MB, {seconds:F2} s)");
        }
    }

    private static (long Bytes, long Characters) ReadAndDecode(string[] files, int threads)
    {
        long bytes = 0, characters = 0;
        Parallel.ForEach(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Bytes: 0L, Characters: 0L),
            (file, _, local) =>
            {
                var data = File.ReadAllBytes(file);
                var text = Encoding.UTF8.GetString(data);
                return (local.Bytes + data.Length, local.Characters + text.Length);
            },
            local =>
            {
                Interlocked.Add(ref bytes, local.Bytes);
                Interlocked.Add(ref characters, local.Characters);
            });
        return (bytes, characters);
    }

    /// <summary>
    /// Extraction with no store: each stage timed on one thread over up to <paramref name="stageBytes"/> of the corpus,
    /// then the whole extractor on one thread and on every core over the whole corpus (texts held in memory, hashed
    /// beforehand as intake does).
    /// </summary>
    public static void Extract(string folder, long stageBytes)
    {
        var stages = new ExtractionStages();
        var all = BenchCorpus.Load(folder, long.MaxValue);
        var totalBytes = BenchCorpus.TotalBytes(all);
        var slice = all.TakeWhile(Budget(stageBytes)).ToList();
        var sliceBytes = BenchCorpus.TotalBytes(slice);

        // Warm up the JIT (tiered compilation, PGO) on the slice before anything is timed.
        var staged = stages.Stage(slice);
        _ = stages.Extract(staged);
        var sentences = ExtractionStages.Sentences(staged);

        Time("stage-normalise", sliceBytes, () => ExtractionStages.Normalise(staged));
        Time("stage-segment", sliceBytes, () => ExtractionStages.Segment(staged));
        Time("stage-tokenise", sliceBytes, () => ExtractionStages.Tokenise(staged));
        Time("stage-spot-parties", sliceBytes, () => stages.SpotParties(staged));
        Time("stage-spot-tiers", sliceBytes, () => stages.SpotTiers(staged));
        Time("stage-relate", sliceBytes, () => stages.Relate(staged));
        Time("stage-extract", sliceBytes, () => stages.Extract(staged));
        var classified = Stopwatch.GetTimestamp();
        foreach (var sentence in sentences)
        {
            _ = stages.Classifier.Classify(sentence);
        }

        var classifySeconds = Stopwatch.GetElapsedTime(classified).TotalSeconds;
        Report("classify-1t", $"{sentences.Count / classifySeconds:N0} sentences/s ({sentences.Count} sentences)");
        staged = null;

        var sources = all.Select(d => new SourceDocument(d.Path, d.Text)).ToArray();
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            var started = Stopwatch.GetTimestamp();
            var records = 0;
            Parallel.ForEach(
                sources,
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => 0,
                (source, _, local) => local + stages.Extractor.Extract(source).Records.Count,
                local => Interlocked.Add(ref records, local));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var rate = totalBytes / 1e6 / seconds;
            Report($"extract-{threads}t", $"{rate:F1} MB/s, {rate / threads:F1} MB/s per thread ({sources.Length} documents, {records} records, {seconds:F2} s)");
        }
    }

    private static Func<BenchDocument, bool> Budget(long maxBytes)
    {
        var total = 0L;
        return document =>
        {
            var take = total < maxBytes;
            total += document.Bytes;
            return take;
        };
    }

    private static void Time(string name, long bytes, Func<int> stage)
    {
        var started = Stopwatch.GetTimestamp();
        var result = stage();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Report(name, $"{bytes / 1e6 / seconds:F1} MB/s ({seconds * 1000:F0} ms for {bytes / 1e6:F1} MB; result {result})");
    }

    public static void Report(string name, string figures) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {figures}"));
}
