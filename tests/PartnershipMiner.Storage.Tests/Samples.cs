using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Storage.Tests;

/// <summary>Documents and records as the pipeline would hand them to the store.</summary>
internal static class Samples
{
    public static DocumentSubmission Submission(string text, string? source = null) =>
        new(source ?? $"corpus/{SourceDocument.HashOf(text)[..8]}.txt", SourceDocument.HashOf(text), text, $"Title of {text}", new DateOnly(2024, 3, 15));

    public static IReadOnlyList<DocumentSubmission> Submissions(int count, string prefix = "document") =>
        [.. Enumerable.Range(1, count).Select(i => Submission($"{prefix} {i}"))];

    public static PartnershipRecord Record(QueuedDocument document, string tier, int spanStart, params string[] parties)
    {
        string[] sorted = [.. parties.Order(StringComparer.Ordinal)];
        return new PartnershipRecord
        {
            Id = RecordKey.For(document.ContentHash, sorted, tier),
            Document = document.Source,
            ContentHash = document.ContentHash,
            DocumentDate = document.Date,
            Parties = sorted,
            Tier = tier,
            Phrase = $"{tier} partnership",
            TierRank = 4,
            Event = PartnershipEvent.Established,
            Year = 2024,
            Evidence = $"They established a {tier} partnership.",
            EvidenceSpan = new TextSpan(spanStart, spanStart + 40),
            Confidence = 0.875,
            Rhetoric = new RhetoricScore(RhetoricLabel.Substantive, 0.25),
            Substance = new SubstanceSummary(5, 2, ["Trade rose.", "A plant was built."]),
        };
    }

    /// <summary>The contract form of a record, for comparing records field by field (lists compare by reference).</summary>
    public static string Json(PartnershipRecord record) => RecordJson.ToJsonLine(record);
}
