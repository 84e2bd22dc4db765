using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Ingestion;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Commands;

/// <summary><c>pminer mine PATH...</c>: reading, extraction and storing in one stream (<see cref="MinePipeline"/>), then a summary.</summary>
internal static class MineCommand
{
    private const int KnownDocumentsPerQuery = 400;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders (recursive) and archives: .txt, .md, .html, .htm, .zip, .tar.gz, .jsonl.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Also write the records of these documents as JSON lines to this file." };
        var database = CommonOptions.Database();
        var models = CommonOptions.Models();
        var verbose = CommonOptions.Verbose();
        var command = new Command("mine", "Extract partnership records from documents into the store.") { paths, output, database, models, verbose };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(paths)!, parse.GetValue(output), CommonOptions.Overrides(parse, database, models), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, string? outPath, Dictionary<string, string?> overrides, bool verbose, CancellationToken cancellationToken) =>
        (await MineAsync(paths, outPath, overrides, verbose, cancellationToken)).Exit;

    /// <summary>The whole verb: returns its exit code and what the run did (the benchmarks read the latter).</summary>
    internal static Task<(int Exit, MineRun Run)> MineAsync(
        string[] paths, string? outPath, Dictionary<string, string?> overrides, bool verbose, CancellationToken cancellationToken)
    {
        CommonOptions.RequireExisting(paths);
        return MineAsync(
            services => new FileTreeSource(paths, services.GetRequiredService<IOptions<IngestionLimits>>().Value), outPath, overrides, verbose, cancellationToken);
    }

    /// <summary>
    /// Mines whatever <paramref name="createSource"/> makes from the host's services (files, a crawl) into the store,
    /// with the summary and exit code of <c>mine</c>.
    /// </summary>
    internal static async Task<(int Exit, MineRun Run)> MineAsync(
        Func<IServiceProvider, IDocumentSource> createSource, string? outPath, Dictionary<string, string?> overrides, bool verbose, CancellationToken cancellationToken)
    {
        using var host = PminerHost.BuildValidated(PminerHost.CreateBuilder(overrides, verbose));
        var services = host.Services;
        var store = services.GetRequiredService<IPartnershipStore>();
        var source = createSource(services);
        await using var writer = outPath is null ? null : new StreamWriter(outPath, false, new UTF8Encoding(false));
        var tally = new MineTally();
        var progress = MineProgress.Create(services);

        // Unique as the worker's: runs in containers sharing a PostgreSQL store are all pid 1, and a claim is told from
        // another run's by this id.
        var workerId = $"mine-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var run = await progress.RunAsync((read, processed) => services.GetRequiredService<MinePipeline>().RunAsync(
            source,
            workerId,
            read,
            outcome =>
            {
                tally.Add(outcome);
                if (outcome.Analysis is not null && writer is not null)
                {
                    foreach (var record in outcome.Analysis.Records)
                    {
                        writer.WriteLine(RecordJson.ToJsonLine(record));
                    }
                }

                processed();
            },
            cancellationToken));

        // Documents stored by an earlier run are not analysed again; their stored records (with any review) are reported.
        // A copy of a document this run stored is not: its records were reported with the original.
        var known = run.Intake.Known.Where(o => o.State == DocumentState.Done && !tally.StoredThisRun.Contains(o.DocumentId))
            .Select(o => o.DocumentId).Distinct().ToList();
        foreach (var chunk in known.Chunk(KnownDocumentsPerQuery))
        {
            await foreach (var record in store.ReadRecordsAsync(new RecordQuery(DocumentIds: chunk), cancellationToken))
            {
                tally.AddStored(record);
                if (writer is not null)
                {
                    await writer.WriteLineAsync(RecordJson.ToJsonLine(record));
                }
            }
        }

        tally.Print(run.Intake);
        return (run.Intake.Rejected > 0 || tally.Failed > 0 ? PminerCommandLine.InputsFailed : PminerCommandLine.Ok, run);
    }
}
