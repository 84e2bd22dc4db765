namespace PartnershipMiner.Ingestion;

/// <summary>
/// Bounds on what one input may cost. Sizes are in bytes; "MB" in messages means 2^20 bytes.
/// Immutable: adjust with <c>with</c>, e.g. <c>IngestionLimits.Default with { MaxArchiveDepth = 1 }</c>.
/// </summary>
public sealed record IngestionLimits
{
    public static IngestionLimits Default { get; } = new();

    /// <summary>Largest file, archive entry or JSON-lines line read as one document.</summary>
    public long MaxDocumentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most bytes one archive (with everything nested in it) may expand to.</summary>
    public long MaxArchiveExpandedBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Most expanded bytes per compressed byte, checked while streaming.</summary>
    public int MaxExpansionRatio { get; init; } = 200;

    /// <summary>Most entries one archive may hold.</summary>
    public int MaxArchiveEntries { get; init; } = 100_000;

    /// <summary>Archives inside archives: the outermost is depth 1.</summary>
    public int MaxArchiveDepth { get; init; } = 3;

    /// <summary>
    /// Deepest element nesting accepted in HTML. AngleSharp parses deep nesting in quadratic time and some of its DOM
    /// members recurse, so deeper pages are rejected before parsing.
    /// </summary>
    public int MaxHtmlDepth { get; init; } = 1000;

    /// <summary>Every broken rule, as "Name: why"; empty when the limits are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (MaxDocumentBytes is < 1 or > MaxDocumentBytesCeiling)
        {
            failures.Add($"Ingestion:{nameof(MaxDocumentBytes)}: must be between 1 and {MaxDocumentBytesCeiling} (documents are held in memory)");
        }

        if (MaxArchiveExpandedBytes < 1)
        {
            failures.Add($"Ingestion:{nameof(MaxArchiveExpandedBytes)}: must be positive");
        }

        if (MaxExpansionRatio < 1)
        {
            failures.Add($"Ingestion:{nameof(MaxExpansionRatio)}: must be at least 1");
        }

        if (MaxArchiveEntries < 1)
        {
            failures.Add($"Ingestion:{nameof(MaxArchiveEntries)}: must be positive");
        }

        if (MaxArchiveDepth is < 1 or > 16)
        {
            failures.Add($"Ingestion:{nameof(MaxArchiveDepth)}: must be between 1 and 16");
        }

        // Above about 30,000 levels AngleSharp's recursive members overflow the stack; keep a wide margin.
        if (MaxHtmlDepth is < 16 or > 10_000)
        {
            failures.Add($"Ingestion:{nameof(MaxHtmlDepth)}: must be between 16 and 10000");
        }

        return failures;
    }

    private const long MaxDocumentBytesCeiling = 1024L * 1024 * 1024;
}
