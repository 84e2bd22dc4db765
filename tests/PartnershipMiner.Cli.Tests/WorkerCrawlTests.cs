using PartnershipMiner.Cli.Tests.Support;
using PartnershipMiner.Ingestion.Tests.Crawling;

namespace PartnershipMiner.Cli.Tests;

/// <summary>The worker's scheduled crawl, as a process, against the fake ministry site on 127.0.0.1.</summary>
public sealed class WorkerCrawlTests
{
    private const string LatestWithIndonesia = """
        <html><body><ul><li><a href="/press/2025-03-10-indonesia.html">Viet Nam and Indonesia</a></li></ul></body></html>
        """;

    private const string LatestWithBrazil = """
        <html><body><ul>
        <li><a href="/press/2025-04-02-brazil.html">Brazil and Nigeria</a></li>
        <li><a href="/press/2025-03-10-indonesia.html">Viet Nam and Indonesia</a></li>
        </ul></body></html>
        """;

    [Fact]
    public async Task A_page_added_to_the_site_between_two_scheduled_crawls_is_queued_and_mined_once()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        site.SetPage("/latest.html", LatestWithIndonesia);
        using var sandbox = new WorkerSandbox();
        foreach (var (key, value) in CrawlCommandTests.QuickFetch())
        {
            sandbox.Settings[key] = value;
        }

        sandbox.Settings["PMINER__Crawl__Seeds__0"] = site.Origin + "/latest.html";
        sandbox.Settings["PMINER__Crawl__Interval"] = "00:00:01";
        sandbox.Settings["PMINER__Crawl__MaxDepth"] = "1";
        sandbox.Settings["PMINER__Crawl__DelayMilliseconds"] = "0";
        await using var worker = PminerProcess.Start(sandbox.Root, sandbox.Settings, "worker", "--db", sandbox.Database);

        var indonesia = $"SELECT COUNT(*) FROM records WHERE document = '{site.Origin}/press/2025-03-10-indonesia.html' AND parties LIKE '%IDN%VNM%'";
        await Poll.UntilAsync(async () => await sandbox.Store.HasSchemaAsync() && await sandbox.Store.CountAsync(indonesia) == 1, Poll.Generous, () => worker.LastErrors());
        var crawlsBefore = site.Hits("/latest.html");
        Assert.Equal(0, site.Hits("/press/2025-04-02-brazil.html"));

        site.SetPage("/latest.html", LatestWithBrazil);
        var brazil = $"SELECT COUNT(*) FROM records WHERE document = '{site.Origin}/press/2025-04-02-brazil.html' AND parties LIKE '%BRA%NGA%' AND tier = 'strategic partnership'";
        await Poll.UntilAsync(async () => await sandbox.Store.CountAsync(brazil) == 1, Poll.Generous, () => worker.LastErrors());

        // Every crawl fetched Indonesia again, and the store knew it by its content hash.
        Assert.True(site.Hits("/latest.html") > crawlsBefore);
        Assert.True(site.Hits("/press/2025-03-10-indonesia.html") >= 2);
        Assert.Equal(2, await sandbox.Store.DocumentsAsync());
        Assert.Contains("Scheduled crawl: 1 pages queued", worker.Errors, StringComparison.Ordinal);
        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
    }

    [Fact]
    public async Task Without_seeds_the_worker_does_not_crawl()
    {
        using var sandbox = new WorkerSandbox();
        await using var worker = PminerProcess.Start(sandbox.Root, sandbox.Settings, "worker", "--db", sandbox.Database);
        await Poll.UntilAsync(() => worker.Errors.Contains("scheduled crawling is off", StringComparison.Ordinal), Poll.Generous, () => worker.LastErrors());
        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
    }
}
