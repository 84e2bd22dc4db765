using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Storage.Sql;

/// <summary>How a <see cref="PartnershipRecord"/> maps to a row of <c>records</c> (and back).</summary>
internal static class RecordRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order; the content hash comes from the document.</summary>
    public const string Select = """
        SELECT r.id, r.document, d.content_hash, r.document_date, r.parties, r.tier, r.phrase, r.tier_rank, r.event,
               r.year, r.evidence, r.span_start, r.span_end, r.confidence, r.status, r.rhetoric_label,
               r.rhetoric_score, r.substance
        FROM records r JOIN documents d ON d.id = r.document_id
        """;

    public static PartnershipRecord Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Document = reader.GetString(1),
        ContentHash = reader.GetString(2),
        DocumentDate = reader.GetDateOrNull(3),
        Parties = SplitParties(reader.GetString(4)),
        Tier = reader.GetString(5),
        Phrase = reader.GetString(6),
        TierRank = reader.GetInt32(7),
        Event = WireNames.ParseEvent(reader.GetString(8)),
        Year = reader.GetInt32OrNull(9),
        Evidence = reader.GetString(10),
        EvidenceSpan = new TextSpan(reader.GetInt32(11), reader.GetInt32(12)),
        Confidence = reader.GetDouble(13),
        Status = WireNames.ParseStatus(reader.GetString(14)),
        Rhetoric = reader.IsDBNull(15)
            ? null
            : new RhetoricScore(WireNames.ParseLabel(reader.GetString(15)), reader.IsDBNull(16) ? 0 : reader.GetDouble(16)),
        Substance = reader.IsDBNull(17) ? null : JsonSerializer.Deserialize(reader.GetString(17), SubstanceJson.Default.SubstanceSummary),
    };

    /// <summary>
    /// The parties column: codes joined by commas in the record's (sorted) order, for people reading the table.
    /// Filtering uses record_parties instead.
    /// </summary>
    public static string JoinParties(IReadOnlyList<string> parties)
    {
        foreach (var party in parties)
        {
            if (string.IsNullOrWhiteSpace(party) || party.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Party code '{party}' is empty or contains a comma.", nameof(parties));
            }
        }

        return string.Join(',', parties);
    }

    public static string? SubstanceToJson(SubstanceSummary? substance) =>
        substance is null ? null : JsonSerializer.Serialize(substance, SubstanceJson.Default.SubstanceSummary);

    private static string[] SplitParties(string joined) =>
        joined.Length == 0 ? [] : joined.Split(',');
}

/// <summary>
/// The substance column's JSON (web defaults: camelCase names), written by source-generated code: reflection-based
/// serialisation builds its metadata at the first record of every run, a visible share of a short run's start.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SubstanceSummary))]
internal sealed partial class SubstanceJson : JsonSerializerContext;
