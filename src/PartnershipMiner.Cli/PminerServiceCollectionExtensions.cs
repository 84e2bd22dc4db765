using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Core.Pipeline;
using PartnershipMiner.Ingestion;
using PartnershipMiner.Ingestion.Crawling;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli;

public static class PminerServiceCollectionExtensions
{
    /// <summary>
    /// The whole pipeline: models (loaded once), ingestion limits, the crawler, the store and the queue processing, each bound to its
    /// configuration section and validated when the host starts.
    /// </summary>
    public static IServiceCollection AddPartnershipMiner(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddPartnershipStore(configuration);
        services.AddIngestion(configuration.GetSection("Ingestion"));
        services.AddOptions<CrawlOptions>().Bind(configuration.GetSection(CrawlOptions.Section));
        services.AddOptions<ProcessingOptions>()
            .Bind(configuration.GetSection(ProcessingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ProcessingOptions>>(new AnnotatedOptionsValidation<ProcessingOptions>(ProcessingOptions.Section));
        services.AddOptions<ExtractionOptions>()
            .Bind(configuration.GetSection(ExtractionOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ExtractionOptions>>(new AnnotatedOptionsValidation<ExtractionOptions>(ExtractionOptions.Section));
        services.AddSingleton(_ => ModelCatalog.Locate(configuration["Models:Directory"]));
        services.AddSingleton(provider =>
        {
            var catalog = provider.GetRequiredService<ModelCatalog>();
            var extraction = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExtractionOptions>>().Value;
            return new PartnershipExtractor(catalog.LoadGazetteer(), catalog.LoadTaxonomy(), catalog.LoadClassifier(), extraction.MaxSentenceCharacters);
        });
        services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProcessingOptions>>().Value);
        services.AddSingleton<QueueProcessor>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<MinePipeline>();
        return services;
    }
}
