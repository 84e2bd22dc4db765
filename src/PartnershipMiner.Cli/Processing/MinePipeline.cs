using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Ingestion;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Processing;

/// <summary>
/// Where the time of a mine run went. <see cref="Reading"/> is the time spent reading and decoding inputs;
/// <see cref="Queueing"/> and <see cref="Committing"/> the time spent in the store's transactions (storing documents as
/// claimed, storing results; one at a time, so their sum is the store's share of the run);
/// <see cref="Extracting"/> is summed over the <see cref="Workers"/> extraction workers. The stages overlap, so their sum
/// exceeds <see cref="Elapsed"/>.
/// </summary>
public sealed record MineTimings(TimeSpan Elapsed, TimeSpan Reading, TimeSpan Queueing, TimeSpan Extracting, TimeSpan Committing, int Workers);

/// <summary>What a mine run read (<see cref="Intake"/>), how many documents it finished, and where its time went.</summary>
public sealed record MineRun(IntakeTotals Intake, int Processed, MineTimings Timings);

/// <summary>
/// <c>pminer mine</c> as one stream in four stages that overlap: the reader reads and decodes inputs; the queuer stores
/// each batch of new documents already claimed (one transaction) and hands them on; extraction workers analyse them;
/// the committer takes the results in input order and stores each batch of documents with their records in one
/// transaction. Bounded channels join the stages, so memory holds a few batches of documents whatever the size of the
/// input. Last, whatever else waits in the queue (left by an earlier run, or a failed document with attempts left) is
/// drained as the worker does.
/// </summary>
public sealed partial class MinePipeline
{
    /// <summary>Batches of documents that may wait before each stage.</summary>
    private const int BatchesToQueue = 2;
    private const int BatchesToExtract = 2;
    private const int BatchesToCommit = 4;

    /// <summary>
    /// Documents handed from stage to stage together: one wake-up of a waiting stage per chunk rather than per document
    /// (100 MB: 48,000 voluntary context switches handed on one by one, 40,000 in chunks).
    /// </summary>
    private const int ChunkDocuments = 8;

    private readonly IPartnershipStore store;
    private readonly DocumentIntake intake;
    private readonly QueueProcessor processor;
    private readonly ProcessingOptions options;
    private readonly ILogger<MinePipeline> logger;

    public MinePipeline(IPartnershipStore store, DocumentIntake intake, QueueProcessor processor, ProcessingOptions options, ILogger<MinePipeline> logger)
    {
        this.store = store;
        this.intake = intake;
        this.processor = processor;
        this.options = options;
        this.logger = logger;
    }

    public async Task<MineRun> RunAsync(
        IDocumentSource source, string workerId, Action<SourceItem>? onItem, Action<DocumentOutcome>? onDocument, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var run = new Run(this, workerId, onDocument, stop);

        var workers = options.EffectiveParallelism;
        var extracted = Enumerable.Range(0, workers).Select(_ => Task.Run(run.ExtractAsync, CancellationToken.None)).ToArray();
        var reading = Task.Run(() => run.ReadAsync(source, onItem), CancellationToken.None);
        var queueing = Task.Run(run.QueueAsync, CancellationToken.None);
        var committing = Task.Run(run.CommitAsync, CancellationToken.None);
        try
        {
            await Task.WhenAll([reading, queueing, committing, .. extracted]);
        }
        catch when (run.Failure is { } failure)
        {
            // The stage that failed first, not the stages it stopped.
            ExceptionDispatchInfo.Throw(failure);
        }

        var totals = run.Queued.Totals(await reading);
        var processed = run.Processed + await processor.DrainAsync(workerId, onDocument, cancellationToken);

        var timings = new MineTimings(
            Stopwatch.GetElapsedTime(started),
            totals.Reading,
            Run.Elapsed(run.QueueingTicks),
            Run.Elapsed(run.ExtractingTicks),
            Run.Elapsed(run.CommittingTicks),
            workers);
        LogTimings(
            logger,
            timings.Elapsed.TotalSeconds,
            timings.Reading.TotalSeconds,
            timings.Queueing.TotalSeconds,
            timings.Extracting.TotalSeconds,
            timings.Workers,
            timings.Committing.TotalSeconds);
        return new MineRun(totals, processed, timings);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mined in {Elapsed:F1} s: reading {Reading:F1} s, queueing {Queueing:F1} s, extracting {Extracting:F1} s on {Workers} threads, committing {Committing:F1} s")]
    private static partial void LogTimings(ILogger logger, double elapsed, double reading, double queueing, double extracting, int workers, double committing);

    /// <summary>A document between the stages: stored as claimed, then analysed, then committed.</summary>
    private sealed class PendingDocument(QueuedDocument document, SourceDocument source)
    {
        private readonly TaskCompletionSource<DocumentOutcome> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public QueuedDocument Document => document;

        public SourceDocument Source => source;

        public Task<DocumentOutcome> Outcome => outcome.Task;

        public void Finish(DocumentOutcome analysed) => outcome.SetResult(analysed);
    }

    /// <summary>The state of one run: its channels, its write gate, and its clocks.</summary>
    private sealed class Run(MinePipeline pipeline, string workerId, Action<DocumentOutcome>? onDocument, CancellationTokenSource stop) : IDisposable
    {
        private readonly Channel<IReadOnlyList<SourceDocument>> toQueue = Channel.CreateBounded<IReadOnlyList<SourceDocument>>(
            new BoundedChannelOptions(BatchesToQueue) { SingleWriter = true, SingleReader = true });

        private readonly Channel<PendingDocument[]> toExtract = Channel.CreateBounded<PendingDocument[]>(
            new BoundedChannelOptions(Chunks(BatchesToExtract, pipeline.options.BatchSize)) { SingleWriter = true });

        private readonly Channel<PendingDocument[]> toCommit = Channel.CreateBounded<PendingDocument[]>(
            new BoundedChannelOptions(Chunks(BatchesToCommit, pipeline.options.BatchSize)) { SingleWriter = true, SingleReader = true });

        // One transaction at a time from this process: the reader's and the committer's writes queue here instead of
        // waiting on SQLite's lock (whose busy handler sleeps).
        private readonly SemaphoreSlim writes = new(1, 1);

        private Exception? failure;
        private long queueingTicks;
        private long extractingTicks;
        private long committingTicks;

        public int Processed { get; private set; }

        public EnqueueTally Queued { get; } = new();

        /// <summary>The first error of any stage (cancellation aside), or null.</summary>
        public Exception? Failure => Volatile.Read(ref failure);

        public long QueueingTicks => queueingTicks;

        public long ExtractingTicks => Interlocked.Read(ref extractingTicks);

        public long CommittingTicks => committingTicks;

        private CancellationToken Token => stop.Token;

        public static TimeSpan Elapsed(long ticks) => Stopwatch.GetElapsedTime(0, ticks);

        private static int Chunks(int batches, int batchSize) => Math.Max(1, batches * batchSize / ChunkDocuments);

        public async Task<SourceReading> ReadAsync(IDocumentSource source, Action<SourceItem>? onItem)
        {
            try
            {
                return await pipeline.intake.ReadAsync(
                    source, pipeline.options.BatchSize, (batch, token) => toQueue.Writer.WriteAsync(batch, token).AsTask(), onItem, Token);
            }
            catch (Exception e)
            {
                Abort(e);
                throw;
            }
            finally
            {
                toQueue.Writer.TryComplete();
            }
        }

        /// <summary>Stores each batch as claimed by this run, then hands its new documents on (waiting while the stages are full).</summary>
        public async Task QueueAsync()
        {
            try
            {
                await foreach (var batch in toQueue.Reader.ReadAllAsync(Token))
                {
                    IReadOnlyList<EnqueueOutcome> outcomes;
                    await writes.WaitAsync(Token);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        outcomes = await pipeline.store.EnqueueClaimedAsync(DocumentIntake.Submissions(batch), workerId, Token);
                    }
                    finally
                    {
                        writes.Release();
                    }

                    queueingTicks += Stopwatch.GetTimestamp() - started;
                    Queued.Add(outcomes);
                    var fresh = new List<PendingDocument>(batch.Count);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (!outcomes[i].AlreadyKnown)
                        {
                            var source = batch[i];
                            fresh.Add(new PendingDocument(
                                new QueuedDocument(outcomes[i].DocumentId, source.Source, source.ContentHash, source.Text, source.Title, source.Date, Attempts: 1),
                                source));
                        }
                    }

                    foreach (var chunk in fresh.Chunk(ChunkDocuments))
                    {
                        await toExtract.Writer.WriteAsync(chunk, Token);
                        await toCommit.Writer.WriteAsync(chunk, Token);
                    }
                }
            }
            catch (Exception e)
            {
                Abort(e);
                throw;
            }
            finally
            {
                toExtract.Writer.TryComplete();
                toCommit.Writer.TryComplete();
            }
        }

        /// <summary>One extraction worker: analyses documents until the queuer is done. Analysis never throws.</summary>
        public async Task ExtractAsync()
        {
            try
            {
                await foreach (var chunk in toExtract.Reader.ReadAllAsync(Token))
                {
                    var started = Stopwatch.GetTimestamp();
                    foreach (var pending in chunk)
                    {
                        pending.Finish(pipeline.processor.Analyse(pending.Document, pending.Source));
                    }

                    Interlocked.Add(ref extractingTicks, Stopwatch.GetTimestamp() - started);

                    // The workers share the thread pool with the reader, the queuer and the committer: between two
                    // chunks, let those run rather than keep the thread.
                    await Task.Yield();
                }
            }
            catch (Exception e)
            {
                Abort(e);
                throw;
            }
        }

        /// <summary>Takes results in input order and commits them a batch per transaction.</summary>
        public async Task CommitAsync()
        {
            try
            {
                var batch = new List<DocumentOutcome>(pipeline.options.BatchSize);
                await foreach (var chunk in toCommit.Reader.ReadAllAsync(Token))
                {
                    foreach (var pending in chunk)
                    {
                        batch.Add(await pending.Outcome.WaitAsync(Token));
                    }

                    if (batch.Count >= pipeline.options.BatchSize)
                    {
                        await CommitBatchAsync(batch);
                    }
                }

                if (batch.Count > 0)
                {
                    await CommitBatchAsync(batch);
                }
            }
            catch (Exception e)
            {
                Abort(e);
                throw;
            }
        }

        private async Task CommitBatchAsync(List<DocumentOutcome> batch)
        {
            await writes.WaitAsync(Token);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await pipeline.processor.CommitAsync(batch, onDocument, Token);
            }
            finally
            {
                writes.Release();
            }

            committingTicks += Stopwatch.GetTimestamp() - started;
            Processed += batch.Count;
            batch.Clear();
        }

        /// <summary>A stage failed: stop the others, so that the failure (not a stage waiting forever) ends the run.</summary>
        private void Abort(Exception error)
        {
            if (error is not OperationCanceledException && Interlocked.CompareExchange(ref failure, error, null) is null)
            {
                stop.Cancel();
            }

            toQueue.Writer.TryComplete(error);
            toExtract.Writer.TryComplete(error);
            toCommit.Writer.TryComplete(error);
        }

        public void Dispose() => writes.Dispose();
    }
}
