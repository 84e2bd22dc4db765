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

    /// <summary>Stops a verb before it reads anything when a named input does not exist (a usage error, exit 2).</summary>
    public static void RequireExisting(IEnumerable<string> paths)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException("no such file or folder: " + string.Join(", ", missing));
        }
    }
}
