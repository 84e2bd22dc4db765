using System.Data.Common;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Storage.Tests;

/// <summary>
/// What every store must do, whatever database is behind it. Each backend derives once and supplies a fresh database
/// per test; the facts here run unchanged against SQLite and PostgreSQL.
/// </summary>
public abstract class PartnershipStoreBehaviour : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly List<IAsyncDisposable> opened = [];

    protected FakeClock Clock { get; } = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>The store under test, opened on this test's empty database and not yet initialised.</summary>
    protected RelationalPartnershipStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = OpenStore();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    /// <summary>A new store instance on this test's database, reading <see cref="Clock"/>.</summary>
    protected abstract RelationalPartnershipStore CreateStore();

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>Another store on the same database (another worker), disposed with the test.</summary>
    protected RelationalPartnershipStore OpenStore()
    {
        var store = CreateStore();
        opened.Add(store);
        return store;
    }

    [Fact]
    public async Task Schema_is_created_on_first_use_and_reopening_applies_nothing_twice()
    {
        // No InitializeAsync: the first operation must create the schema itself.
        var outcome = Assert.Single(await Store.EnqueueAsync([Samples.Submission("first")], None));
        Assert.False(outcome.AlreadyKnown);
        var applied = await Store.ReadAppliedMigrationsAsync(None);
        Assert.Equal(Enumerable.Range(1, Store.LatestSchemaVersion), applied.Select(m => m.Version));

        var again = OpenStore();
        await again.InitializeAsync(None);
        await again.InitializeAsync(None);

        Assert.Equal(applied, await again.ReadAppliedMigrationsAsync(None));
        Assert.Equal(1, (await again.GetStatusAsync(None)).Documents[DocumentState.Received]);
    }

    [Fact]
    public async Task Two_stores_initialising_at_once_apply_each_migration_once()
    {
        var other = OpenStore();
        await Task.WhenAll(Task.Run(() => Store.InitializeAsync(None)), Task.Run(() => other.InitializeAsync(None)));

        var applied = await Store.ReadAppliedMigrationsAsync(None);
        Assert.Equal(Enumerable.Range(1, Store.LatestSchemaVersion), applied.Select(m => m.Version));
    }

    [Fact]
    public async Task Enqueue_stores_each_content_once_and_reports_what_was_known()
    {
        var first = Samples.Submission("same words", "a.txt");
        var copy = Samples.Submission("same words", "elsewhere/b.html");
        var other = Samples.Submission("other words");

        var outcomes = await Store.EnqueueAsync([first, other, copy], None);

        Assert.Equal([false, false, true], outcomes.Select(o => o.AlreadyKnown));
        Assert.Equal(outcomes[0].DocumentId, outcomes[2].DocumentId);
        Assert.NotEqual(outcomes[0].DocumentId, outcomes[1].DocumentId);
        Assert.All(outcomes, o => Assert.Equal(DocumentState.Received, o.State));

        var claimed = await Store.ClaimAsync("w1", 10, Lease, None);
        Assert.Equal(2, claimed.Count);
        Assert.Equal("a.txt", claimed[0].Source);

        var later = Assert.Single(await Store.EnqueueAsync([copy], None));
        Assert.True(later.AlreadyKnown);
        Assert.Equal(DocumentState.Processing, later.State);
        Assert.Equal(2, (await Store.GetStatusAsync(None)).Documents[DocumentState.Processing]);
    }

    [Fact]
    public async Task Find_stored_says_which_contents_the_store_has_and_writes_nothing()
    {
        var known = Assert.Single(await Store.EnqueueAsync([Samples.Submission("known words")], None));
        var fresh = Samples.Submission("fresh words");

        var found = await Store.FindStoredAsync([fresh.ContentHash, known.ContentHash], None);

        Assert.Null(found[0]);
        Assert.Equal(known with { AlreadyKnown = true }, found[1]);
        Assert.Equal(1, (await Store.GetStatusAsync(None)).Documents.Values.Sum());
    }

    [Fact]
    public async Task Find_stored_answers_in_the_order_asked_for_more_hashes_than_one_query_takes()
    {
        // 1,200 hashes span three lookup queries; every third is stored, and one stored hash is asked about twice.
        var submissions = Enumerable.Range(0, 1200).Select(i => Samples.Submission($"document number {i}", $"d{i}.txt")).ToList();
        var stored = await Store.EnqueueAsync([.. submissions.Where((_, i) => i % 3 == 0)], None);
        var asked = submissions.Select(s => s.ContentHash).Append(submissions[3].ContentHash).ToList();

        var found = await Store.FindStoredAsync(asked, None);

        Assert.Equal(asked.Count, found.Count);
        for (var i = 0; i < submissions.Count; i++)
        {
            Assert.Equal(i % 3 == 0 ? stored[i / 3] with { AlreadyKnown = true } : null, found[i]);
        }

        Assert.Equal(found[3], found[^1]);
    }

    [Fact]
    public async Task Store_analysed_writes_each_new_document_once_with_its_records_and_leaves_known_ones_alone()
    {
        var known = Assert.Single(await Store.EnqueueAsync([Samples.Submission("known words")], None));
        var withRecord = Samples.Submission("a treaty");
        var without = Samples.Submission("the weather");
        var broken = Samples.Submission("a text the analysis choked on");
        var copy = Samples.Submission("a treaty", "elsewhere/copy.txt");
        var record = Samples.Record(Analysed(withRecord), "strategic", 10, "RUS", "CHN");

        var outcomes = await Store.StoreAnalysedAsync(
            [
                new AnalysedDocument(withRecord, 12, [record]),
                new AnalysedDocument(without, 7, []),
                new AnalysedDocument(broken, 0, null),
                new AnalysedDocument(Samples.Submission("known words"), 3, []),
                new AnalysedDocument(copy, 12, [record with { Document = copy.Source }]),
            ],
            "miner",
            None);

        Assert.Equal([false, false, false, true, true], outcomes.Select(o => o.AlreadyKnown));
        Assert.Equal(
            [DocumentState.Done, DocumentState.Done, DocumentState.Processing, DocumentState.Received, DocumentState.Done],
            outcomes.Select(o => o.State));
        Assert.Equal(known.DocumentId, outcomes[3].DocumentId);
        Assert.Equal(outcomes[0].DocumentId, outcomes[4].DocumentId);
        Assert.Equal([Samples.Json(record)], await Store.ReadRecordsAsync(new RecordQuery(), None).Select(Samples.Json).ToListAsync());
        Assert.Equal(12, Convert.ToInt32(await Store.ScalarAsync($"SELECT sentences FROM documents WHERE id = {outcomes[0].DocumentId}", None), System.Globalization.CultureInfo.InvariantCulture));

        // Texts: kept with records and for the queue (a failed analysis, a document enqueued), not for a done document
        // without records.
        Assert.Equal(
            $"{known.DocumentId},{outcomes[0].DocumentId},{outcomes[2].DocumentId}",
            await Store.ScalarAsync("SELECT string_agg(CAST(document_id AS text), ',' ORDER BY document_id) FROM document_texts", None));

        // The failed one is held as a claim would hold it until FailAsync queues it again with its text.
        var claimed = Assert.Single(await Store.ClaimAsync("other", 10, Lease, None));
        Assert.Equal(known.DocumentId, claimed.DocumentId);
        Assert.Equal(DocumentState.Received, await Store.FailAsync(outcomes[2].DocumentId, "miner", "choked", 3, None));
        var retried = Assert.Single(await Store.ClaimAsync("other", 10, Lease, None));
        Assert.Equal((outcomes[2].DocumentId, broken.Text, 2), (retried.DocumentId, retried.Text, retried.Attempts));
    }

    [Fact]
    public async Task Store_analysed_stores_nothing_of_the_batch_when_one_record_is_rejected_by_the_database()
    {
        var first = Samples.Submission("first treaty");
        var second = Samples.Submission("second treaty");
        var good = Samples.Record(Analysed(first), "strategic", 0, "CHN", "RUS");
        var broken = Samples.Record(Analysed(second), "global", 0, "BRA", "ZAF") with { EvidenceSpan = new TextSpan(50, 10) };

        await Assert.ThrowsAnyAsync<DbException>(() => Store.StoreAnalysedAsync(
            [new AnalysedDocument(first, 3, [good]), new AnalysedDocument(second, 4, [broken])], "miner", None));

        Assert.Equal(0, (await Store.GetStatusAsync(None)).Documents.Values.Sum());
        Assert.Empty(await Store.ReadRecordsAsync(new RecordQuery(), None).ToListAsync());
        Assert.Equal(0L, await Store.ScalarAsync("SELECT count(*) FROM document_texts", None));
    }

    /// <summary>A submission as the pipeline holds it while it analyses it (no id yet).</summary>
    private static QueuedDocument Analysed(DocumentSubmission submission) =>
        new(0, submission.Source, submission.ContentHash, submission.Text, submission.Title, submission.Date, Attempts: 1);

    [Fact]
    public async Task Claim_hands_out_received_documents_in_id_order_and_only_once()
    {
        var submissions = Samples.Submissions(3);
        var ids = (await Store.EnqueueAsync(submissions, None)).Select(o => o.DocumentId).ToArray();

        var first = await Store.ClaimAsync("w1", 2, Lease, None);
        var second = await Store.ClaimAsync("w2", 5, Lease, None);
        var third = await Store.ClaimAsync("w3", 5, Lease, None);

        Assert.Equal(ids[..2], first.Select(d => d.DocumentId));
        Assert.Equal(ids[2..], second.Select(d => d.DocumentId));
        Assert.Empty(third);
        var doc = first[0];
        Assert.Equal(
            (submissions[0].Source, submissions[0].ContentHash, submissions[0].Text, submissions[0].Title, submissions[0].Date, 1),
            (doc.Source, doc.ContentHash, doc.Text, doc.Title, doc.Date, doc.Attempts));
        Assert.Equal(3, (await Store.GetStatusAsync(None)).Documents[DocumentState.Processing]);
    }

    [Fact]
    public async Task Complete_marks_the_document_done_and_stores_its_records_as_given()
    {
        await Store.EnqueueAsync([Samples.Submission("a treaty")], None);
        var doc = Assert.Single(await Store.ClaimAsync("w1", 1, Lease, None));
        var records = new[]
        {
            Samples.Record(doc, "strategic", 10, "RUS", "CHN"),
            Samples.Record(doc, "comprehensive", 100, "FRA", "IND") with { Year = null, Rhetoric = null, Substance = null, DocumentDate = null },
        };

        await Store.CompleteAsync([new ProcessedDocument(doc.DocumentId, 12, records)], None);

        var stored = await Store.ReadRecordsAsync(new RecordQuery(), None).ToListAsync();
        Assert.Equal(records.Select(Samples.Json), stored.Select(Samples.Json));
        Assert.All(stored, r => Assert.Equal(doc.ContentHash, r.ContentHash));
        Assert.Equal(0.875, stored[0].Confidence);
        Assert.Equal(Samples.Json(records[1]), Samples.Json((await Store.GetRecordAsync(records[1].Id, None))!));
        Assert.Null(await Store.GetRecordAsync("no-such-id", None));
        var status = await Store.GetStatusAsync(None);
        Assert.Equal(1, status.Documents[DocumentState.Done]);
        Assert.Equal(0, status.Documents[DocumentState.Processing]);
        Assert.Equal(2, status.Records[ReviewStatus.Pending]);
        Assert.Empty(await Store.ClaimAsync("w2", 5, Lease, None));
    }

    [Fact]
    public async Task Fail_returns_the_document_to_the_queue_until_the_last_attempt_then_parks_it()
    {
        var id = Assert.Single(await Store.EnqueueAsync([Samples.Submission("troublesome")], None)).DocumentId;
        var ends = new List<DocumentState>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var doc = Assert.Single(await Store.ClaimAsync($"w{attempt}", 1, Lease, None));
            Assert.Equal(attempt, doc.Attempts);
            Clock.Advance(TimeSpan.FromSeconds(1));
            ends.Add(await Store.FailAsync(id, $"w{attempt}", $"parser crashed {attempt}", 3, None));
        }

        Assert.Equal([DocumentState.Received, DocumentState.Received, DocumentState.Failed], ends);
        Assert.Empty(await Store.ClaimAsync("w4", 1, Lease, None));
        var status = await Store.GetStatusAsync(None);
        Assert.Equal(1, status.Documents[DocumentState.Failed]);
        Assert.Equal(["parser crashed 3", "parser crashed 2", "parser crashed 1"], status.RecentErrors.Select(e => e.Error));
        Assert.All(status.RecentErrors, e => Assert.Equal(id, e.DocumentId));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.FailAsync(id + 1000, "w4", "unknown", 3, None));
    }

    [Fact]
    public async Task A_late_failure_of_a_claim_another_worker_took_over_leaves_it_with_that_worker()
    {
        var id = Assert.Single(await Store.EnqueueAsync([Samples.Submission("slow")], None)).DocumentId;
        Assert.Single(await Store.ClaimAsync("slow-worker", 1, Lease, None));
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(2, Assert.Single(await Store.ClaimAsync("second-worker", 1, Lease, None)).Attempts);

        // The first worker's batch fails at last: the document stays claimed by the second, and nobody else gets it.
        Assert.Equal(DocumentState.Processing, await Store.FailAsync(id, "slow-worker", "timed out", 3, None));
        Assert.Empty(await Store.ClaimAsync("third-worker", 1, Lease, None));
        var status = await Store.GetStatusAsync(None);
        Assert.Equal(1, status.Documents[DocumentState.Processing]);
        Assert.Equal("timed out", Assert.Single(status.RecentErrors).Error);

        // The holder's own failure sends it back as before.
        Assert.Equal(DocumentState.Received, await Store.FailAsync(id, "second-worker", "parser crashed", 3, None));
        Assert.Equal(3, Assert.Single(await Store.ClaimAsync("third-worker", 1, Lease, None)).Attempts);
    }

    [Fact]
    public async Task Complete_stores_nothing_when_one_record_of_the_batch_is_rejected_by_the_database()
    {
        await Store.EnqueueAsync(Samples.Submissions(2), None);
        var docs = await Store.ClaimAsync("w1", 2, Lease, None);
        var good = Samples.Record(docs[0], "strategic", 0, "CHN", "RUS");
        var alsoGood = Samples.Record(docs[1], "strategic", 0, "USA", "GBR");

        // An evidence span that ends before it starts breaks the table's CHECK constraint: the insert itself fails,
        // after the first document has been marked done and its record written in the same transaction.
        var broken = Samples.Record(docs[1], "global", 0, "BRA", "ZAF") with { EvidenceSpan = new TextSpan(50, 10) };
        await Assert.ThrowsAnyAsync<DbException>(() => Store.CompleteAsync(
            [new ProcessedDocument(docs[0].DocumentId, 3, [good]), new ProcessedDocument(docs[1].DocumentId, 4, [alsoGood, broken])],
            None));

        var status = await Store.GetStatusAsync(None);
        Assert.Equal(2, status.Documents[DocumentState.Processing]);
        Assert.Equal(0, status.Documents[DocumentState.Done]);
        Assert.Empty(await Store.ReadRecordsAsync(new RecordQuery(), None).ToListAsync());
        Assert.Empty(await Store.ReadRecordsAsync(new RecordQuery(Party: "CHN"), None).ToListAsync());

        // The store is fine afterwards: the same batch without the bad record goes through.
        await Store.CompleteAsync([new ProcessedDocument(docs[0].DocumentId, 3, [good])], None);
        Assert.Equal([good.Id], await Store.ReadRecordsAsync(new RecordQuery(), None).Select(r => r.Id).ToListAsync());
    }

    [Fact]
    public async Task Complete_naming_an_unknown_document_stores_nothing_of_the_batch()
    {
        await Store.EnqueueAsync([Samples.Submission("known")], None);
        var doc = Assert.Single(await Store.ClaimAsync("w1", 1, Lease, None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CompleteAsync(
            [new ProcessedDocument(doc.DocumentId, 1, [Samples.Record(doc, "strategic", 0, "CHN", "RUS")]), new ProcessedDocument(doc.DocumentId + 99, 1, [])],
            None));

        Assert.Equal(1, (await Store.GetStatusAsync(None)).Documents[DocumentState.Processing]);
        Assert.Empty(await Store.ReadRecordsAsync(new RecordQuery(), None).ToListAsync());
    }

    [Fact]
    public async Task Completing_the_same_content_again_neither_duplicates_records_nor_undoes_a_review()
    {
        await Store.EnqueueAsync([Samples.Submission("reprocessed")], None);
        var doc = Assert.Single(await Store.ClaimAsync("w1", 1, Lease, None));
        var first = Samples.Record(doc, "strategic", 0, "CHN", "RUS");
        var second = Samples.Record(doc, "comprehensive", 50, "CHN", "PAK");
        await Store.CompleteAsync([new ProcessedDocument(doc.DocumentId, 5, [first, second])], None);
        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(new ReviewDecision(first.Id, ReviewStatus.Approved, "alice"), None));

        // A second run (say after a lost lease) yields the same ids, one of them with a new confidence.
        var third = Samples.Record(doc, "global", 90, "CHN", "BRA");
        await Store.CompleteAsync([new ProcessedDocument(doc.DocumentId, 5, [first with { Confidence = 0.5 }, second, third])], None);

        var stored = await Store.ReadRecordsAsync(new RecordQuery(), None).ToListAsync();
        Assert.Equal([first.Id, second.Id, third.Id], stored.Select(r => r.Id));
        Assert.Equal(ReviewStatus.Approved, stored[0].Status);
        Assert.Equal(0.875, stored[0].Confidence);
        Assert.Equal(3, (await Store.ReadRecordsAsync(new RecordQuery(Party: "CHN"), None).ToListAsync()).Count);
        Assert.Equal(1, (await Store.GetStatusAsync(None)).Documents[DocumentState.Done]);
    }

    [Fact]
    public async Task An_expired_lease_hands_a_dead_workers_document_to_another_worker()
    {
        var id = Assert.Single(await Store.EnqueueAsync([Samples.Submission("abandoned")], None)).DocumentId;
        Assert.Single(await Store.ClaimAsync("dead-worker", 1, Lease, None));

        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await Store.ClaimAsync("w2", 1, Lease, None));

        Clock.Advance(TimeSpan.FromSeconds(2));
        var reclaimed = Assert.Single(await Store.ClaimAsync("w2", 1, Lease, None));
        Assert.Equal((id, 2), (reclaimed.DocumentId, reclaimed.Attempts));
        Assert.Empty(await Store.ClaimAsync("w3", 1, Lease, None));
    }

    [Fact]
    public async Task Release_gives_a_workers_claims_back_at_once_with_their_attempts_and_leaves_other_claims_alone()
    {
        var ids = (await Store.EnqueueAsync(Samples.Submissions(5), None)).Select(o => o.DocumentId).ToList();
        var mine = await Store.ClaimAsync("stopping-worker", 3, Lease, None);
        var theirs = Assert.Single(await Store.ClaimAsync("busy-worker", 1, Lease, None));

        Assert.Equal(3, await Store.ReleaseAsync("stopping-worker", None));

        // Taken again before any lease lapses, as first attempts; the other worker's claim stays its own.
        var again = await Store.ClaimAsync("next-worker", 10, Lease, None);
        Assert.Equal([.. mine.Select(d => d.DocumentId), ids[4]], again.Select(d => d.DocumentId));
        Assert.All(again, d => Assert.Equal(1, d.Attempts));
        Assert.DoesNotContain(theirs.DocumentId, again.Select(d => d.DocumentId));
        Assert.Equal(mine[0].Text, again[0].Text);
        Assert.Equal(0, await Store.ReleaseAsync("stopping-worker", None));
    }

    [Fact]
    public async Task Concurrent_claimers_never_receive_the_same_document()
    {
        const int count = 120;
        var ids = (await Store.EnqueueAsync(Samples.Submissions(count), None)).Select(o => o.DocumentId).ToHashSet();
        var other = OpenStore();

        async Task<List<long>> DrainAsync(IPartnershipStore store, string worker)
        {
            var taken = new List<long>();
            while (await store.ClaimAsync(worker, 3, Lease, None) is { Count: > 0 } batch)
            {
                taken.AddRange(batch.Select(d => d.DocumentId));
            }

            return taken;
        }

        var results = await Task.WhenAll(Task.Run(() => DrainAsync(Store, "w1")), Task.Run(() => DrainAsync(other, "w2")));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(count, all.Count);
        Assert.True(ids.SetEquals(all));
    }

    [Fact]
    public async Task Approving_and_rejecting_change_the_status_and_log_each_decision()
    {
        var record = await StoreOneRecordAsync();

        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Approved, "alice"), None));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Rejected, "bob", "only a toast"), None));
        Assert.Equal(ReviewOutcome.NotFound, await Store.ReviewAsync(new ReviewDecision("no-such-record", ReviewStatus.Approved, "alice"), None));

        Assert.Equal(ReviewStatus.Rejected, (await Store.GetRecordAsync(record.Id, None))!.Status);
        var log = await Store.GetReviewsAsync(record.Id, None);
        Assert.Equal(
            [("alice", ReviewStatus.Pending, ReviewStatus.Approved, (string?)null), ("bob", ReviewStatus.Approved, ReviewStatus.Rejected, "only a toast")],
            log.Select(e => (e.Reviewer, e.FromStatus, e.ToStatus, e.Comment)));
        Assert.Equal(Clock.GetUtcNow(), log[1].At);
        Assert.Equal(Samples.Json(record with { Status = ReviewStatus.Approved }), Samples.Json(log[1].Before));
        Assert.Equal(Samples.Json(record with { Status = ReviewStatus.Rejected }), Samples.Json(log[1].After));
        Assert.Empty(await Store.GetReviewsAsync("no-such-record", None));
        Assert.Equal(1, (await Store.GetStatusAsync(None)).Records[ReviewStatus.Rejected]);
    }

    [Fact]
    public async Task A_decision_that_saw_fewer_decisions_than_the_log_holds_is_stale_and_changes_nothing()
    {
        var record = await StoreOneRecordAsync();
        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Approved, "alice", ReviewsSeen: 0), None));

        // Bob's page was opened before Alice decided.
        Assert.Equal(
            ReviewOutcome.Stale,
            await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Corrected, "bob", Year: 1999, ReviewsSeen: 0), None));
        Assert.Equal(ReviewOutcome.Stale, await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Rejected, "bob", ReviewsSeen: 2), None));

        var stored = (await Store.GetRecordAsync(record.Id, None))!;
        Assert.Equal((ReviewStatus.Approved, record.Year), (stored.Status, stored.Year));
        Assert.Single(await Store.GetReviewsAsync(record.Id, None));

        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Rejected, "bob", ReviewsSeen: 1), None));
        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Corrected, "bob", ClearYear: true), None));
        Assert.Null((await Store.GetRecordAsync(record.Id, None))!.Year);
        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(new ReviewDecision(record.Id, ReviewStatus.Rejected, "bob"), None));
        Assert.Equal(ReviewOutcome.NotFound, await Store.ReviewAsync(new ReviewDecision("no-such-record", ReviewStatus.Rejected, "bob", ReviewsSeen: 0), None));
        Assert.Equal(ReviewStatus.Rejected, (await Store.GetRecordAsync(record.Id, None))!.Status);
    }

    [Fact]
    public async Task A_correction_overwrites_the_given_fields_and_keeps_the_original_in_the_log()
    {
        var record = await StoreOneRecordAsync();

        Assert.Equal(ReviewOutcome.Applied, await Store.ReviewAsync(
            new ReviewDecision(record.Id, ReviewStatus.Corrected, "carol", "wrong partner", Parties: ["USA", "CHN"], Tier: "comprehensive strategic", Event: PartnershipEvent.Upgraded, TierRank: 3),
            None));

        var corrected = (await Store.GetRecordAsync(record.Id, None))!;
        var expected = record with
        {
            Status = ReviewStatus.Corrected,
            Parties = ["CHN", "USA"],
            Tier = "comprehensive strategic",
            TierRank = 3,
            Event = PartnershipEvent.Upgraded,
        };
        Assert.Equal(Samples.Json(expected), Samples.Json(corrected));
        Assert.Equal([record.Id], await Store.ReadRecordsAsync(new RecordQuery(Party: "USA"), None).Select(r => r.Id).ToListAsync());
        Assert.Empty(await Store.ReadRecordsAsync(new RecordQuery(Party: "RUS"), None).ToListAsync());
        var entry = Assert.Single(await Store.GetReviewsAsync(record.Id, None));
        Assert.Equal(Samples.Json(record), Samples.Json(entry.Before));
        Assert.Equal(Samples.Json(expected), Samples.Json(entry.After));
    }

    [Fact]
    public async Task GetReviews_returns_one_records_history_oldest_first_with_each_change()
    {
        await Store.EnqueueAsync([Samples.Submission("two records")], None);
        var doc = Assert.Single(await Store.ClaimAsync("w1", 1, Lease, None));
        var reviewed = Samples.Record(doc, "strategic", 0, "CHN", "RUS");
        var other = Samples.Record(doc, "global", 60, "BRA", "CHN");
        await Store.CompleteAsync([new ProcessedDocument(doc.DocumentId, 2, [reviewed, other])], None);

        Assert.Empty(await Store.GetReviewsAsync(reviewed.Id, None));
        await Store.ReviewAsync(new ReviewDecision(reviewed.Id, ReviewStatus.Corrected, "dana", "the tier is global", Tier: "global", Year: 2023), None);
        await Store.ReviewAsync(new ReviewDecision(other.Id, ReviewStatus.Rejected, "erin"), None);
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Store.ReviewAsync(new ReviewDecision(reviewed.Id, ReviewStatus.Approved, "erin"), None);

        var history = await Store.GetReviewsAsync(reviewed.Id, None);

        Assert.Equal(
            [("dana", ReviewStatus.Pending, ReviewStatus.Corrected, (string?)"the tier is global"), ("erin", ReviewStatus.Corrected, ReviewStatus.Approved, null)],
            history.Select(r => (r.Reviewer, r.FromStatus, r.ToStatus, r.Comment)));
        Assert.All(history, r => Assert.Equal(reviewed.Id, r.RecordId));
        Assert.Equal(("strategic", 2024), (history[0].Before.Tier, history[0].Before.Year));
        Assert.Equal(("global", 2023), (history[0].After.Tier, history[0].After.Year));
        Assert.Equal(history[0].At + TimeSpan.FromSeconds(30), history[1].At);
        Assert.Equal("erin", Assert.Single(await Store.GetReviewsAsync(other.Id, None)).Reviewer);
        Assert.Empty(await Store.GetReviewsAsync("no-such-record", None));
    }

    [Fact]
    public async Task ReadRecords_filters_by_status_and_party_and_pages_in_document_order()
    {
        await Store.EnqueueAsync(Samples.Submissions(2), None);
        var docs = await Store.ClaimAsync("w1", 2, Lease, None);
        var a = Samples.Record(docs[0], "strategic", 300, "CHN", "RUS");
        var b = Samples.Record(docs[0], "comprehensive", 20, "CHN", "PAK");
        var c = Samples.Record(docs[1], "strategic", 5, "FRA", "IND");
        var d = Samples.Record(docs[1], "global", 5, "CHN", "FRA");

        // Handed over out of order: the store must return document, then span, then id order.
        await Store.CompleteAsync([new ProcessedDocument(docs[1].DocumentId, 1, [c, d]), new ProcessedDocument(docs[0].DocumentId, 1, [a, b])], None);
        await Store.ReviewAsync(new ReviewDecision(a.Id, ReviewStatus.Approved, "alice"), None);
        await Store.ReviewAsync(new ReviewDecision(c.Id, ReviewStatus.Approved, "alice"), None);

        async Task<List<string>> Ids(RecordQuery query) => await Store.ReadRecordsAsync(query, None).Select(r => r.Id).ToListAsync();
        string[] tied = [.. new[] { c.Id, d.Id }.Order(StringComparer.Ordinal)];

        Assert.Equal([b.Id, a.Id, .. tied], await Ids(new RecordQuery()));
        Assert.Equal([a.Id, c.Id], await Ids(new RecordQuery(ReviewStatus.Approved)));
        Assert.Equal([b.Id, d.Id], await Ids(new RecordQuery(ReviewStatus.Pending)));
        Assert.Equal([b.Id, a.Id, d.Id], await Ids(new RecordQuery(Party: "CHN")));
        Assert.Equal([a.Id], await Ids(new RecordQuery(ReviewStatus.Approved, "CHN")));
        Assert.Equal([a.Id, tied[0]], await Ids(new RecordQuery(Limit: 2, Offset: 1)));
        Assert.Empty(await Ids(new RecordQuery(Party: "ZZZ")));
        Assert.Empty(await Ids(new RecordQuery(Limit: 0)));
    }

    [Fact]
    public async Task Status_reports_counts_recent_errors_throughput_and_the_oldest_waiting_document()
    {
        var start = Clock.GetUtcNow();
        await Store.EnqueueAsync([Samples.Submission("a")], None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.EnqueueAsync([Samples.Submission("b"), Samples.Submission("c"), Samples.Submission("d")], None);

        var ab = await Store.ClaimAsync("w1", 2, Lease, None);
        await Store.CompleteAsync([new ProcessedDocument(ab[0].DocumentId, 1, [Samples.Record(ab[0], "strategic", 0, "CHN", "RUS")])], None);

        // Twelve failures of b, a second apart; the status shows the newest ten, newest first.
        for (var i = 1; i <= 12; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Store.FailAsync(ab[1].DocumentId, "w1", $"error {i}", i == 12 ? 1 : 100, None);
        }

        Clock.Advance(TimeSpan.FromHours(2));
        var c = Assert.Single(await Store.ClaimAsync("w1", 1, Lease, None));
        await Store.CompleteAsync([new ProcessedDocument(c.DocumentId, 1, [])], None);

        var status = await Store.GetStatusAsync(None);

        Assert.Equal(
            new Dictionary<DocumentState, int> { [DocumentState.Received] = 1, [DocumentState.Processing] = 0, [DocumentState.Done] = 2, [DocumentState.Failed] = 1 },
            status.Documents);
        Assert.Equal(
            new Dictionary<ReviewStatus, int> { [ReviewStatus.Pending] = 1, [ReviewStatus.Approved] = 0, [ReviewStatus.Rejected] = 0, [ReviewStatus.Corrected] = 0 },
            status.Records);
        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(i => $"error {i}"), status.RecentErrors.Select(e => e.Error));
        Assert.Equal(start + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(12), status.RecentErrors[0].At);
        Assert.Equal(ab[1].Source, status.RecentErrors[0].Source);
        Assert.Equal(1, status.DoneLastHour);
        Assert.Equal(start + TimeSpan.FromMinutes(1), status.OldestWaiting);
    }

    [Fact]
    public async Task Status_of_an_empty_store_has_zero_counts_and_nothing_waiting()
    {
        var status = await Store.GetStatusAsync(None);

        Assert.All(status.Documents.Values, n => Assert.Equal(0, n));
        Assert.Equal(Enum.GetValues<DocumentState>().Length, status.Documents.Count);
        Assert.Equal(Enum.GetValues<ReviewStatus>().Length, status.Records.Count);
        Assert.Empty(status.RecentErrors);
        Assert.Equal(0, status.DoneLastHour);
        Assert.Null(status.OldestWaiting);
    }

    private async Task<PartnershipRecord> StoreOneRecordAsync()
    {
        await Store.EnqueueAsync([Samples.Submission("communique")], None);
        var doc = Assert.Single(await Store.ClaimAsync("w1", 1, Lease, None));
        var record = Samples.Record(doc, "strategic", 0, "CHN", "RUS");
        await Store.CompleteAsync([new ProcessedDocument(doc.DocumentId, 3, [record])], None);
        return record;
    }
}
