using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Cli.Tests.Support;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Ingestion;
using PartnershipMiner.Ingestion.Tests.Crawling;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Tests;

public sealed class MinePipelineTests : IAsyncLifetime
{
    private static readonly Lazy<PartnershipExtractor> Extractor = new(() =>
    {
        var catalog = ModelCatalog.Locate(null);
        return new PartnershipExtractor(catalog.LoadGazetteer(), catalog.LoadTaxonomy(), catalog.LoadClassifier());
    });

    private readonly string directory = Path.Combine(Path.GetTempPath(), "pm-mine-" + Guid.NewGuid().ToString("N"));
    private readonly ProcessingOptions options = new() { BatchSize = 8, Parallelism = 2 };
    private SqlitePartnershipStore Store { get; set; } = null!;

    public Task InitializeAsync()
    {
        Store = new SqlitePartnershipStore(Path.Combine(directory, "mine.db"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();

        // A test cancelled before the first write leaves no store and no folder.
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Every_document_is_stored_done_with_its_records_and_reported_in_input_order()
    {
        var documents = Documents(100);
        var reported = new List<DocumentOutcome>();

        var run = await Pipeline().RunAsync(new ListSource(documents), "mine-test", null, reported.Add, CancellationToken.None);

        Assert.Equal(documents.Select(d => d.Source), reported.Select(o => o.Document.Source));
        Assert.All(reported, o => Assert.Null(o.Error));
        Assert.Equal((100, 0, 100), (run.Intake.Queued, run.Intake.AlreadyKnown, run.Processed));
        var status = await Store.GetStatusAsync(CancellationToken.None);
        Assert.Equal(100, status.Documents[DocumentState.Done]);
        var stored = await Store.ReadRecordsAsync(new RecordQuery(), CancellationToken.None).ToListAsync();
        Assert.Equal(reported.Sum(o => o.Analysis!.Records.Count), stored.Count);
        Assert.Equal(50, stored.Count);
        Assert.All(stored, r => Assert.Equal(["CHN", "RUS"], r.Parties));
    }

    [Fact]
    public async Task A_document_stored_before_is_not_analysed_again_and_one_left_waiting_is_drained()
    {
        var documents = Documents(6);
        var intake = new DocumentIntake(Store, options, TimeProvider.System, NullLogger<DocumentIntake>.Instance);
        await intake.EnqueueAsync(new ListSource(documents.Take(2)), null, null, CancellationToken.None);
        var processor = new QueueProcessor(Store, Extractor.Value, options, NullLogger<QueueProcessor>.Instance);
        await processor.ProcessBatchAsync("earlier", null, CancellationToken.None);
        await intake.EnqueueAsync(new ListSource(documents.Skip(2).Take(1)), null, null, CancellationToken.None);
        var reported = new List<DocumentOutcome>();

        var run = await Pipeline().RunAsync(new ListSource(documents), "mine-test", null, reported.Add, CancellationToken.None);

        Assert.Equal((3, 3), (run.Intake.Queued, run.Intake.AlreadyKnown));
        Assert.Equal([DocumentState.Done, DocumentState.Done, DocumentState.Received], run.Intake.Known.Select(k => k.State));
        Assert.Equal([.. documents.Skip(3).Select(d => d.Source), documents[2].Source], reported.Select(o => o.Document.Source));
        Assert.Equal(6, (await Store.GetStatusAsync(CancellationToken.None)).Documents[DocumentState.Done]);
    }

    [Fact]
    public async Task The_store_keeps_the_texts_of_documents_with_records_only()
    {
        var documents = Documents(20);

        await Pipeline().RunAsync(new ListSource(documents), "mine-test", null, null, CancellationToken.None);

        var file = new StoreFile(Path.Combine(directory, "mine.db"));
        var texts = await file.StringsAsync("SELECT d.source FROM documents d JOIN document_texts t ON t.document_id = d.id ORDER BY d.source");
        Assert.Equal(documents.Where((_, i) => i % 2 == 0).Select(d => d.Source), texts);
        Assert.Equal(20, await file.CountAsync("SELECT count(*) FROM documents WHERE state = 'done' AND sentences > 0"));
    }

    [Fact]
    public async Task A_copy_of_a_document_in_the_same_run_is_counted_as_known_and_adds_nothing()
    {
        var documents = Documents(30);
        var copies = new[] { documents[0], documents[1], documents[28] }
            .Select(d => new SourceDocument("copy-of-" + d.Source, d.Text));
        var reported = new List<DocumentOutcome>();

        var run = await Pipeline().RunAsync(new ListSource([.. documents, .. copies]), "mine-test", null, reported.Add, CancellationToken.None);

        Assert.Equal((30, 3, 30), (run.Intake.Queued, run.Intake.AlreadyKnown, run.Processed));
        Assert.Equal(documents.Select(d => d.Source), reported.Select(o => o.Document.Source));
        Assert.Equal(30, await new StoreFile(Path.Combine(directory, "mine.db")).DocumentsAsync());
        Assert.Equal(15, await Store.ReadRecordsAsync(new RecordQuery(), CancellationToken.None).CountAsync());
    }

    [Fact]
    public async Task A_failing_stage_ends_the_run_with_its_own_error()
    {
        var committed = 0;
        void Fail(DocumentOutcome outcome)
        {
            if (++committed == 20)
            {
                throw new InvalidOperationException("the committer broke");
            }
        }

        var run = Pipeline().RunAsync(new ListSource(Documents(400)), "mine-test", null, Fail, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("the committer broke", error.Message);
    }

    [Fact]
    public async Task What_a_pausing_source_gave_is_stored_after_the_batch_wait_not_when_the_source_goes_on()
    {
        // A crawl between two requests: three pages in, the fourth is slow. The batch (8) is not full.
        var documents = Documents(5);
        var clock = new ManualClock();
        using var source = new PausingSource(documents, pauseAfter: 3);
        var run = Pipeline(clock).RunAsync(source, "mine-test", null, null, CancellationToken.None);

        await source.Paused.WaitAsync(Poll.Generous);
        await AdvanceUntilAsync(clock, async () => await DoneAsync() == 3, () => $"{DoneAsync().Result} of the 3 documents before the pause stored");
        Assert.False(run.IsCompleted);

        source.Resume();
        var finished = await run.WaitAsync(Poll.Generous);

        Assert.Equal((5, 5), (finished.Intake.Queued, finished.Processed));
        Assert.Equal(5, await DoneAsync());
    }

    [Fact]
    public async Task A_full_batch_does_not_wait_for_the_clock()
    {
        // The clock never moves: only size (and the end of the source) may cut batches.
        var documents = Documents(20);
        using var source = new PausingSource(documents, pauseAfter: 16);
        var run = Pipeline(new ManualClock()).RunAsync(source, "mine-test", null, null, CancellationToken.None);

        await Poll.UntilAsync(async () => await DoneAsync() == 16, Poll.Generous, () => $"{DoneAsync().Result} of 16 stored");
        source.Resume();
        await run.WaitAsync(Poll.Generous);

        Assert.Equal(20, await DoneAsync());
    }

    [Fact]
    public async Task Enqueueing_from_a_pausing_source_queues_what_it_gave_and_says_so_before_the_source_ends()
    {
        var clock = new ManualClock();
        using var source = new PausingSource(Documents(4), pauseAfter: 2);
        var queuedBatches = 0;
        var intake = new DocumentIntake(Store, options, clock, NullLogger<DocumentIntake>.Instance);
        var enqueue = intake.EnqueueAsync(source, null, () => Interlocked.Increment(ref queuedBatches), CancellationToken.None);

        await source.Paused.WaitAsync(Poll.Generous);
        await AdvanceUntilAsync(clock, () => Task.FromResult(Volatile.Read(ref queuedBatches) == 1), () => $"{queuedBatches} batches queued");
        Assert.Equal(2, (await Store.GetStatusAsync(CancellationToken.None)).Documents[DocumentState.Received]);

        source.Resume();
        var totals = await enqueue.WaitAsync(Poll.Generous);

        Assert.Equal(4, totals.Queued);
        Assert.Equal(2, queuedBatches);
    }

    [Fact]
    public async Task Cancelling_while_the_source_pauses_with_a_batch_waiting_ends_in_cancellation()
    {
        using var source = new PausingSource(Documents(4), pauseAfter: 2, stopping: TimeSpan.FromMilliseconds(300));
        using var cancel = new CancellationTokenSource();
        var intake = new DocumentIntake(Store, options, new ManualClock(), NullLogger<DocumentIntake>.Instance);
        var enqueue = intake.EnqueueAsync(source, null, null, cancel.Token);

        await source.Paused.WaitAsync(Poll.Generous);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enqueue.WaitAsync(Poll.Generous));
    }

    private static async Task AdvanceUntilAsync(ManualClock clock, Func<Task<bool>> condition, Func<string> describe) =>
        await Poll.UntilAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return await condition();
            },
            Poll.Generous,
            describe,
            TimeSpan.FromMilliseconds(20));

    private async Task<int> DoneAsync() =>
        (await Store.GetStatusAsync(CancellationToken.None)).Documents.GetValueOrDefault(DocumentState.Done);

    private MinePipeline Pipeline(TimeProvider clock) => new(
        Store,
        new DocumentIntake(Store, options, clock, NullLogger<DocumentIntake>.Instance),
        new QueueProcessor(Store, Extractor.Value, options, NullLogger<QueueProcessor>.Instance),
        options,
        NullLogger<MinePipeline>.Instance);

    private MinePipeline Pipeline() => new(
        Store,
        new DocumentIntake(Store, options, TimeProvider.System, NullLogger<DocumentIntake>.Instance),
        new QueueProcessor(Store, Extractor.Value, options, NullLogger<QueueProcessor>.Instance),
        options,
        NullLogger<MinePipeline>.Instance);

    /// <summary>Numbered documents; every second one reports a partnership (one record each).</summary>
    private static List<SourceDocument> Documents(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new SourceDocument(
            $"doc{i:D4}.txt",
            i % 2 == 0
                ? $"Talks number {i}\n\nChina and Russia established a comprehensive strategic partnership in 1996, officials recalled on day {i}."
                : $"Talks number {i}\n\nThe ministers discussed trade, energy and transport on day {i}.")),
    ];

    private sealed class ListSource(IEnumerable<SourceDocument> documents) : IDocumentSource
    {
        public async IAsyncEnumerable<SourceItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var document in documents)
            {
                await Task.Yield();
                yield return new AcceptedDocument(document);
            }
        }
    }

    /// <summary>
    /// Yields its documents, stopping after <c>pauseAfter</c> of them until <see cref="Resume"/>. Cancelled while paused,
    /// it takes <c>stopping</c> to give up, as a crawler does while its request winds down.
    /// </summary>
    private sealed class PausingSource(IReadOnlyList<SourceDocument> documents, int pauseAfter, TimeSpan stopping = default) : IDocumentSource, IDisposable
    {
        private readonly TaskCompletionSource paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim resume = new(0);

        public Task Paused => paused.Task;

        public void Resume() => resume.Release();

        public void Dispose() => resume.Dispose();

        public async IAsyncEnumerable<SourceItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                if (i == pauseAfter)
                {
                    paused.SetResult();
                    try
                    {
                        await resume.WaitAsync(cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        await Task.Delay(stopping, CancellationToken.None);
                        throw;
                    }
                }

                yield return new AcceptedDocument(documents[i]);
            }
        }
    }
}
