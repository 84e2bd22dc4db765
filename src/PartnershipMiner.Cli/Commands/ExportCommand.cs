using System.CommandLine;
using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Commands;

/// <summary><c>pminer export</c>: stored records as JSON lines or CSV, streamed from the store.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "jsonl, csv, or graphml (the partnership network: a node per party, an edge per pair with its highest tier; rejected records left out).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv", "graphml");
        var status = new Option<string>("--status") { Description = "approved, pending, rejected, corrected or all.", DefaultValueFactory = _ => "all" };
        status.AcceptOnlyFromAmong("approved", "pending", "rejected", "corrected", "all");
        var output = new Option<string?>("--out") { Description = "File to write (default: standard output)." };
        var database = CommonOptions.Database();
        var models = CommonOptions.Models();
        var command = new Command("export", "Write stored records as JSON lines, CSV or a GraphML network.") { format, status, output, database, models };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = PminerHost.BuildValidated(PminerHost.CreateBuilder(CommonOptions.Overrides(parse, database, models), verbose: false));
            var store = host.Services.GetRequiredService<IPartnershipStore>();
            ReviewStatus? filter = parse.GetValue(status) is "all" or null ? null : DomainNames.TryParseStatus(parse.GetValue(status), out var s) ? s : null;
            var records = store.ReadRecordsAsync(new RecordQuery(Status: filter), cancellationToken);
            var path = parse.GetValue(output);
            await using var stream = path is null ? Console.OpenStandardOutput() : File.Create(path);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            var count = parse.GetValue(format) switch
            {
                "csv" => await WriteCsvAsync(writer, records, cancellationToken),
                "graphml" => await WriteGraphAsync(writer, records, host.Services.GetRequiredService<ModelCatalog>().LoadGazetteer(), cancellationToken),
                _ => await WriteJsonLinesAsync(writer, records, cancellationToken),
            };
            await Console.Error.WriteLineAsync($"exported {count} records");
            return PminerCommandLine.Ok;
        });
        return command;
    }

    private static async Task<int> WriteGraphAsync(StreamWriter writer, IAsyncEnumerable<PartnershipRecord> records, PartnershipMiner.Core.Spotting.Gazetteer gazetteer, CancellationToken cancellationToken)
    {
        var graph = new PartnershipGraph();
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            graph.Add(record);
        }

        graph.Write(writer, gazetteer);
        return graph.Records;
    }

    private static async Task<int> WriteJsonLinesAsync(StreamWriter writer, IAsyncEnumerable<PartnershipRecord> records, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(RecordJson.ToJsonLine(record));
            count++;
        }

        return count;
    }

    private static async Task<int> WriteCsvAsync(StreamWriter writer, IAsyncEnumerable<PartnershipRecord> records, CancellationToken cancellationToken)
    {
        // Evidence is text from the web: a sentence that starts with '=', '+', '-', '@' would run as a formula in the
        // spreadsheet a researcher opens the file with. Such cells get a leading apostrophe (shown as text); JSON lines
        // carry the text as it is.
        var options = new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(writer, options, leaveOpen: true);
        string[] header = ["id", "document", "documentDate", "parties", "tier", "phrase", "tierRank", "event", "year", "evidence", "spanStart", "spanEnd", "confidence", "status", "rhetoricLabel", "rhetoricScore", "substantiveSentences", "dyadSentences"];
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        await csv.EndRecordAsync(cancellationToken);
        var count = 0;
        await foreach (var r in records.WithCancellation(cancellationToken))
        {
            csv.WriteField(r.Id);
            csv.WriteField(r.Document);
            csv.WriteField(r.DocumentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(string.Join(';', r.Parties));
            csv.WriteField(r.Tier);
            csv.WriteField(r.Phrase);
            csv.WriteField(r.TierRank.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Event.ToWireName());
            csv.WriteField(r.Year?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.Evidence);
            csv.WriteField(r.EvidenceSpan.Start.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.EvidenceSpan.End.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Confidence.ToString("0.###", CultureInfo.InvariantCulture));
            csv.WriteField(r.Status.ToWireName());
            csv.WriteField(r.Rhetoric?.Label.ToWireName() ?? "");
            csv.WriteField(r.Rhetoric?.Score.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.Substance?.Substantive.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.Substance?.Sentences.ToString(CultureInfo.InvariantCulture) ?? "");
            await csv.EndRecordAsync(cancellationToken);
            count++;
        }

        await csv.FlushAsync(cancellationToken);
        return count;
    }
}
