using System.CommandLine;
using PartnershipMiner.Cli.Commands;

var root = new RootCommand("pminer");
foreach (var c in ClassifierCommands.Create())
{
    root.Subcommands.Add(c);
}

return await root.Parse(args).InvokeAsync();
