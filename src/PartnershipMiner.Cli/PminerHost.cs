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
        Compose(builder, overrides, verbose);
        return builder;
    }

    /// <summary>
    /// The settings, logging and services every pminer host has, on any host builder (the generic host of the batch
    /// verbs, the web application of <c>review</c>).
    /// </summary>
    public static void Compose(IHostApplicationBuilder builder, IReadOnlyDictionary<string, string?> overrides, bool verbose)
    {
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
    }

    /// <summary>Builds the host and validates every option now, so a verb fails before it touches any input.</summary>
    public static IHost BuildValidated(HostApplicationBuilder builder) => Validated(builder.Build);

    /// <summary>
    /// Builds a host (the generic host, or the web application of <c>review</c>) and validates every option of it now;
    /// an invalid setting disposes it and is a usage error naming the key.
    /// </summary>
    public static THost Validated<THost>(Func<THost> build)
        where THost : class, IHost
    {
        THost? host = null;
        try
        {
            // Building resolves the host's own options, which may already read ours (the worker's shutdown timeout).
            host = build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            return host;
        }
        catch (OptionsValidationException e)
        {
            host?.Dispose();
            throw new UsageException("invalid settings: " + string.Join("; ", e.Failures));
        }
        catch (InvalidOperationException e)
        {
            // The configuration binder's "Failed to convert configuration value '...' at 'Section:Key' to type ...".
            host?.Dispose();
            throw new UsageException("invalid settings: " + e.Message);
        }
    }
}
