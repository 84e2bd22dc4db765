using Microsoft.Extensions.Logging;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Processing;

/// <summary>What happened to one claimed document.</summary>
public sealed record DocumentOutcome(QueuedDocument Document, DocumentAnalysis? Analysis, string? Error, long ElapsedMs);

/// <summary>
/// Works the store's queue: claims a batch, analyses its documents in parallel, and commits the batch's records and
/// state changes in one transaction. A document whose analysis throws is recorded as failed (parked after the
/// configured attempts); the rest of the batch goes on.
/// </summary>
public sealed partial class QueueProcessor(IPartnershipStore store, PartnershipExtractor extractor, ProcessingOptions options, ILogger<QueueProcessor> logger)
{
    /// <summary>Processes until nothing is waiting. Returns how many documents it finished (done or failed).</summary>
    public async Task<int> DrainAsync(string workerId, Action<DocumentOutcome>? onDocument, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var finished = await ProcessBatchAsync(workerId, onDocument, cancellationToken);
            if (finished == 0)
            {
                return total;
            }

            total += finished;
        }
    }

    /// <summary>Claims and processes one batch; 0 when the queue is empty.</summary>
    public async Task<int> ProcessBatchAsync(string workerId, Action<DocumentOutcome>? onDocument, CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(workerId, options.BatchSize, options.Lease, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var outcomes = new DocumentOutcome[claimed.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EffectiveParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, claimed.Count, parallel, i => outcomes[i] = Analyse(claimed[i]));
        await CommitAsync(outcomes, workerId, onDocument, cancellationToken);
        return claimed.Count;
    }

    /// <summary>
    /// Stores what the analysis of claimed documents gave: the done ones with their records in one transaction, then
    /// each failure (back to the queue, or parked after the last attempt). Then reports every outcome, in order.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<DocumentOutcome> outcomes, string workerId, Action<DocumentOutcome>? onDocument, CancellationToken cancellationToken)
    {
        var done = outcomes.Where(o => o.Analysis is not null)
            .Select(o => new ProcessedDocument(o.Document.DocumentId, o.Analysis!.Sentences, o.Analysis.Records))
            .ToList();
        await store.CompleteAsync(done, cancellationToken);
        await SettleAsync(outcomes, workerId, onDocument, cancellationToken);
    }

    /// <summary>
    /// Stores documents analysed before they were stored (mine: <see cref="IPartnershipStore.StoreAnalysedAsync"/>), the
    /// batch in one transaction, then each failure as <see cref="CommitAsync"/> does, and reports the outcomes of the
    /// documents stored, with their ids. Returns what the store said of each document; one it had already is neither
    /// stored again nor reported.
    /// </summary>
    public async Task<IReadOnlyList<EnqueueOutcome>> StoreAnalysedAsync(
        IReadOnlyList<DocumentOutcome> outcomes, string workerId, Action<DocumentOutcome>? onDocument, CancellationToken cancellationToken)
    {
        var analysed = new AnalysedDocument[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var (document, analysis) = (outcomes[i].Document, outcomes[i].Analysis);
            analysed[i] = new AnalysedDocument(
                new DocumentSubmission(document.Source, document.ContentHash, document.Text, document.Title, document.Date),
                analysis?.Sentences ?? 0,
                analysis?.Records);
        }

        var stored = await store.StoreAnalysedAsync(analysed, workerId, cancellationToken);
        var settled = new List<DocumentOutcome>(outcomes.Count);
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (!stored[i].AlreadyKnown)
            {
                settled.Add(outcomes[i] with { Document = outcomes[i].Document with { DocumentId = stored[i].DocumentId } });
            }
        }

        await SettleAsync(settled, workerId, onDocument, cancellationToken);
        return stored;
    }

    /// <summary>Records each failure (back to the queue, or parked after the last attempt), logs, and reports every outcome in order.</summary>
    private async Task SettleAsync(IReadOnlyList<DocumentOutcome> outcomes, string workerId, Action<DocumentOutcome>? onDocument, CancellationToken cancellationToken)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is not null)
            {
                var state = await store.FailAsync(outcome.Document.DocumentId, workerId, outcome.Error, options.MaxAttempts, cancellationToken);
                LogFailed(logger, outcome.Document.DocumentId, outcome.Document.Source, outcome.Error, state);
            }
            else
            {
                if (outcome.Analysis!.CutSentences > 0)
                {
                    LogCut(logger, outcome.Document.DocumentId, outcome.Document.Source, extractor.MaxSentenceCharacters, outcome.Analysis.CutSentences);
                }

                LogProcessed(logger, outcome.Document.DocumentId, outcome.Document.Source, outcome.Analysis.Records.Count, outcome.ElapsedMs);
            }

            onDocument?.Invoke(outcome);
        }
    }

    private DocumentOutcome Analyse(QueuedDocument document) =>
        Analyse(document, new SourceDocument(document.Source, document.Text, document.Title, document.Date));

    /// <summary>Analyses a claimed document whose text the caller holds already (as <paramref name="source"/>); never throws.</summary>
    public DocumentOutcome Analyse(QueuedDocument document, SourceDocument source)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var analysis = extractor.Extract(source);
            return new DocumentOutcome(document, analysis, null, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or a pathological text must cost one document, never the batch.
            return new DocumentOutcome(document, null, $"{e.GetType().Name}: {e.Message}", (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Processed document {DocumentId} ({Source}): {Records} records in {ElapsedMs} ms")]
    private static partial void LogProcessed(ILogger logger, long documentId, string source, int records, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} ({Source}): sentences longer than the {Max}-character limit (Extraction:MaxSentenceCharacters) were cut into pieces: {Count}")]
    private static partial void LogCut(ILogger logger, long documentId, string source, int max, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} ({Source}) failed: {Reason}; now {State}")]
    private static partial void LogFailed(ILogger logger, long documentId, string source, string reason, DocumentState state);
}
