using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnershipMiner.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPartnershipStore"/> as a singleton chosen by "Store:Database" (see
    /// <see cref="PartnershipStoreFactory.Open"/>), validated when the host starts. <paramref name="configure"/> runs
    /// after the configuration is read, for hosts that set the value in code (a command-line option, a test).
    /// </summary>
    public static IServiceCollection AddPartnershipStore(
        this IServiceCollection services, IConfiguration configuration, Action<StoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Read by key rather than through the configuration binder: one string needs no extra package.
        services.AddOptions<StoreOptions>()
            .Configure(options =>
            {
                options.Database = configuration[$"{StoreOptions.Section}:{nameof(StoreOptions.Database)}"] ?? options.Database;
                var busyKey = $"{StoreOptions.Section}:{nameof(StoreOptions.BusyTimeoutSeconds)}";
                if (configuration[busyKey] is { Length: > 0 } busy)
                {
                    // A value that is not a whole number is left out of range, so that the validation reports it.
                    options.BusyTimeoutSeconds = int.TryParse(busy, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
                }

                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPartnershipStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
            return PartnershipStoreFactory.Open(
                options.Database,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILoggerFactory>(),
                TimeSpan.FromSeconds(options.BusyTimeoutSeconds));
        });
        return services;
    }
}
