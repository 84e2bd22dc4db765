using System.Data;
using System.Data.Common;
using System.Globalization;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>The document queue: received → processing → done, or back to received / parked as failed.</summary>
public abstract partial class RelationalPartnershipStore
{
    /// <summary>Content hashes looked up in one query (well below SQLite's and PostgreSQL's parameter limits).</summary>
    private const int HashesPerLookup = 500;

    public Task<IReadOnlyList<EnqueueOutcome>> EnqueueAsync(IReadOnlyList<DocumentSubmission> documents, CancellationToken cancellationToken)
    {
        RequireContentHashes(documents);
        return WriteAsync<IReadOnlyList<EnqueueOutcome>>(
            async (connection, transaction) =>
            {
                await using var insert = connection.Command(transaction, """
                    INSERT INTO documents (source, content_hash, title, date, state, attempts, received_at)
                    VALUES (@source, @hash, @title, @date, 'received', 0, @now)
                    ON CONFLICT (content_hash) DO NOTHING
                    RETURNING id
                    """)
                    .With("source", DbType.String).With("hash", DbType.String)
                    .With("title", DbType.String).With("date", DbType.Date);
                dialect.WithTime(insert, "now", time.GetUtcNow());
                await using var insertText = InsertTextCommand(connection, transaction);
                await using var known = KnownDocumentCommand(connection, transaction);

                // Prepared once, run per document: a directory of thousands of files is one transaction of cheap inserts.
                await insert.PrepareAsync(cancellationToken);
                await insertText.PrepareAsync(cancellationToken);
                await known.PrepareAsync(cancellationToken);

                var outcomes = new List<EnqueueOutcome>(documents.Count);
                foreach (var document in documents)
                {
                    if (await InsertDocumentAsync(insert, document, cancellationToken) is not { } id)
                    {
                        outcomes.Add(await ReadConflictingAsync(known, document.ContentHash, cancellationToken));
                        continue;
                    }

                    await InsertTextAsync(insertText, id, document.Text, cancellationToken);
                    outcomes.Add(new EnqueueOutcome(id, document.ContentHash, false, DocumentState.Received));
                }

                return outcomes;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<EnqueueOutcome?>> FindStoredAsync(IReadOnlyList<string> contentHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentHashes);
        return ReadAsync<IReadOnlyList<EnqueueOutcome?>>(
            async connection =>
            {
                // One query for many hashes: mine asks about every document it reads, and a statement per document cost
                // more than the lookup itself.
                var stored = new Dictionary<string, EnqueueOutcome>(StringComparer.Ordinal);
                foreach (var chunk in contentHashes.Distinct(StringComparer.Ordinal).Chunk(HashesPerLookup))
                {
                    var placeholders = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"@hash{i}"));
                    await using var lookup = connection.Command(null, $"SELECT content_hash, id, state FROM documents WHERE content_hash IN ({placeholders})");
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        lookup.With($"hash{i}", DbType.String, chunk[i]);
                    }

                    await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var hash = reader.GetString(0);
                        stored[hash] = new EnqueueOutcome(reader.GetInt64(1), hash, true, WireNames.ParseState(reader.GetString(2)));
                    }
                }

                return [.. contentHashes.Select(hash => stored.GetValueOrDefault(hash))];
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<EnqueueOutcome>> StoreAnalysedAsync(IReadOnlyList<AnalysedDocument> documents, string workerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        RequireContentHashes([.. documents.Select(d => d.Document)]);
        return WriteAsync<IReadOnlyList<EnqueueOutcome>>(
            async (connection, transaction) =>
            {
                var now = time.GetUtcNow();

                // The row a claim and then a completion would have left, written once: a failed analysis stays claimed
                // (processing, attempts 1) until FailAsync decides.
                await using var insert = connection.Command(transaction, """
                    INSERT INTO documents (source, content_hash, title, date, state, attempts, worker, claimed_at, received_at, done_at, sentences)
                    VALUES (@source, @hash, @title, @date, @state, 1, @worker, @now, @now, CASE WHEN @state = 'done' THEN @now END, @sentences)
                    ON CONFLICT (content_hash) DO NOTHING
                    RETURNING id
                    """)
                    .With("source", DbType.String).With("hash", DbType.String)
                    .With("title", DbType.String).With("date", DbType.Date)
                    .With("state", DbType.String).With("worker", DbType.String, workerId).With("sentences", DbType.Int32);
                dialect.WithTime(insert, "now", now);
                await using var insertText = InsertTextCommand(connection, transaction);
                await using var known = KnownDocumentCommand(connection, transaction);
                await insert.PrepareAsync(cancellationToken);
                await insertText.PrepareAsync(cancellationToken);
                await known.PrepareAsync(cancellationToken);
                await using var records = await RecordWriter.PrepareAsync(connection, transaction, dialect, now, cancellationToken);

                var outcomes = new List<EnqueueOutcome>(documents.Count);
                foreach (var analysed in documents)
                {
                    var failed = analysed.Records is null;
                    var state = failed ? DocumentState.Processing : DocumentState.Done;
                    insert.Set("state", WireNames.Of(state));
                    insert.Set("sentences", failed ? null : analysed.Sentences);
                    if (await InsertDocumentAsync(insert, analysed.Document, cancellationToken) is not { } id)
                    {
                        outcomes.Add(await ReadConflictingAsync(known, analysed.Document.ContentHash, cancellationToken));
                        continue;
                    }

                    // Nothing reads the text of a done document but a person looking at its records' evidence in
                    // context; a failed one is read again by the claim that retries it.
                    if (failed || analysed.Records!.Count > 0)
                    {
                        await InsertTextAsync(insertText, id, analysed.Document.Text, cancellationToken);
                    }

                    foreach (var record in analysed.Records ?? [])
                    {
                        await records.InsertAsync(id, record, cancellationToken);
                    }

                    outcomes.Add(new EnqueueOutcome(id, analysed.Document.ContentHash, false, state));
                }

                return outcomes;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<QueuedDocument>> ClaimAsync(string workerId, int maxCount, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);

        // One statement picks and marks: SQLite runs it under BEGIN IMMEDIATE (one writer at a time), PostgreSQL locks
        // the picked rows and lets a concurrent claimer skip them instead of waiting or taking them twice.
        var sql = $"""
            UPDATE documents
            SET state = 'processing', worker = @worker, claimed_at = @now, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM documents
                WHERE state = 'received' OR (state = 'processing' AND claimed_at < @expired)
                ORDER BY id
                LIMIT @limit{dialect.SkipLockedRows})
            RETURNING id, source, content_hash, title, date, attempts
            """;
        return WriteAsync<IReadOnlyList<QueuedDocument>>(
            async (connection, transaction) =>
            {
                var now = time.GetUtcNow();
                await using var claim = connection.Command(transaction, sql)
                    .With("worker", DbType.String, workerId).With("limit", DbType.Int32, maxCount);
                dialect.WithTime(claim, "now", now);
                dialect.WithTime(claim, "expired", now - lease);
                var claimed = new List<QueuedDocument>();
                await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        claimed.Add(new QueuedDocument(
                            reader.GetInt64(0),
                            reader.GetString(1),
                            reader.GetString(2),
                            Text: "",
                            reader.GetStringOrNull(3),
                            reader.GetDateOrNull(4),
                            reader.GetInt32(5)));
                    }
                }

                // RETURNING promises no order; callers get documents in queue order.
                claimed.Sort((a, b) => a.DocumentId.CompareTo(b.DocumentId));
                await using var text = connection.Command(transaction, "SELECT text FROM document_texts WHERE document_id = @id").With("id", DbType.Int64);
                await text.PrepareAsync(cancellationToken);
                for (var i = 0; i < claimed.Count; i++)
                {
                    text.Set("id", claimed[i].DocumentId);
                    claimed[i] = claimed[i] with { Text = (string)(await text.ExecuteScalarAsync(cancellationToken))! };
                }

                StoreLog.Claimed(logger, workerId, claimed.Count);
                return claimed;
            },
            cancellationToken);
    }

    public Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using var release = connection.Command(transaction, """
                    UPDATE documents SET state = 'received', worker = NULL, claimed_at = NULL, attempts = attempts - 1
                    WHERE state = 'processing' AND worker = @worker
                    """).With("worker", DbType.String, workerId);
                return await release.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public Task CompleteAsync(IReadOnlyList<ProcessedDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var now = time.GetUtcNow();
                await using var markDone = connection.Command(transaction, "UPDATE documents SET state = 'done', done_at = @now, sentences = @sentences WHERE id = @id")
                    .With("id", DbType.Int64).With("sentences", DbType.Int32);
                dialect.WithTime(markDone, "now", now);
                await markDone.PrepareAsync(cancellationToken);
                await using var records = await RecordWriter.PrepareAsync(connection, transaction, dialect, now, cancellationToken);
                foreach (var document in documents)
                {
                    markDone.Set("id", document.DocumentId);
                    markDone.Set("sentences", document.Sentences);
                    if (await markDone.ExecuteNonQueryAsync(cancellationToken) == 0)
                    {
                        throw new InvalidOperationException($"Document {document.DocumentId} is not in {dialect.Database}; nothing of this batch was stored.");
                    }

                    foreach (var record in document.Records)
                    {
                        await records.InsertAsync(document.DocumentId, record, cancellationToken);
                    }
                }

                return true;
            },
            cancellationToken);
    }

    public Task<DocumentState> FailAsync(long documentId, string workerId, string reason, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return WriteAsync(
            async (connection, transaction) =>
            {
                var (state, attempts, worker) = await ReadQueueStateAsync(connection, transaction, documentId, cancellationToken);

                // A document another worker has finished meanwhile stays done, and one another worker claimed after this
                // worker's lease ran out stays that worker's: sent back to the queue, it could be claimed a third time
                // while the second claim is still at work. The failure is logged either way.
                var takenOver = state == DocumentState.Processing && worker is not null && worker != workerId;
                var next = state == DocumentState.Done || takenOver ? state
                    : attempts < maxAttempts ? DocumentState.Received
                    : DocumentState.Failed;
                if (next != DocumentState.Done && !takenOver)
                {
                    await using var update = connection.Command(transaction, """
                        UPDATE documents SET state = @state, last_error = @reason, worker = NULL, claimed_at = NULL
                        WHERE id = @id
                        """)
                        .With("state", DbType.String, WireNames.Of(next)).With("reason", DbType.String, reason)
                        .With("id", DbType.Int64, documentId);
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var log = connection.Command(transaction, """
                    INSERT INTO document_errors (document_id, attempt, worker, error, at)
                    VALUES (@id, @attempt, @worker, @error, @at)
                    """)
                    .With("id", DbType.Int64, documentId).With("attempt", DbType.Int32, attempts)
                    .With("worker", DbType.String, workerId).With("error", DbType.String, reason);
                await dialect.WithTime(log, "at", time.GetUtcNow()).ExecuteNonQueryAsync(cancellationToken);
                StoreLog.Failed(logger, documentId, attempts, next, reason);
                return next;
            },
            cancellationToken);
    }

    private async Task<(DocumentState State, int Attempts, string? Worker)> ReadQueueStateAsync(
        DbConnection connection, DbTransaction transaction, long documentId, CancellationToken cancellationToken)
    {
        await using var select = connection.Command(transaction, $"SELECT state, attempts, worker FROM documents WHERE id = @id{dialect.LockRows}")
            .With("id", DbType.Int64, documentId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Document {documentId} is not in {dialect.Database}.");
        }

        return (WireNames.ParseState(reader.GetString(0)), reader.GetInt32(1), reader.GetStringOrNull(2));
    }

    private static void RequireContentHashes(IReadOnlyList<DocumentSubmission> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            ArgumentException.ThrowIfNullOrEmpty(document.ContentHash, nameof(documents));
        }
    }

    private static DbCommand InsertTextCommand(DbConnection connection, DbTransaction transaction) =>
        connection.Command(transaction, "INSERT INTO document_texts (document_id, text) VALUES (@id, @text)")
            .With("id", DbType.Int64).With("text", DbType.String);

    private static DbCommand KnownDocumentCommand(DbConnection connection, DbTransaction? transaction) =>
        connection.Command(transaction, "SELECT id, state FROM documents WHERE content_hash = @hash").With("hash", DbType.String);

    /// <summary>Runs a prepared insert of a document row; its id, or null when its content hash is stored already.</summary>
    private static async Task<long?> InsertDocumentAsync(DbCommand insert, DocumentSubmission document, CancellationToken cancellationToken)
    {
        insert.Set("source", document.Source);
        insert.Set("hash", document.ContentHash);
        insert.Set("title", document.Title);
        insert.Set("date", document.Date);
        return await insert.ExecuteScalarAsync(cancellationToken) is { } inserted and not DBNull
            ? Convert.ToInt64(inserted, CultureInfo.InvariantCulture)
            : null;
    }

    private static async Task InsertTextAsync(DbCommand insertText, long documentId, string text, CancellationToken cancellationToken)
    {
        insertText.Set("id", documentId);
        insertText.Set("text", text);
        await insertText.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<EnqueueOutcome?> ReadKnownAsync(DbCommand known, string contentHash, CancellationToken cancellationToken)
    {
        known.Set("hash", contentHash);
        await using var reader = await known.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new EnqueueOutcome(reader.GetInt64(0), contentHash, true, WireNames.ParseState(reader.GetString(1)))
            : null;
    }

    /// <summary>The stored document whose content hash made an insert do nothing.</summary>
    private static async Task<EnqueueOutcome> ReadConflictingAsync(DbCommand known, string contentHash, CancellationToken cancellationToken) =>
        await ReadKnownAsync(known, contentHash, cancellationToken)
        ?? throw new InvalidOperationException($"Document with content hash {contentHash} conflicted but cannot be read back.");
}
