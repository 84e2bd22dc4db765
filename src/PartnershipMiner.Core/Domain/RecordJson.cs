using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PartnershipMiner.Core.Domain;

/// <summary>
/// The JSON-lines form of a record. Written by hand with <see cref="Utf8JsonWriter"/> rather than by reflection
/// because the field names, their order and the null rules are a contract that the scorer and users' scripts read.
/// </summary>
public static class RecordJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void Write(Utf8JsonWriter json, PartnershipRecord record)
    {
        json.WriteStartObject();
        json.WriteString("id", record.Id);
        json.WriteString("document", record.Document);
        if (record.DocumentDate is { } date)
        {
            json.WriteString("documentDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("documentDate");
        }

        json.WriteStartArray("parties");
        foreach (var party in record.Parties)
        {
            json.WriteStringValue(party);
        }

        json.WriteEndArray();
        json.WriteString("tier", record.Tier);
        json.WriteString("phrase", record.Phrase);
        json.WriteNumber("tierRank", record.TierRank);
        json.WriteString("event", record.Event.ToWireName());
        if (record.Year is { } year)
        {
            json.WriteNumber("year", year);
        }
        else
        {
            json.WriteNull("year");
        }

        json.WriteString("evidence", record.Evidence);
        json.WriteStartArray("evidenceSpan");
        json.WriteNumberValue(record.EvidenceSpan.Start);
        json.WriteNumberValue(record.EvidenceSpan.End);
        json.WriteEndArray();
        json.WriteNumber("confidence", Math.Round(record.Confidence, 3));
        json.WriteString("status", record.Status.ToWireName());
        if (record.Rhetoric is { } rhetoric)
        {
            json.WriteStartObject("rhetoric");
            json.WriteString("label", rhetoric.Label.ToWireName());
            json.WriteNumber("score", Math.Round(rhetoric.Score, 4));
            json.WriteEndObject();
        }

        if (record.Substance is { } substance)
        {
            json.WriteStartObject("substance");
            json.WriteNumber("sentences", substance.Sentences);
            json.WriteNumber("substantive", substance.Substantive);
            json.WriteStartArray("examples");
            foreach (var example in substance.Examples)
            {
                json.WriteStringValue(example);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One record as one line of JSON, without the newline.</summary>
    public static string ToJsonLine(PartnershipRecord record)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(json, record);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a record back from its JSON line (export round trips, review corrections).</summary>
    public static PartnershipRecord Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var span = root.GetProperty("evidenceSpan");
        RhetoricScore? rhetoric = null;
        if (root.TryGetProperty("rhetoric", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            var label = DomainNames.TryParseLabel(r.GetProperty("label").GetString(), out var l) ? l : RhetoricLabel.Rhetorical;
            rhetoric = new RhetoricScore(label, r.GetProperty("score").GetDouble());
        }

        SubstanceSummary? substance = null;
        if (root.TryGetProperty("substance", out var s) && s.ValueKind == JsonValueKind.Object)
        {
            substance = new SubstanceSummary(
                s.GetProperty("sentences").GetInt32(),
                s.GetProperty("substantive").GetInt32(),
                [.. s.GetProperty("examples").EnumerateArray().Select(e => e.GetString() ?? "")]);
        }

        var ev = DomainNames.TryParseEvent(root.GetProperty("event").GetString(), out var e) ? e : PartnershipEvent.Mentioned;
        var status = DomainNames.TryParseStatus(root.TryGetProperty("status", out var st) ? st.GetString() : null, out var sv)
            ? sv
            : ReviewStatus.Pending;
        return new PartnershipRecord
        {
            Id = root.GetProperty("id").GetString()!,
            Document = root.GetProperty("document").GetString()!,
            DocumentDate = root.TryGetProperty("documentDate", out var d) && d.ValueKind == JsonValueKind.String
                ? DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
            Parties = [.. root.GetProperty("parties").EnumerateArray().Select(p => p.GetString()!)],
            Tier = root.GetProperty("tier").GetString()!,
            Phrase = root.GetProperty("phrase").GetString()!,
            TierRank = root.GetProperty("tierRank").GetInt32(),
            Event = ev,
            Year = root.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number ? y.GetInt32() : null,
            Evidence = root.GetProperty("evidence").GetString()!,
            EvidenceSpan = new TextSpan(span[0].GetInt32(), span[1].GetInt32()),
            Confidence = root.GetProperty("confidence").GetDouble(),
            Status = status,
            Rhetoric = rhetoric,
            Substance = substance,
        };
    }
}
