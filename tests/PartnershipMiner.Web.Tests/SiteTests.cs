using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Web.Tests;

/// <summary>Each test gets its own running site with the standard records, and a client with an empty cookie jar.</summary>
public abstract class SiteTests : IAsyncLifetime
{
    internal ReviewSite Site { get; private set; } = null!;

    internal ReviewClient Client { get; private set; } = null!;

    /// <summary>China–Russia, China–Pakistan, France–India, all pending.</summary>
    internal IReadOnlyList<PartnershipRecord> Records { get; private set; } = [];

    protected static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync()
    {
        Site = await ReviewSite.StartAsync();
        Records = await SeedRecords.StandardAsync(Site.Store);
        Client = Site.Client();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Site.DisposeAsync();
    }

    internal static string PathOf(PartnershipRecord record) => "/records/" + record.Id;
}
