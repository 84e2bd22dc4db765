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
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
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
    public static IHost BuildValidated(HostApplicationBuilder builder) => Validated(builder.Build());

    /// <summary>Validates every option of a built host now; an invalid setting disposes it and is a usage error.</summary>
    public static THost Validated<THost>(THost host)
        where THost : IHost
    {
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
