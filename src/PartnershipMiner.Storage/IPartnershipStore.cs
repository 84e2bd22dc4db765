using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Storage;

/// <summary>
/// The one store interface. SQLite (default, one process) and PostgreSQL (several workers) implement it and pass the
/// same behaviour tests. Every state change of a document commits together with its records in one transaction.
/// </summary>
public interface IPartnershipStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Idempotent; safe to call at every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records documents as received, before any processing. A document whose content hash is already stored is not
    /// queued again; its outcome says so.
    /// </summary>
    Task<IReadOnlyList<EnqueueOutcome>> EnqueueAsync(IReadOnlyList<DocumentSubmission> documents, CancellationToken cancellationToken);

    /// <summary>
    /// For each content hash, what enqueueing its document would report if it is stored already (its id and state), or
    /// null for a new one. Reads only: a process that analyses documents before it stores them (mine) skips the known ones.
    /// </summary>
    Task<IReadOnlyList<EnqueueOutcome?>> FindStoredAsync(IReadOnlyList<string> contentHashes, CancellationToken cancellationToken);

    /// <summary>
    /// Stores documents that the caller read and analysed itself, in one transaction: each new document as done with
    /// its records, or, where its analysis failed, with its text and claimed by <paramref name="workerId"/> (attempts 1,
    /// as <see cref="ClaimAsync"/> would leave it) for <see cref="FailAsync"/> to queue again or park. The text of a
    /// done document is kept only when it has records. A document whose content hash is stored already (by an
    /// earlier batch or another process since it was looked up) is left as it is and its records are not inserted; its
    /// outcome says so.
    /// </summary>
    Task<IReadOnlyList<EnqueueOutcome>> StoreAnalysedAsync(IReadOnlyList<AnalysedDocument> documents, string workerId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="maxCount"/> received documents for <paramref name="workerId"/> (state processing,
    /// attempts + 1). Claims older than the lease are taken back, so a killed worker's document is processed again.
    /// </summary>
    Task<IReadOnlyList<QueuedDocument>> ClaimAsync(string workerId, int maxCount, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Gives every document <paramref name="workerId"/> holds back to the queue at once (received, its attempt returned:
    /// the document was not at fault), for a worker that stops or lost its store mid-batch and would otherwise leave its
    /// claims to lapse with the lease. Returns how many.
    /// </summary>
    Task<int> ReleaseAsync(string workerId, CancellationToken cancellationToken);

    /// <summary>Marks documents done and inserts their records, all in one transaction. Existing record ids are kept as they are.</summary>
    Task CompleteAsync(IReadOnlyList<ProcessedDocument> documents, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failure of <paramref name="workerId"/>'s claim. The document goes back to received while attempts &lt;
    /// maxAttempts, else it is parked as failed. A claim another worker has taken over since (the lease ran out) is left
    /// to that worker: the failure is only logged. Returns the state the document is in.
    /// </summary>
    Task<DocumentState> FailAsync(long documentId, string workerId, string reason, int maxAttempts, CancellationToken cancellationToken);

    IAsyncEnumerable<PartnershipRecord> ReadRecordsAsync(RecordQuery query, CancellationToken cancellationToken);

    Task<PartnershipRecord?> GetRecordAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a reviewer's decision and logs it, in one transaction; <see cref="ReviewOutcome.Stale"/>, changing
    /// nothing, when the decision says how many decisions its reviewer saw and the log has had more since.
    /// </summary>
    Task<ReviewOutcome> ReviewAsync(ReviewDecision decision, CancellationToken cancellationToken);

    /// <summary>The review log of one record, oldest first; empty for a record never reviewed or unknown.</summary>
    Task<IReadOnlyList<RecordReview>> GetReviewsAsync(string recordId, CancellationToken cancellationToken);

    Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken);
}

public enum DocumentState
{
    Received,
    Processing,
    Done,
    Failed,
}

/// <summary>A document offered to the queue. <see cref="Source"/> is a path, an archive entry ("a.zip!/x/y.txt") or a URL.</summary>
public sealed record DocumentSubmission(string Source, string ContentHash, string Text, string? Title, DateOnly? Date);

/// <summary>A document analysed before it was stored. <see cref="Records"/> is null when its analysis failed.</summary>
public sealed record AnalysedDocument(DocumentSubmission Document, int Sentences, IReadOnlyList<PartnershipRecord>? Records);

public sealed record EnqueueOutcome(long DocumentId, string ContentHash, bool AlreadyKnown, DocumentState State);

public sealed record QueuedDocument(long DocumentId, string Source, string ContentHash, string Text, string? Title, DateOnly? Date, int Attempts);

public sealed record ProcessedDocument(long DocumentId, int Sentences, IReadOnlyList<PartnershipRecord> Records);

/// <summary>Which records to read. <see cref="DocumentIds"/> (at most a few hundred at a time) restricts them to those documents.</summary>
public sealed record RecordQuery(ReviewStatus? Status = null, string? Party = null, int Limit = int.MaxValue, int Offset = 0, IReadOnlyList<long>? DocumentIds = null);

/// <summary>What became of a reviewer's decision.</summary>
public enum ReviewOutcome
{
    /// <summary>Stored and logged.</summary>
    Applied,

    /// <summary>No record has that id.</summary>
    NotFound,

    /// <summary>Someone decided on the record after the reviewer's page showed it: nothing changed.</summary>
    Stale,
}

/// <summary>
/// A reviewer's verdict. For <see cref="ReviewStatus.Corrected"/> the replacement fields that are not null overwrite
/// the record's (a corrected tier comes with its rank from the taxonomy); the original values stay in the review log.
/// A null <see cref="Year"/> keeps the record's year; <see cref="ClearYear"/> says the record has none.
/// <see cref="ReviewsSeen"/>, when given, is how many decisions the record's log held when the reviewer's page showed
/// it: a decision taken on an older page is refused rather than silently undoing one taken since.
/// </summary>
public sealed record ReviewDecision(
    string RecordId,
    ReviewStatus Status,
    string Reviewer,
    string? Comment = null,
    IReadOnlyList<string>? Parties = null,
    string? Tier = null,
    PartnershipEvent? Event = null,
    int? Year = null,
    int? TierRank = null,
    int? ReviewsSeen = null,
    bool ClearYear = false);

/// <summary>One line of a record's review log: who moved it from where to where, and the record before and after.</summary>
public sealed record RecordReview(
    string RecordId,
    string Reviewer,
    ReviewStatus FromStatus,
    ReviewStatus ToStatus,
    string? Comment,
    PartnershipRecord Before,
    PartnershipRecord After,
    DateTimeOffset At);

public sealed record StoreStatus(
    IReadOnlyDictionary<DocumentState, int> Documents,
    IReadOnlyDictionary<ReviewStatus, int> Records,
    IReadOnlyList<DocumentError> RecentErrors,
    int DoneLastHour,
    DateTimeOffset? OldestWaiting);

public sealed record DocumentError(long DocumentId, string Source, string Error, DateTimeOffset At);
