using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnershipMiner.Core.Spotting;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Tests;

/// <summary>
/// The review web app as a host composes it (AddPartnershipStore, AddReviewWeb, MapReviewWeb) on a real Kestrel
/// server at 127.0.0.1 on a port the system picks, over a real SQLite file in a folder of its own.
/// </summary>
internal sealed class ReviewSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private ReviewSite(WebApplication app, string folder)
    {
        this.app = app;
        Folder = folder;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public Uri BaseAddress { get; }

    public string Folder { get; }

    /// <summary>The store the site reads and writes, for seeding and for checking what a request stored.</summary>
    public IPartnershipStore Store => app.Services.GetRequiredService<IPartnershipStore>();

    public static async Task<ReviewSite> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pm-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = folder,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Database"] = Path.Combine(folder, "review.db") });
        builder.Services.AddPartnershipStore(builder.Configuration);
        builder.Services.AddSingleton(ModelVocabulary.Instance);
        builder.Services.AddReviewWeb();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapReviewWeb();
        await app.StartAsync();
        return new ReviewSite(app, folder);
    }

    public ReviewClient Client() => new(BaseAddress);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The vocabulary from the project's own models (party names, tiers), read once.</summary>
internal static class ModelVocabulary
{
    private static readonly Lazy<ReviewVocabulary> Loaded = new(Load);

    public static ReviewVocabulary Instance => Loaded.Value;

    public static string ModelsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, "taxonomy.v1.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no models folder with taxonomy.v1.json above " + AppContext.BaseDirectory);
    }

    private static ReviewVocabulary Load()
    {
        var folder = ModelsFolder();
        return ReviewVocabulary.From(
            Gazetteer.Parse(File.ReadAllText(Path.Combine(folder, "gazetteer.v1.json"))),
            TierTaxonomy.Parse(File.ReadAllText(Path.Combine(folder, "taxonomy.v1.json"))));
    }
}
