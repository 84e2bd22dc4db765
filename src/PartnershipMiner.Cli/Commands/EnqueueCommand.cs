using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Ingestion;

namespace PartnershipMiner.Cli.Commands;

/// <summary><c>pminer enqueue PATH...</c>: queues documents in the store for a worker, without processing them.</summary>
internal static class EnqueueCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders (recursive) and archives: .txt, .md, .html, .htm, .zip, .tar.gz, .jsonl.", Arity = ArgumentArity.OneOrMore };
        var database = CommonOptions.Database();
        var verbose = CommonOptions.Verbose();
        var command = new Command("enqueue", "Queue documents in the store for 'pminer worker'; the files stay where they are.") { paths, database, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var inputs = parse.GetValue(paths)!;
            CommonOptions.RequireExisting(inputs);
            using var host = PminerHost.BuildValidated(PminerHost.CreateBuilder(CommonOptions.Overrides(parse, database), parse.GetValue(verbose)));
            var limits = host.Services.GetRequiredService<IngestionLimits>();
            var totals = await host.Services.GetRequiredService<DocumentIntake>().EnqueueAsync(new FileTreeSource(inputs, limits), null, null, cancellationToken);
            Console.WriteLine($"queued {totals.Queued} new documents ({totals.AlreadyKnown} already stored), {totals.Rejected} rejected, {totals.Skipped} skipped");
            return totals.Rejected > 0 ? PminerCommandLine.InputsFailed : PminerCommandLine.Ok;
        });
        return command;
    }
}
