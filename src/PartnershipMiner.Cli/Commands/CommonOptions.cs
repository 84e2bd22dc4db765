using System.CommandLine;

namespace PartnershipMiner.Cli.Commands;

/// <summary>Options several verbs share, mapped onto configuration keys so that flags, appsettings.json and PMINER__ variables agree.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--db") { Description = $"SQLite file or PostgreSQL connection string (default {PminerHost.DefaultDatabase}; config Store:Database)." };

    public static Option<string?> Models() => new("--models") { Description = "Folder with the gazetteer, taxonomy and classifier model (config Models:Directory)." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Log every document." };

    public static Dictionary<string, string?> Overrides(ParseResult parse, Option<string?> database, Option<string?>? models = null) => new()
    {
        ["Store:Database"] = parse.GetValue(database),
        ["Models:Directory"] = models is null ? null : parse.GetValue(models),
    };
}
