using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Ingestion;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Processing;

/// <summary>
/// Counts of one intake run. <see cref="Known"/> lists only the documents that were stored already (a new document is
/// just counted, so a run over millions of files keeps no per-document state). <see cref="Reading"/> is the time spent
/// reading and decoding inputs, not storing them.
/// </summary>
public sealed record IntakeTotals(int Queued, int AlreadyKnown, int Rejected, int Skipped, IReadOnlyList<EnqueueOutcome> Known)
{
    public TimeSpan Reading { get; init; }
}

/// <summary>What reading a source gave besides its documents: inputs rejected or skipped, and the time it took.</summary>
public sealed record SourceReading(int Rejected, int Skipped, TimeSpan Reading);

/// <summary>
/// Adds up what the store said about each document: new to it, or stored already (kept, to report their records). A
/// document that mine analysed and then found stored after all (a copy of one earlier in the same run, or one another
/// process stored meanwhile) is counted as known but not kept: the run itself reports the copy it stored.
/// </summary>
public sealed class EnqueueTally
{
    private readonly List<EnqueueOutcome> known = [];
    private int queued;
    private int copies;

    /// <summary>Counts what enqueueing a batch reported.</summary>
    public void Add(IReadOnlyList<EnqueueOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.AlreadyKnown)
            {
                AddKnown(outcome);
            }
            else
            {
                queued++;
            }
        }
    }

    /// <summary>Counts a document found stored before it was analysed.</summary>
    public void AddKnown(EnqueueOutcome outcome) => known.Add(outcome);

    /// <summary>Counts what storing a batch of analysed documents reported.</summary>
    public void AddStored(IReadOnlyList<EnqueueOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.AlreadyKnown)
            {
                copies++;
            }
            else
            {
                queued++;
            }
        }
    }

    public IntakeTotals Totals(SourceReading reading) =>
        new(queued, known.Count + copies, reading.Rejected, reading.Skipped, known) { Reading = reading.Reading };
}

/// <summary>
/// Reads a source into the store's queue, in transactions of bounded size. Rejected inputs are reported (with the input
/// and the reason) and counted; they never stop the run. A batch is handed on when it is full or when its first document
/// has waited <see cref="ProcessingOptions.MaxBatchWait"/>: files fill a batch in milliseconds, a crawl fetching a page a
/// second would otherwise keep its pages for minutes (and lose them if stopped).
/// </summary>
public sealed partial class DocumentIntake(IPartnershipStore store, ProcessingOptions options, TimeProvider time, ILogger<DocumentIntake> logger)
{
    private const int BatchDocuments = 256;
    private const long BatchCharacters = 16L * 1024 * 1024;

    /// <summary>
    /// Queues every document of the source as received, for any worker to claim. <paramref name="onQueued"/> is called
    /// after each batch that queued new documents, so that a worker can start on them while the source goes on.
    /// </summary>
    public async Task<IntakeTotals> EnqueueAsync(IDocumentSource source, Action<SourceItem>? onItem, Action? onQueued, CancellationToken cancellationToken)
    {
        var tally = new EnqueueTally();
        var reading = await ReadAsync(
            source,
            BatchDocuments,
            async (batch, token) =>
            {
                var outcomes = await store.EnqueueAsync(Submissions(batch), token);
                tally.Add(outcomes);
                if (outcomes.Any(o => !o.AlreadyKnown))
                {
                    onQueued?.Invoke();
                }
            },
            onItem,
            cancellationToken);
        return tally.Totals(reading);
    }

    /// <summary>
    /// Reads the source and hands its documents to <paramref name="take"/> in batches of at most
    /// <paramref name="batchDocuments"/> documents (and 16 M characters), and no later than
    /// <see cref="ProcessingOptions.MaxBatchWait"/> after a batch's first document arrived, even while the source is
    /// still busy fetching the next one; each batch is a new list the taker may keep. The reading time it returns leaves
    /// out the time spent in <paramref name="take"/>.
    /// </summary>
    public async Task<SourceReading> ReadAsync(
        IDocumentSource source,
        int batchDocuments,
        Func<IReadOnlyList<SourceDocument>, CancellationToken, Task> take,
        Action<SourceItem>? onItem,
        CancellationToken cancellationToken)
    {
        var batch = new List<SourceDocument>(batchDocuments);
        var batchCharacters = 0L;
        var batchStarted = 0L;
        int rejected = 0, skipped = 0;
        var taking = 0L;
        var started = Stopwatch.GetTimestamp();

        async Task HandOverAsync()
        {
            var handOverStarted = Stopwatch.GetTimestamp();
            await take(batch, cancellationToken);
            taking += Stopwatch.GetTimestamp() - handOverStarted;
            batch = new List<SourceDocument>(batchDocuments);
            batchCharacters = 0;
        }

        await using var items = source.ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            var next = items.MoveNextAsync();
            if (next.IsCompleted || batch.Count == 0)
            {
                more = await next;
            }
            else
            {
                // The source is waiting (a crawl between two requests): what it gave so far must not wait with it.
                var pending = next.AsTask();
                try
                {
                    if (!await ArrivesInTimeAsync(pending, options.MaxBatchWait - time.GetElapsedTime(batchStarted), cancellationToken))
                    {
                        await HandOverAsync();
                    }
                }
                catch
                {
                    // The source is still busy with its next item (it sees the same cancellation): an async iterator
                    // disposed before that ends throws NotSupportedException, which would hide this error.
                    await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    throw;
                }

                more = await pending;
            }

            if (!more)
            {
                break;
            }

            var item = items.Current;
            switch (item)
            {
                case AcceptedDocument accepted:
                    if (batch.Count == 0)
                    {
                        batchStarted = time.GetTimestamp();
                    }

                    batch.Add(accepted.Document);
                    batchCharacters += accepted.Document.Text.Length;
                    break;
                case SourceRejection rejection:
                    rejected++;
                    LogRejected(logger, rejection.Input, rejection.Reason);
                    break;
                case SourceSkip skip:
                    skipped++;
                    LogSkipped(logger, skip.Input, skip.Reason);
                    break;
                default:
                    break;
            }

            onItem?.Invoke(item);
            if (batch.Count > 0 && (batch.Count >= batchDocuments || batchCharacters >= BatchCharacters || time.GetElapsedTime(batchStarted) >= options.MaxBatchWait))
            {
                await HandOverAsync();
            }
        }

        if (batch.Count > 0)
        {
            await HandOverAsync();
        }

        return new SourceReading(rejected, skipped, Stopwatch.GetElapsedTime(started) - Stopwatch.GetElapsedTime(0, taking));
    }

    /// <summary>Whether <paramref name="pending"/> ends within <paramref name="wait"/> on the injected clock.</summary>
    private async Task<bool> ArrivesInTimeAsync(Task pending, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return pending.IsCompleted;
        }

        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(wait, time, stopWaiting.Token);
        var first = await Task.WhenAny(pending, timeout);
        await stopWaiting.CancelAsync();
        return first == pending;
    }

    public static IReadOnlyList<DocumentSubmission> Submissions(IReadOnlyList<SourceDocument> documents) =>
        [.. documents.Select(d => new DocumentSubmission(d.Source, d.ContentHash, d.Text, d.Title, d.Date))];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Input}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string input, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped {Input}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string input, string reason);
}
