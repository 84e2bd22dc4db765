namespace PartnershipMiner.Ingestion;

/// <summary>Where documents come from. Implementations never throw for a bad input; they yield a rejection and go on.</summary>
public interface IDocumentSource
{
    IAsyncEnumerable<SourceItem> ReadAsync(CancellationToken cancellationToken = default);
}
