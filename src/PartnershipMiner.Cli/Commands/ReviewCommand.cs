using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnershipMiner.Storage;
using PartnershipMiner.Web;

namespace PartnershipMiner.Cli.Commands;

/// <summary>
/// <c>pminer review</c>: serves the review UI on Kestrel until Ctrl+C. It has no authentication, so it listens on
/// loopback addresses only and refuses any other URL as a usage error.
/// </summary>
internal static class ReviewCommand
{
    public const string Name = "review";

    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var database = CommonOptions.Database();
        var models = CommonOptions.Models();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen: http URLs on 127.0.0.1, [::1] or localhost, separated by ';'.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var command = new Command(Name, "Serve the review UI (approve, reject, correct records) on a loopback address.") { database, models, urls };
        command.SetAction((parse, cancellationToken) => RunAsync(
            CommonOptions.Overrides(parse, database, models), parse.GetValue(urls) ?? DefaultUrls, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires or the host is told to stop.</summary>
    internal static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> overrides, string urls, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!LoopbackEndpoints.TryParse(urls, out var endpoints, out var problem))
        {
            await error.WriteLineAsync($"pminer: review --urls: {problem}");
            return PminerCommandLine.UsageError;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environments.Production,
        });
        PminerHost.Compose(builder, overrides, verbose: false);

        // Kestrel endpoints in appsettings.json or PMINER__/ASPNETCORE_ variables would be bound besides --urls.
        var configured = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? e.Path);
        if (configured.FirstOrDefault(url => !LoopbackEndpoints.IsLoopback(url)) is { } exposed)
        {
            await error.WriteLineAsync($"pminer: review: the settings ask Kestrel to listen on {exposed}, which is not a loopback address; remove that endpoint");
            return PminerCommandLine.UsageError;
        }

        builder.Services.AddSingleton(provider =>
        {
            var catalog = provider.GetRequiredService<ModelCatalog>();
            return ReviewVocabulary.From(catalog.LoadGazetteer(), catalog.LoadTaxonomy());
        });
        builder.Services.AddReviewWeb();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(endpoint);
            }
        });

        await using var app = PminerHost.Validated(builder.Build);

        // Fail now, not at the first page: the models must load and the store must open.
        app.Services.GetRequiredService<ReviewVocabulary>();
        try
        {
            await app.Services.GetRequiredService<IPartnershipStore>().InitializeAsync(cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            throw new UsageException(e.Message);
        }

        app.MapReviewWeb();
        await app.StartAsync(cancellationToken);

        // A backstop for anything else that adds an address: never stay up on one that is not loopback.
        if (app.Urls.FirstOrDefault(url => !LoopbackEndpoints.IsLoopback(url)) is { } bound)
        {
            await app.StopAsync(CancellationToken.None);
            await error.WriteLineAsync($"pminer: review: the server listened on {bound}, which is not a loopback address; stopped");
            return PminerCommandLine.UsageError;
        }

        await output.WriteLineAsync($"Review UI at {string.Join(", ", app.Urls)} (loopback only, no authentication). Ctrl+C stops it.");
        await app.WaitForShutdownAsync(cancellationToken);
        return PminerCommandLine.Ok;
    }
}
