using System.Text.Json;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Tests.Domain;

public class RecordJsonTests
{
    private static readonly PartnershipRecord Minimal = new()
    {
        Id = "0123456789abcdef0123",
        Document = "docs/vna-1.txt",
        Parties = ["CHN", "VNM"],
        Tier = "comprehensive strategic partnership",
        Phrase = "Comprehensive Strategic Partnership",
        TierRank = 3,
        Event = PartnershipEvent.Mentioned,
        Evidence = "China is a comprehensive strategic partner of Vietnam.",
        EvidenceSpan = new TextSpan(10, 64),
        Confidence = 0.75,
    };

    private static readonly PartnershipRecord Full = Minimal with
    {
        ContentHash = "abc",
        DocumentDate = new DateOnly(2023, 12, 18),
        Parties = ["TUR", "VNM"],
        Tier = "strategic partnership",
        Phrase = "\"strategic partnership\"",
        TierRank = 5,
        Event = PartnershipEvent.Upgraded,
        Year = 2023,
        Evidence = "Türkiye and Viet Nam upgraded ties to a \"strategic partnership\" — officials said.",
        Confidence = 0.8512345,
        Status = ReviewStatus.Corrected,
        Rhetoric = new RhetoricScore(RhetoricLabel.Substantive, 0.12345678),
        Substance = new SubstanceSummary(4, 2, ["Trade will double.", "A consulate opens in 2024."]),
    };

    [Fact]
    public void Writes_the_contract_fields_in_order_with_nulls_present()
    {
        Assert.Equal(
            "{\"id\":\"0123456789abcdef0123\",\"document\":\"docs/vna-1.txt\",\"documentDate\":null,\"parties\":[\"CHN\",\"VNM\"],"
            + "\"tier\":\"comprehensive strategic partnership\",\"phrase\":\"Comprehensive Strategic Partnership\",\"tierRank\":3,"
            + "\"event\":\"mentioned\",\"year\":null,\"evidence\":\"China is a comprehensive strategic partner of Vietnam.\","
            + "\"evidenceSpan\":[10,64],\"confidence\":0.75,\"status\":\"pending\"}",
            RecordJson.ToJsonLine(Minimal));
    }

    [Fact]
    public void Writes_rhetoric_and_substance_last_when_present()
    {
        using var json = JsonDocument.Parse(RecordJson.ToJsonLine(Full));
        Assert.Equal(
            ["id", "document", "documentDate", "parties", "tier", "phrase", "tierRank", "event", "year", "evidence", "evidenceSpan", "confidence", "status", "rhetoric", "substance"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["label", "score"], json.RootElement.GetProperty("rhetoric").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["sentences", "substantive", "examples"], json.RootElement.GetProperty("substance").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Writes_dates_events_statuses_and_rounded_numbers_in_wire_form()
    {
        var line = RecordJson.ToJsonLine(Full);
        Assert.Contains("\"documentDate\":\"2023-12-18\"", line, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"upgraded\"", line, StringComparison.Ordinal);
        Assert.Contains("\"year\":2023", line, StringComparison.Ordinal);
        Assert.Contains("\"confidence\":0.851,", line, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"corrected\"", line, StringComparison.Ordinal);
        Assert.Contains("\"rhetoric\":{\"label\":\"substantive\",\"score\":0.1235}", line, StringComparison.Ordinal);
        Assert.Contains("\"substance\":{\"sentences\":4,\"substantive\":2,\"examples\":[\"Trade will double.\",\"A consulate opens in 2024.\"]}", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_text_unescaped_but_quotes_escaped_on_one_line()
    {
        var line = RecordJson.ToJsonLine(Full);
        Assert.Contains("Türkiye and Viet Nam upgraded ties to a \\\"strategic partnership\\\" — officials said.", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("contentHash", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var back = RecordJson.Parse(RecordJson.ToJsonLine(Full));

        Assert.Equal(Full.Id, back.Id);
        Assert.Equal(Full.Document, back.Document);
        Assert.Equal(Full.DocumentDate, back.DocumentDate);
        Assert.Equal(Full.Parties, back.Parties);
        Assert.Equal(Full.Tier, back.Tier);
        Assert.Equal(Full.Phrase, back.Phrase);
        Assert.Equal(Full.TierRank, back.TierRank);
        Assert.Equal(Full.Event, back.Event);
        Assert.Equal(Full.Year, back.Year);
        Assert.Equal(Full.Evidence, back.Evidence);
        Assert.Equal(Full.EvidenceSpan, back.EvidenceSpan);
        Assert.Equal(0.851, back.Confidence);
        Assert.Equal(ReviewStatus.Corrected, back.Status);
        Assert.Equal(new RhetoricScore(RhetoricLabel.Substantive, 0.1235), back.Rhetoric);
        Assert.NotNull(back.Substance);
        Assert.Equal((4, 2), (back.Substance.Sentences, back.Substance.Substantive));
        Assert.Equal(Full.Substance!.Examples, back.Substance.Examples);
        Assert.Equal(RecordJson.ToJsonLine(Full with { Confidence = 0.851, Rhetoric = back.Rhetoric }), RecordJson.ToJsonLine(back));
    }

    [Fact]
    public void Reads_back_nulls_and_absent_optional_parts()
    {
        var back = RecordJson.Parse(RecordJson.ToJsonLine(Minimal));

        Assert.Null(back.DocumentDate);
        Assert.Null(back.Year);
        Assert.Null(back.ContentHash);
        Assert.Null(back.Rhetoric);
        Assert.Null(back.Substance);
        Assert.Equal(RecordJson.ToJsonLine(Minimal), RecordJson.ToJsonLine(back));
    }

    [Fact]
    public void Reads_an_unknown_event_as_a_mention_and_a_missing_status_as_pending()
    {
        var line = RecordJson.ToJsonLine(Full)
            .Replace("\"upgraded\"", "\"reinvented\"", StringComparison.Ordinal)
            .Replace(",\"status\":\"corrected\"", "", StringComparison.Ordinal);
        var back = RecordJson.Parse(line);

        Assert.Equal(PartnershipEvent.Mentioned, back.Event);
        Assert.Equal(ReviewStatus.Pending, back.Status);
    }

    [Fact]
    public void Writes_records_of_the_extractor_that_read_back_the_same()
    {
        const string raw = "Date: 2024-01-10\n\nVietnam widens its circle\n\nVietnam has comprehensive strategic partnerships with China, Russia and India. It upgraded ties with Australia to a comprehensive strategic partnership in 2024.";
        var records = ModelFiles.Extractor.Extract(new SourceDocument("a.txt", raw)).Records;
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(RecordJson.ToJsonLine(r), RecordJson.ToJsonLine(RecordJson.Parse(RecordJson.ToJsonLine(r)))));
    }
}
