using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

/// <summary>
/// The crawler as a host builds it (<see cref="IngestionServiceCollectionExtensions.AddIngestion(IServiceCollection, Func{IngestionLimits, IngestionLimits}?)"/>,
/// settings bound from a "Crawl" section), with test-sized limits: 2 s an attempt (a cold first request on a loaded
/// machine can take a good part of a second), two retries 50 ms apart (median), a 64 KB page limit.
/// </summary>
internal sealed class CrawlerUnderTest : IDisposable
{
    private readonly ServiceProvider services;

    public CrawlerUnderTest(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Crawl:MaxDepth"] = "2",
            ["Crawl:DelayMilliseconds"] = "50",
            ["Crawl:Fetch:MaxPageBytes"] = (64 * 1024).ToString(CultureInfo.InvariantCulture),
            ["Crawl:Fetch:AttemptTimeoutSeconds"] = "2",
            ["Crawl:Fetch:TotalTimeoutSeconds"] = "30",
            ["Crawl:Fetch:MaxRetries"] = "2",
            ["Crawl:Fetch:RetryDelaySeconds"] = "0.05",
            ["Crawl:Fetch:MaxRetryDelaySeconds"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection().AddLogging(logging => logging.AddProvider(Log));
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        collection.AddIngestion();
        collection.AddOptions<CrawlOptions>().Bind(configuration.GetSection(CrawlOptions.Section));
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public SiteCrawler Crawler => services.GetRequiredService<SiteCrawler>();

    public CrawlOptions Options => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CrawlOptions>>().Value;

    public CapturedLog Log { get; } = new();

    /// <summary>Crawls from the seeds (and allowed prefixes) and returns every item, in order.</summary>
    public async Task<List<SourceItem>> CrawlAsync(IEnumerable<string> seeds, IEnumerable<string>? allowedPrefixes = null)
    {
        Assert.True(CrawlPlan.TryCreate(seeds, allowedPrefixes ?? [], out var plan, out var failures), string.Join("; ", failures));
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Crawler.Crawl(plan).ReadAsync(limit.Token).ToListAsync(limit.Token);
    }

    public void Dispose() => services.Dispose();
}

/// <summary>Log lines kept in memory, "Category: message".</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category[(category.LastIndexOf('.') + 1)..]}: {formatter(state, exception)}");
    }
}
