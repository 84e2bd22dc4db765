using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Tests;

/// <summary>Documents and records put into a store the way the pipeline does: enqueue, claim, complete.</summary>
internal static class SeedRecords
{
    public const string Coordination = "comprehensive strategic partnership of coordination";
    public const string CoordinationPhrase = "comprehensive strategic partnership of coordination for a new era";
    public const string CoordinationEvidence =
        "The two heads of state agreed to upgrade relations to a comprehensive strategic partnership of coordination for a new era.";

    public const string Malicious = "They signed <script>alert('pwned')</script> a strategic partnership & \"more\".";

    /// <summary>A document with its records, built by <paramref name="records"/> from the claimed document.</summary>
    public static async Task<IReadOnlyList<PartnershipRecord>> StoreAsync(
        IPartnershipStore store, string text, string source, Func<QueuedDocument, IReadOnlyList<PartnershipRecord>> records)
    {
        await store.EnqueueAsync([new DocumentSubmission(source, SourceDocument.HashOf(text), text, null, new DateOnly(2019, 6, 5))], CancellationToken.None);
        var document = Assert.Single(await store.ClaimAsync("seed", 1, TimeSpan.FromMinutes(5), CancellationToken.None));
        var built = records(document);
        await store.CompleteAsync([new ProcessedDocument(document.DocumentId, 12, built)], CancellationToken.None);
        return built;
    }

    /// <summary>
    /// The standard set: China–Russia (upgraded, rhetorical, with substance), China–Pakistan (reaffirmed) and
    /// France–India (established, no rhetoric or substance figures), in that order.
    /// </summary>
    public static async Task<IReadOnlyList<PartnershipRecord>> StandardAsync(IPartnershipStore store)
    {
        var first = await StoreAsync(store, "joint statement one", "statements/chn-rus.txt", doc =>
        [
            Record(doc, Coordination, 10, ["CHN", "RUS"]) with
            {
                Phrase = CoordinationPhrase,
                TierRank = 1,
                Event = PartnershipEvent.Upgraded,
                Year = 2019,
                Evidence = CoordinationEvidence,
                Confidence = 0.875,
                Rhetoric = new RhetoricScore(RhetoricLabel.Rhetorical, 0.91),
                Substance = new SubstanceSummary(9, 3, ["The sides signed 30 agreements on energy and trade."]),
            },
            Record(doc, "all-weather strategic cooperative partnership", 200, ["CHN", "PAK"]) with
            {
                TierRank = 2,
                Event = PartnershipEvent.Reaffirmed,
                Evidence = "China and Pakistan reaffirmed their all-weather strategic cooperative partnership.",
            },
        ]);
        var second = await StoreAsync(store, "joint statement two", "statements/fra-ind.txt", doc =>
        [
            Record(doc, "strategic partnership", 5, ["FRA", "IND"]) with
            {
                Year = 1998,
                Evidence = "France and India established a strategic partnership in 1998.",
                Rhetoric = null,
                Substance = null,
            },
        ]);
        return [.. first, .. second];
    }

    public static PartnershipRecord Record(QueuedDocument document, string tier, int spanStart, string[] parties) => new()
    {
        Id = RecordKey.For(document.ContentHash, parties, tier),
        Document = document.Source,
        ContentHash = document.ContentHash,
        DocumentDate = document.Date,
        Parties = parties,
        Tier = tier,
        Phrase = tier,
        TierRank = 5,
        Event = PartnershipEvent.Established,
        Year = 2019,
        Evidence = $"They established a {tier}.",
        EvidenceSpan = new TextSpan(spanStart, spanStart + 60),
        Confidence = 0.6,
        Rhetoric = new RhetoricScore(RhetoricLabel.Substantive, 0.2),
        Substance = new SubstanceSummary(4, 1, ["A plant was built."]),
    };
}
