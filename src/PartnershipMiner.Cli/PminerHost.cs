using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnershipMiner.Cli;

/// <summary>
/// Builds the generic host every verb runs in. Settings come, later winning, from appsettings.json, environment
/// variables PMINER__SECTION__KEY, and the verb's own options; a bad setting stops start-up naming its key.
/// </summary>
internal static class PminerHost
{
    public const string DefaultDatabase = "data/partnerships.db";

    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> overrides, bool verbose)
    {
        // Settings are read once, at start. The host's default would watch the working directory (recursively) for a
        // changed appsettings.json, and so wake at every write of a database kept under it.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["hostBuilder:reloadConfigOnChange"] = "false" });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            Configuration = configuration,
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Database"] = DefaultDatabase });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables("PMINER__");
        builder.Configuration.AddInMemoryCollection(overrides.Where(o => o.Value is not null));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });

        // Logs go to stderr: stdout carries data (classify, export).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddPartnershipMiner(builder.Configuration);
        return builder;
    }

    /// <summary>Builds the host and validates every option now, so a verb fails before it touches any input.</summary>
    public static IHost BuildValidated(HostApplicationBuilder builder)
    {
        var host = builder.Build();
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            host.Dispose();
            throw new UsageException("invalid settings: " + string.Join("; ", e.Failures));
        }

        return host;
    }
}
