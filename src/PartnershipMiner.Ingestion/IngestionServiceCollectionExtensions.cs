using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IngestionLimits"/> (as itself and as <see cref="IOptions{TOptions}"/>), read from a
    /// configuration section whose keys are the property names, e.g. <c>"MaxDocumentBytes": 1048576</c>. Missing keys
    /// keep their defaults. Invalid limits fail at first use, or at start-up under a host.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddIngestion(limits => Bind(limits, section));
    }

    /// <summary>
    /// Registers <see cref="IngestionLimits"/> with validation, and the crawler (<see cref="SiteCrawler"/> over
    /// <see cref="HttpPageFetcher"/>) with its <see cref="CrawlOptions"/> validated at start; a host binds those from
    /// its "Crawl" section (<c>AddOptions&lt;CrawlOptions&gt;().Bind(...)</c>). The limits are immutable, so
    /// <paramref name="configure"/> returns a changed copy: <c>l =&gt; l with { MaxArchiveDepth = 2 }</c>.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, Func<IngestionLimits, IngestionLimits>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.AddSingleton(new IngestionLimitsSetup(configure));
        }

        services.AddOptions<IngestionLimits>().ValidateOnStart();
        services.TryAddSingleton<IOptionsFactory<IngestionLimits>, IngestionLimitsFactory>();
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<IngestionLimits>>().Value);
        AddCrawler(services);
        return services;
    }

    /// <summary>The crawler and the network behind it; one fetcher and one politeness schedule per process.</summary>
    private static void AddCrawler(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CrawlOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrawlOptions>, CrawlOptionsValidation>());
        services.TryAddSingleton<IPageFetcher>(provider => new HttpPageFetcher(
            provider.GetRequiredService<IOptions<CrawlOptions>>().Value.Fetch,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<HttpPageFetcher>>()));
        services.TryAddSingleton<HostPoliteness>();
        services.TryAddSingleton<SiteCrawler>();
    }

    private static IngestionLimits Bind(IngestionLimits limits, IConfiguration section)
    {
        var failures = new List<string>();
        limits = limits with
        {
            MaxDocumentBytes = Read(section, nameof(IngestionLimits.MaxDocumentBytes), limits.MaxDocumentBytes, failures),
            MaxArchiveExpandedBytes = Read(section, nameof(IngestionLimits.MaxArchiveExpandedBytes), limits.MaxArchiveExpandedBytes, failures),
            MaxExpansionRatio = (int)Read(section, nameof(IngestionLimits.MaxExpansionRatio), limits.MaxExpansionRatio, failures),
            MaxArchiveEntries = (int)Read(section, nameof(IngestionLimits.MaxArchiveEntries), limits.MaxArchiveEntries, failures),
            MaxArchiveDepth = (int)Read(section, nameof(IngestionLimits.MaxArchiveDepth), limits.MaxArchiveDepth, failures),
            MaxHtmlDepth = (int)Read(section, nameof(IngestionLimits.MaxHtmlDepth), limits.MaxHtmlDepth, failures),
        };

        return failures.Count == 0
            ? limits
            : throw new OptionsValidationException(Options.DefaultName, typeof(IngestionLimits), failures);
    }

    private static long Read(IConfiguration section, string key, long fallback, List<string> failures)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var max = key is nameof(IngestionLimits.MaxDocumentBytes) or nameof(IngestionLimits.MaxArchiveExpandedBytes) ? long.MaxValue : int.MaxValue;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value <= max)
        {
            return value;
        }

        failures.Add($"Ingestion:{key}: '{text}' is not a whole number in range");
        return fallback;
    }
}

/// <summary>One registered change to the default limits, applied in registration order.</summary>
internal sealed record IngestionLimitsSetup(Func<IngestionLimits, IngestionLimits> Apply);

/// <summary>
/// Builds the immutable limits for the options system (which would otherwise mutate a fresh instance) and validates
/// them, so that <see cref="IOptions{TOptions}"/> and start-up validation behave as for any options type.
/// </summary>
internal sealed class IngestionLimitsFactory(IEnumerable<IngestionLimitsSetup> setups) : IOptionsFactory<IngestionLimits>
{
    public IngestionLimits Create(string name)
    {
        var limits = setups.Aggregate(IngestionLimits.Default, (current, setup) => setup.Apply(current));
        var failures = limits.Validate();
        return failures.Count == 0 ? limits : throw new OptionsValidationException(name, typeof(IngestionLimits), failures);
    }
}
