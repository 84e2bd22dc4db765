using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnershipMiner.Cli.Worker;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Commands;

/// <summary>
/// <c>pminer worker</c>: runs until SIGTERM or Ctrl-C, working the store's queue and, with an inbox, queueing what
/// arrives there. Exits 0 after a requested stop, 1 when a worker loop died of an unexpected error, 2 for bad settings.
/// </summary>
internal static class WorkerCommand
{
    public const string Name = "worker";

    public static Command Create()
    {
        var inbox = new Option<string?>("--inbox")
        {
            Description = $"Watch this folder and queue what arrives (without a folder: {WorkerOptions.DefaultInbox}; config Worker:Inbox).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var archive = new Option<string?>("--archive") { Description = "Where taken inbox files go (default data/archive; config Worker:Archive)." };
        var quarantine = new Option<string?>("--quarantine") { Description = "Where unreadable inbox files go, with NAME.error.txt (default data/quarantine; config Worker:Quarantine)." };
        var database = CommonOptions.Database();
        var models = CommonOptions.Models();
        var verbose = CommonOptions.Verbose();
        var command = new Command(Name, "Run as a service: process the store's queue and watch an inbox until stopped.") { inbox, archive, quarantine, database, models, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = CommonOptions.Overrides(parse, database, models);
            overrides[$"{WorkerOptions.Section}:{nameof(WorkerOptions.Inbox)}"] = parse.GetResult(inbox) is null ? null : parse.GetValue(inbox) ?? WorkerOptions.DefaultInbox;
            overrides[$"{WorkerOptions.Section}:{nameof(WorkerOptions.Archive)}"] = parse.GetValue(archive);
            overrides[$"{WorkerOptions.Section}:{nameof(WorkerOptions.Quarantine)}"] = parse.GetValue(quarantine);
            return await RunAsync(overrides, parse.GetValue(verbose), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> overrides, bool verbose, CancellationToken cancellationToken)
    {
        // A stop request during start-up (loading models, migrating the store) is a clean stop too, not a kill.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        var builder = PminerHost.CreateBuilder(overrides, verbose);
        builder.Services.AddPartnershipWorker(builder.Configuration);
        using var host = PminerHost.BuildValidated(builder);
        var loops = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        try
        {
            // Load the models and open the store now: a missing model or an unreachable database stops start-up with its reason.
            host.Services.GetRequiredService<PartnershipExtractor>();
            await host.Services.GetRequiredService<IPartnershipStore>().InitializeAsync(stop.Token);
            await host.StartAsync(stop.Token);
            await host.WaitForShutdownAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return PminerCommandLine.Ok;
        }

        return loops.Any(loop => loop.ExecuteTask?.IsFaulted == true) ? PminerCommandLine.InputsFailed : PminerCommandLine.Ok;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
