using System.CommandLine;
using PartnershipMiner.Cli.Commands;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli;

/// <summary>The verbs of pminer, and the exit-code convention: 0 ok, 1 some inputs failed, 2 usage error.</summary>
internal static class PminerCommandLine
{
    public const int Ok = 0;
    public const int InputsFailed = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;

    /// <summary>How long a verb may take to stop after Ctrl-C or SIGTERM before the process exits anyway.</summary>
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(5);

    public static RootCommand Build()
    {
        var root = new RootCommand("pminer: who declared which partnership with whom, when, and whether anything concrete stands behind it.");
        root.Subcommands.Add(MineCommand.Create());
        root.Subcommands.Add(CrawlCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ReviewCommand.Create());
        root.Subcommands.Add(EnqueueCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        foreach (var verb in ClassifierCommands.Create())
        {
            root.Subcommands.Add(verb);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"pminer: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'pminer --help' for usage.");
            return UsageError;
        }

        // Exceptions come here rather than to System.CommandLine's handler, so that a usage error is exit code 2.
        // Ctrl-C and SIGTERM cancel the verb's token; a verb that has not ended 5 s later exits 130 (143) anyway. Without a
        // timeout System.CommandLine (2.0) registers no handler at all, and the signal killed the process outright.
        // The worker's and the review UI's hosts handle both signals themselves and stop cleanly with 0.
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = CancellationGrace };
        if (parse.CommandResult.Command.Name is WorkerCommand.Name or ReviewCommand.Name)
        {
            invocation.ProcessTerminationTimeout = null;
        }

        try
        {
            return await parse.InvokeAsync(invocation);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"pminer: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("pminer: cancelled");
            return Cancelled;
        }
        catch (Exception e) when (e is StoreUnavailableException or IOException or UnauthorizedAccessException)
        {
            // The store or the disk refused (locked, read-only, full): say which and why; what was committed stays committed.
            await Console.Error.WriteLineAsync($"pminer: {e.Message}");
            return InputsFailed;
        }
        catch (Exception e)
        {
            // A bug: the user gets its kind and message, not a stack trace; committed work stays committed.
            await Console.Error.WriteLineAsync($"pminer: unexpected {e.GetType().Name}: {e.Message}");
            return InputsFailed;
        }
    }
}
