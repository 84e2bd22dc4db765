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
/// <see cref="LookingUp"/> the time spent asking the store which documents it has already (reads), and
/// <see cref="Storing"/> the time spent in its write transactions (documents, texts and records, a batch at a time);
/// <see cref="Extracting"/> is summed over the <see cref="Workers"/> extraction workers. The stages overlap, so their sum
/// exceeds <see cref="Elapsed"/>.
/// </summary>
public sealed record MineTimings(TimeSpan Elapsed, TimeSpan Reading, TimeSpan LookingUp, TimeSpan Extracting, TimeSpan Storing, int Workers);

/// <summary>What a mine run read (<see cref="Intake"/>), how many documents it finished, and where its time went.</summary>
public sealed record MineRun(IntakeTotals Intake, int Processed, MineTimings Timings);

/// <summary>
/// <c>pminer mine</c> as one stream in four stages that overlap: the reader reads and decodes inputs; the sorter asks
/// the store which of each batch it has already (a read) and hands the new documents on; extraction workers analyse
/// them; the committer takes the results in input order and stores each batch of documents, with their records, in one
/// transaction. A document is written once, after its analysis: mine holds every text it analyses and can read it again
/// from its input, so it does not pass through the store's queue (a run killed before a batch commits leaves nothing of
/// that batch, and the next run reads and analyses it again). Bounded channels join the stages, so memory holds a few
/// batches of documents whatever the size of the input. Last, whatever else waits in the queue (left by an earlier run
/// or by enqueue, or a failed document with attempts left) is drained as the worker does.
/// </summary>
public sealed partial class MinePipeline
{
    /// <summary>Batches of documents that may wait before each stage.</summary>
    private const int BatchesToSort = 2;
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

    private async Task ReleaseClaimsAsync(string workerId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await store.ReleaseAsync(workerId, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or StoreUnavailableException or System.Data.Common.DbException)
        {
            // Best effort on the way out: the lease gives them back later.
            LogReleaseFailed(logger, workerId, e.Message);
        }
    }

    public async Task<MineRun> RunAsync(
        IDocumentSource source, string workerId, Action<SourceItem>? onItem, Action<DocumentOutcome>? onDocument, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new Run(this, workerId, onDocument, stop);

        var workers = options.EffectiveParallelism;
        var extracted = Enumerable.Range(0, workers).Select(_ => Task.Run(run.ExtractAsync, CancellationToken.None)).ToArray();
        var reading = Task.Run(() => run.ReadAsync(source, onItem), CancellationToken.None);
        var sorting = Task.Run(run.SortAsync, CancellationToken.None);
        var committing = Task.Run(run.CommitAsync, CancellationToken.None);
        try
        {
            await Task.WhenAll([reading, sorting, committing, .. extracted]);
        }
        catch when (run.Failure is { } failure)
        {
            // The stage that failed first, not the stages it stopped.
            ExceptionDispatchInfo.Throw(failure);
        }

        var totals = run.Tally.Totals(await reading);
        int processed;
        try
        {
            processed = run.Processed + await processor.DrainAsync(workerId, onDocument, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Interrupted while it held claims (the drain's batch): give them back now rather than leave them to the
            // lease, with the attempt they had not really used.
            await ReleaseClaimsAsync(workerId);
            throw;
        }

        var timings = new MineTimings(
            Stopwatch.GetElapsedTime(started),
            totals.Reading,
            Run.Elapsed(run.LookingUpTicks),
            Run.Elapsed(run.ExtractingTicks),
            Run.Elapsed(run.StoringTicks),
            workers);
        LogTimings(
            logger,
            timings.Elapsed.TotalSeconds,
            timings.Reading.TotalSeconds,
            timings.LookingUp.TotalSeconds,
            timings.Extracting.TotalSeconds,
            timings.Workers,
            timings.Storing.TotalSeconds);
        return new MineRun(totals, processed, timings);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claims of {WorkerId} could not be given back on the way out ({Reason}); they return when their lease ends")]
    private static partial void LogReleaseFailed(ILogger logger, string workerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mined in {Elapsed:F1} s: reading {Reading:F1} s, looking up {LookingUp:F1} s, extracting {Extracting:F1} s on {Workers} threads, storing {Storing:F1} s")]
    private static partial void LogTimings(ILogger logger, double elapsed, double reading, double lookingUp, double extracting, int workers, double storing);

    /// <summary>
    /// A document between the stages: new to the store, then analysed, then stored with its records.
    /// <paramref name="endsBatch"/>: the last new document of a batch the reader handed on, after which the committer commits.
    /// </summary>
    private sealed class PendingDocument(QueuedDocument document, SourceDocument source, bool endsBatch)
    {
        private readonly TaskCompletionSource<DocumentOutcome> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public QueuedDocument Document => document;

        public SourceDocument Source => source;

        public bool EndsBatch => endsBatch;

        public Task<DocumentOutcome> Outcome => outcome.Task;

        public void Finish(DocumentOutcome analysed) => outcome.SetResult(analysed);
    }

    /// <summary>The state of one run: its channels and its clocks.</summary>
    private sealed class Run(MinePipeline pipeline, string workerId, Action<DocumentOutcome>? onDocument, CancellationTokenSource stop)
    {
        private readonly Channel<IReadOnlyList<SourceDocument>> toSort = Channel.CreateBounded<IReadOnlyList<SourceDocument>>(
            new BoundedChannelOptions(BatchesToSort) { SingleWriter = true, SingleReader = true });

        private readonly Channel<PendingDocument[]> toExtract = Channel.CreateBounded<PendingDocument[]>(
            new BoundedChannelOptions(Chunks(BatchesToExtract, pipeline.options.BatchSize)) { SingleWriter = true });

        private readonly Channel<PendingDocument[]> toCommit = Channel.CreateBounded<PendingDocument[]>(
            new BoundedChannelOptions(Chunks(BatchesToCommit, pipeline.options.BatchSize)) { SingleWriter = true, SingleReader = true });

        private Exception? failure;
        private long lookingUpTicks;
        private long extractingTicks;
        private long storingTicks;

        public int Processed { get; private set; }

        public EnqueueTally Tally { get; } = new();

        /// <summary>The first error of any stage (cancellation aside), or null.</summary>
        public Exception? Failure => Volatile.Read(ref failure);

        public long LookingUpTicks => lookingUpTicks;

        public long ExtractingTicks => Interlocked.Read(ref extractingTicks);

        public long StoringTicks => storingTicks;

        private CancellationToken Token => stop.Token;

        public static TimeSpan Elapsed(long ticks) => Stopwatch.GetElapsedTime(0, ticks);

        private static int Chunks(int batches, int batchSize) => Math.Max(1, batches * batchSize / ChunkDocuments);

        public async Task<SourceReading> ReadAsync(IDocumentSource source, Action<SourceItem>? onItem)
        {
            try
            {
                return await pipeline.intake.ReadAsync(
                    source, pipeline.options.BatchSize, (batch, token) => toSort.Writer.WriteAsync(batch, token).AsTask(), onItem, Token);
            }
            catch (Exception e)
            {
                Abort(e);
                throw;
            }
            finally
            {
                toSort.Writer.TryComplete();
            }
        }

        /// <summary>Hands on the documents of each batch that the store does not have (waiting while the stages are full).</summary>
        public async Task SortAsync()
        {
            try
            {
                await foreach (var batch in toSort.Reader.ReadAllAsync(Token))
                {
                    var started = Stopwatch.GetTimestamp();
                    var stored = await pipeline.store.FindStoredAsync([.. batch.Select(d => d.ContentHash)], Token);
                    lookingUpTicks += Stopwatch.GetTimestamp() - started;
                    var newOnes = new List<SourceDocument>(batch.Count);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (stored[i] is { } known)
                        {
                            Tally.AddKnown(known);
                        }
                        else
                        {
                            newOnes.Add(batch[i]);
                        }
                    }

                    var fresh = newOnes.Select((source, n) => new PendingDocument(
                        new QueuedDocument(DocumentId: 0, source.Source, source.ContentHash, source.Text, source.Title, source.Date, Attempts: 1),
                        source,
                        endsBatch: n == newOnes.Count - 1)).ToList();

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

        /// <summary>One extraction worker: analyses documents until the sorter is done. Analysis never throws.</summary>
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

                    // The workers share the thread pool with the reader, the sorter and the committer: between two
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

        /// <summary>
        /// Takes results in input order and commits each batch the reader handed on (less the documents stored already)
        /// in one transaction. The reader cuts batches by size, and by time when its source is slow (a crawl), so what a
        /// crawl fetched is stored within <see cref="ProcessingOptions.MaxBatchWait"/> of its fetching.
        /// </summary>
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
                        if (pending.EndsBatch || batch.Count >= pipeline.options.BatchSize)
                        {
                            await CommitBatchAsync(batch);
                        }
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
            var started = Stopwatch.GetTimestamp();
            var stored = await pipeline.processor.StoreAnalysedAsync(batch, workerId, onDocument, Token);
            storingTicks += Stopwatch.GetTimestamp() - started;
            Tally.AddStored(stored);
            Processed += stored.Count(o => !o.AlreadyKnown);
            batch.Clear();
        }

        /// <summary>A stage failed: stop the others, so that the failure (not a stage waiting forever) ends the run.</summary>
        private void Abort(Exception error)
        {
            if (error is not OperationCanceledException && Interlocked.CompareExchange(ref failure, error, null) is null)
            {
                stop.Cancel();
            }

            toSort.Writer.TryComplete(error);
            toExtract.Writer.TryComplete(error);
            toCommit.Writer.TryComplete(error);
        }
    }
}
