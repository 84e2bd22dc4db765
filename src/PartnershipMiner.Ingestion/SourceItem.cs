using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// One outcome of reading an input: a document, a rejection or a skip. Sources report problems as items rather than
/// exceptions so that one bad file never stops the rest of a batch.
/// </summary>
public abstract record SourceItem
{
    // Closed set: only the three outcomes below exist, so callers can switch over them exhaustively.
    private protected SourceItem()
    {
    }
}

/// <summary>A document that was read and decoded.</summary>
public sealed record AcceptedDocument(SourceDocument Document) : SourceItem;

/// <summary>An input that should have been a document but could not be read; <see cref="Reason"/> says why.</summary>
public sealed record SourceRejection(string Input, string Reason) : SourceItem;

/// <summary>An input deliberately not read (an unsupported extension, a link, a device file); not an error.</summary>
public sealed record SourceSkip(string Input, string Reason) : SourceItem;
