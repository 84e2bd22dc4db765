namespace PartnershipMiner.Core.Domain;

/// <summary>
/// One declared partnership: who, which tier, what happened, when, and the sentence that says so.
/// Its JSON form is a contract (see README "Record schema"); <see cref="RecordJson"/> writes it.
/// </summary>
public sealed record PartnershipRecord
{
    public required string Id { get; init; }
    public required string Document { get; init; }
    public string? ContentHash { get; init; }
    public DateOnly? DocumentDate { get; init; }

    /// <summary>ISO 3166-1 alpha-3 or organisation codes, sorted ordinally (as Python's sorted()).</summary>
    public required IReadOnlyList<string> Parties { get; init; }

    public required string Tier { get; init; }
    public required string Phrase { get; init; }
    public required int TierRank { get; init; }
    public required PartnershipEvent Event { get; init; }
    public int? Year { get; init; }
    public required string Evidence { get; init; }
    public required TextSpan EvidenceSpan { get; init; }
    public required double Confidence { get; init; }
    public ReviewStatus Status { get; init; } = ReviewStatus.Pending;
    public RhetoricScore? Rhetoric { get; init; }
    public SubstanceSummary? Substance { get; init; }
}
