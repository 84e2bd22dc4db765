using PartnershipMiner.Cli.Commands;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Tests;

public sealed class MineTallyTests
{
    private static DocumentOutcome Outcome(long id, bool failed) => new(
        new QueuedDocument(id, $"doc-{id}.txt", $"hash-{id}", "text", null, null, 1),
        failed ? null : new DocumentAnalysis($"doc-{id}.txt", $"hash-{id}", null, null, 3, []),
        failed ? "the parser broke" : null,
        1);

    [Fact]
    public void A_document_retried_within_the_run_counts_as_failed_once_and_not_at_all_once_it_succeeds()
    {
        var tally = new MineTally();
        tally.Add(Outcome(1, failed: true));
        tally.Add(Outcome(1, failed: true));
        tally.Add(Outcome(1, failed: true));
        tally.Add(Outcome(2, failed: true));
        Assert.Equal(2, tally.Failed);

        tally.Add(Outcome(2, failed: false));
        Assert.Equal((1, 1), (tally.Failed, tally.Processed));
        Assert.Equal([1L, 2L], tally.StoredThisRun.Order());
    }
}
