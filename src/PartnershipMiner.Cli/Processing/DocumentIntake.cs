using Microsoft.Extensions.Logging;
using PartnershipMiner.Ingestion;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Processing;

/// <summary>Counts of one intake run.</summary>
public sealed record IntakeTotals(int Queued, int AlreadyKnown, int Rejected, int Skipped, IReadOnlyList<EnqueueOutcome> Outcomes);

/// <summary>
/// Reads a source into the store's queue, in transactions of bounded size. Rejected inputs are reported (with the input
/// and the reason) and counted; they never stop the run.
/// </summary>
public sealed partial class DocumentIntake(IPartnershipStore store, ILogger<DocumentIntake> logger)
{
    private const int BatchDocuments = 256;
    private const long BatchCharacters = 16L * 1024 * 1024;

    public async Task<IntakeTotals> EnqueueAsync(IDocumentSource source, Action<SourceItem>? onItem, CancellationToken cancellationToken)
    {
        var batch = new List<DocumentSubmission>(BatchDocuments);
        var batchCharacters = 0L;
        var outcomes = new List<EnqueueOutcome>();
        int rejected = 0, skipped = 0;
        await foreach (var item in source.ReadAsync(cancellationToken))
        {
            switch (item)
            {
                case AcceptedDocument accepted:
                    var document = accepted.Document;
                    batch.Add(new DocumentSubmission(document.Source, document.ContentHash, document.Text, document.Title, document.Date));
                    batchCharacters += document.Text.Length;
                    if (batch.Count >= BatchDocuments || batchCharacters >= BatchCharacters)
                    {
                        outcomes.AddRange(await store.EnqueueAsync(batch, cancellationToken));
                        batch.Clear();
                        batchCharacters = 0;
                    }

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
        }

        if (batch.Count > 0)
        {
            outcomes.AddRange(await store.EnqueueAsync(batch, cancellationToken));
        }

        var known = outcomes.Count(o => o.AlreadyKnown);
        return new IntakeTotals(outcomes.Count - known, known, rejected, skipped, outcomes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Input}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string input, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped {Input}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string input, string reason);
}
