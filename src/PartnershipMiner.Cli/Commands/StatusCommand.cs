using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Commands;

/// <summary><c>pminer status</c>: the queue by state, records by review status, the last errors and recent throughput.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var database = CommonOptions.Database();
        var command = new Command("status", "Show the queue, the records and the last errors of a store.") { database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = PminerHost.BuildValidated(PminerHost.CreateBuilder(CommonOptions.Overrides(parse, database), verbose: false));
            var store = host.Services.GetRequiredService<IPartnershipStore>();
            var time = host.Services.GetRequiredService<TimeProvider>();
            var status = await store.GetStatusAsync(cancellationToken);
            Console.WriteLine("documents: " + string.Join(", ", Enum.GetValues<DocumentState>().Select(s => $"{s.ToString().ToLowerInvariant()} {status.Documents.GetValueOrDefault(s)}")));
            Console.WriteLine("records:   " + string.Join(", ", Enum.GetValues<PartnershipMiner.Core.Domain.ReviewStatus>().Select(s => $"{s.ToString().ToLowerInvariant()} {status.Records.GetValueOrDefault(s)}")));
            Console.WriteLine($"done in the last hour: {status.DoneLastHour}");
            Console.WriteLine(status.OldestWaiting is { } oldest
                ? $"oldest waiting: {oldest.ToString("u", CultureInfo.InvariantCulture)} ({(time.GetUtcNow() - oldest).TotalMinutes:0} min ago)"
                : "oldest waiting: none");
            foreach (var error in status.RecentErrors)
            {
                Console.WriteLine($"error {error.At.ToString("u", CultureInfo.InvariantCulture)} document {error.DocumentId} {error.Source}: {error.Error}");
            }

            return PminerCommandLine.Ok;
        });
        return command;
    }
}
