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

    /// <summary>
    /// The floor as a process: reads and decodes every file once on every core and exits. Timed from outside, like pminer
    /// and the peer, it includes what any .NET process pays to start.
    /// </summary>
    public static void ReadOnce(string folder)
    {
        var files = BenchCorpus.Files(folder);
        var (bytes, characters) = ReadAndDecode(files, Environment.ProcessorCount);
        Report("read", $"{files.Length} files, {bytes} bytes, {characters} characters");
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

        // Warm up the JIT (tiered compilation) on the slice before anything is timed; with no slice, the first of the
        // three whole-corpus runs below is the warm-up.
        if (slice.Count > 0)
        {
            TimeStages(stages, slice, sliceBytes);
        }

        var sources = all.Select(d => new SourceDocument(d.Path, d.Text)).ToArray();
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            // Best of three: on a shared machine the fastest run is the one least disturbed by others.
            var best = double.MaxValue;
            var bestCpu = double.MaxValue;
            var records = 0;
            for (var run = 0; run < 3; run++)
            {
                var cpu = CpuSeconds();
                var started = Stopwatch.GetTimestamp();
                records = 0;
                Parallel.ForEach(
                    sources,
                    new ParallelOptions { MaxDegreeOfParallelism = threads },
                    () => 0,
                    (source, _, local) => local + stages.Extractor.Extract(source).Records.Count,
                    local => Interlocked.Add(ref records, local));
                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
                bestCpu = Math.Min(bestCpu, CpuSeconds() - cpu);
            }

            var rate = totalBytes / 1e6 / best;
            Report($"extract-{threads}t", $"{rate:F1} MB/s wall, {rate / threads:F1} MB/s per thread, {totalBytes / 1e6 / bestCpu:F1} MB/s per cpu-second ({sources.Length} documents, {records} records, best of 3 {best:F2} s)");
        }
    }

    /// <summary>Each stage alone on one thread over the slice, best of three (after one untimed pass).</summary>
    private static void TimeStages(ExtractionStages stages, List<BenchDocument> slice, long sliceBytes)
    {
        var staged = stages.Stage(slice);
        _ = stages.Extract(staged);
        var sentences = ExtractionStages.Sentences(staged);

        Time("stage-normalise", sliceBytes / 1e6, "MB/s", () => ExtractionStages.Normalise(staged));
        Time("stage-segment", sliceBytes / 1e6, "MB/s", () => ExtractionStages.Segment(staged));
        Time("stage-tokenise", sliceBytes / 1e6, "MB/s", () => ExtractionStages.Tokenise(staged));
        Time("stage-spot-parties", sliceBytes / 1e6, "MB/s", () => stages.SpotParties(staged));
        Time("stage-spot-tiers", sliceBytes / 1e6, "MB/s", () => stages.SpotTiers(staged));
        Time("stage-relate", sliceBytes / 1e6, "MB/s", () => stages.Relate(staged));
        Time("stage-extract", sliceBytes / 1e6, "MB/s", () => stages.Extract(staged));
        var sentenceCount = sentences.Count;
        Time("classify-1t", sentenceCount, "sentences/s", () =>
        {
            foreach (var sentence in sentences)
            {
                _ = stages.Classifier.Classify(sentence);
            }

            return sentenceCount;
        });
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

    /// <summary>
    /// Best of three runs of a one-thread stage, as wall-clock and as process CPU time: on a shared machine the CPU
    /// figure is the steadier one (another process's load stretches the wall clock, not the CPU time).
    /// </summary>
    private static void Time(string name, double units, string unit, Func<int> stage)
    {
        var bestWall = double.MaxValue;
        var bestCpu = double.MaxValue;
        var result = 0;
        for (var run = 0; run < 3; run++)
        {
            var cpu = CpuSeconds();
            var started = Stopwatch.GetTimestamp();
            result = stage();
            bestWall = Math.Min(bestWall, Stopwatch.GetElapsedTime(started).TotalSeconds);
            bestCpu = Math.Min(bestCpu, CpuSeconds() - cpu);
        }

        Report(name, $"{units / bestWall:N1} {unit} wall, {units / bestCpu:N1} {unit} cpu ({bestWall * 1000:F0} ms; result {result})");
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static void Report(string name, string figures) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {figures}"));
}
