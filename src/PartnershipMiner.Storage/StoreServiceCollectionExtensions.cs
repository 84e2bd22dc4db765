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
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPartnershipStore>(provider => PartnershipStoreFactory.Open(
            provider.GetRequiredService<IOptions<StoreOptions>>().Value.Database,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
