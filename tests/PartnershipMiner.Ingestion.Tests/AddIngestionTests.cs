using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnershipMiner.Ingestion.Tests;

public sealed class AddIngestionTests
{
    [Fact]
    public void LimitsComeFromAConfigurationSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ingestion:MaxDocumentBytes"] = "1048576",
                ["Ingestion:MaxArchiveDepth"] = "2",
            })
            .Build();
        using var provider = new ServiceCollection().AddIngestion(configuration.GetSection("Ingestion")).BuildServiceProvider();

        var limits = provider.GetRequiredService<IngestionLimits>();

        Assert.Equal(IngestionLimits.Default with { MaxDocumentBytes = 1_048_576, MaxArchiveDepth = 2 }, limits);
        Assert.Same(limits, provider.GetRequiredService<IOptions<IngestionLimits>>().Value);
    }

    [Fact]
    public void LimitsComeFromCode()
    {
        using var provider = new ServiceCollection().AddIngestion(l => l with { MaxExpansionRatio = 50 }).BuildServiceProvider();

        Assert.Equal(50, provider.GetRequiredService<IngestionLimits>().MaxExpansionRatio);
    }

    [Fact]
    public void InvalidLimitsFailValidation()
    {
        using var provider = new ServiceCollection().AddIngestion(l => l with { MaxArchiveDepth = 0, MaxExpansionRatio = 0 }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IngestionLimits>);
        Assert.Equal(["Ingestion:MaxExpansionRatio: must be at least 1", "Ingestion:MaxArchiveDepth: must be between 1 and 16"], error.Failures);
    }

    [Fact]
    public void UnparsableConfigurationValueFailsValidation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MaxArchiveEntries"] = "lots" })
            .Build();
        using var provider = new ServiceCollection().AddIngestion(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IngestionLimits>);
        Assert.Equal(["Ingestion:MaxArchiveEntries: 'lots' is not a whole number in range"], error.Failures);
    }
}
