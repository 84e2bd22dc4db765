using Microsoft.Extensions.Logging;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Storage;

/// <summary>The store's log events, source-generated so that fields stay structured and logging costs nothing when off.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name}) to {Database}")]
    public static partial void MigrationApplied(ILogger logger, string database, int version, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Store {Database} is ready at schema version {Version}")]
    public static partial void Ready(ILogger logger, string database, int version);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Database} stays in journal mode {JournalMode}: WAL could not be enabled")]
    public static partial void NoWalMode(ILogger logger, string database, string journalMode);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Worker {Worker} claimed {Count} documents")]
    public static partial void Claimed(ILogger logger, string worker, int count);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Document {DocumentId} failed on attempt {Attempt} and is now {State}: {Reason}")]
    public static partial void Failed(ILogger logger, long documentId, int attempt, DocumentState state, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Record {RecordId} reviewed by {Reviewer}: {FromStatus} -> {ToStatus}")]
    public static partial void Reviewed(ILogger logger, string recordId, string reviewer, ReviewStatus fromStatus, ReviewStatus toStatus);
}
