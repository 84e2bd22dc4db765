using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PartnershipMiner.Ingestion.Crawling;

namespace PartnershipMiner.Cli.Commands;

/// <summary>
/// <c>pminer crawl URL...</c>: crawls the seeds' sites breadth-first and mines the pages as <c>mine</c> mines files
/// (same pipeline, store, summary and exit codes). Pages are documents keyed by their text's hash, so a second crawl
/// of unchanged pages adds nothing.
/// </summary>
internal static class CrawlCommand
{
    public static Command Create()
    {
        var urls = new Argument<string[]>("urls") { Description = "Pages to start from (http or https); their hosts are crawled.", Arity = ArgumentArity.OneOrMore };
        var maxPages = new Option<int?>("--max-pages") { Description = "Pages to request at most (default 1000; config Crawl:MaxPages)." };
        var maxDepth = new Option<int?>("--max-depth") { Description = "Links to follow from a seed; 0 fetches the seeds only (default 3; config Crawl:MaxDepth)." };
        var delay = new Option<int?>("--delay") { Description = "Milliseconds between requests to one host; a larger robots.txt Crawl-delay wins (default 1000; config Crawl:DelayMilliseconds)." };
        var noSitemaps = new Option<bool>("--no-sitemaps") { Description = "Do not read the sitemaps robots.txt names; find pages by links only (config Crawl:UseSitemaps)." };
        var allow = new Option<string[]>("--allow") { Description = "Also crawl URLs that start with this prefix (repeatable)." };
        var output = new Option<string?>("--out") { Description = "Also write the records of the crawled pages as JSON lines to this file." };
        var database = CommonOptions.Database();
        var models = CommonOptions.Models();
        var verbose = CommonOptions.Verbose();
        var command = new Command("crawl", "Crawl web sites politely and extract partnership records from their pages into the store.")
        {
            urls, maxPages, maxDepth, delay, noSitemaps, allow, output, database, models, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!CrawlPlan.TryCreate(parse.GetValue(urls)!, parse.GetValue(allow) ?? [], out var plan, out var failures))
            {
                throw new UsageException(string.Join("; ", failures));
            }

            var overrides = CommonOptions.Overrides(parse, database, models);
            overrides[$"{CrawlOptions.Section}:{nameof(CrawlOptions.MaxPages)}"] = Text(parse.GetValue(maxPages));
            overrides[$"{CrawlOptions.Section}:{nameof(CrawlOptions.MaxDepth)}"] = Text(parse.GetValue(maxDepth));
            overrides[$"{CrawlOptions.Section}:{nameof(CrawlOptions.DelayMilliseconds)}"] = Text(parse.GetValue(delay));
            if (parse.GetValue(noSitemaps))
            {
                overrides[$"{CrawlOptions.Section}:{nameof(CrawlOptions.UseSitemaps)}"] = "false";
            }

            var (exit, _) = await MineCommand.MineAsync(
                services => services.GetRequiredService<SiteCrawler>().Crawl(plan), parse.GetValue(output), overrides, parse.GetValue(verbose), cancellationToken);
            return exit;
        });
        return command;
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
