using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Ingestion;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Benchmarks;

/// <summary>
/// The two halves of mine that are not extraction, each alone: the project's own ingestion (FileTreeSource: walk, read,
/// decode, hash), and the SQLite store writing the same documents with their records as mine writes them.
/// </summary>
internal static class StoreRuns
{
    public static async Task IngestAsync(string input)
    {
        var bytes = InputBytes(input);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var documents = 0;
        await foreach (var item in new FileTreeSource([input]).ReadAsync())
        {
            documents += item is AcceptedDocument ? 1 : 0;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        ThroughputRuns.Report("ingest", $"{bytes / 1e6 / seconds:F1} MB/s ({documents} documents in {seconds:F2} s, cpu {cpuSeconds:F1} s)");
    }

    /// <summary>
    /// Documents read and analysed first (untimed), then stored in batches as mine stores them: each batch's documents,
    /// the texts of those with records, and the records, in one transaction.
    /// </summary>
    public static async Task StoreAsync(string input, string database, int batchSize)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        var documents = new List<SourceDocument>();
        await foreach (var item in new FileTreeSource([input]).ReadAsync())
        {
            if (item is AcceptedDocument accepted)
            {
                documents.Add(accepted.Document);
            }
        }

        var extractor = new ExtractionStages().Extractor;
        var analysed = new AnalysedDocument[documents.Count];
        Parallel.For(0, documents.Count, i =>
        {
            var (document, analysis) = (documents[i], extractor.Extract(documents[i]));
            analysed[i] = new AnalysedDocument(
                new DocumentSubmission(document.Source, document.ContentHash, document.Text, document.Title, document.Date), analysis.Sentences, analysis.Records);
        });

        var bytes = InputBytes(input);
        await using var store = new SqlitePartnershipStore(database, TimeProvider.System, NullLogger<SqlitePartnershipStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in analysed.Chunk(batchSize))
        {
            await store.StoreAnalysedAsync(batch, "bench", CancellationToken.None);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        ThroughputRuns.Report(
            $"store-{batchSize}",
            $"{bytes / 1e6 / seconds:F1} MB/s ({documents.Count} documents, {analysed.Sum(a => a.Records!.Count)} records in {seconds:F2} s; cpu {cpuSeconds:F1} s; file {new FileInfo(database).Length / 1e6:F0} MB)");
    }

    private static long InputBytes(string input) =>
        File.Exists(input) ? new FileInfo(input).Length : BenchCorpus.Files(input).Sum(f => new FileInfo(f).Length);
}
