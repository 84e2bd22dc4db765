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

    public static RootCommand Build()
    {
        var root = new RootCommand("pminer: who declared which partnership with whom, when, and whether anything concrete stands behind it.");
        root.Subcommands.Add(MineCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ReviewCommand.Create());
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

        try
        {
            // Our handler, not the library's: it would turn every exception into exit code 1.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"pminer: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("pminer: cancelled");
            return InputsFailed;
        }
        catch (Exception e) when (e is StoreUnavailableException or IOException or UnauthorizedAccessException)
        {
            // The store or the disk refused (locked, read-only, full): say which and why; what was committed stays committed.
            await Console.Error.WriteLineAsync($"pminer: {e.Message}");
            return InputsFailed;
        }
    }
}
