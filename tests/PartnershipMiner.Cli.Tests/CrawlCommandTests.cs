using System.Text.Json;
using PartnershipMiner.Cli.Tests.Support;
using PartnershipMiner.Ingestion.Tests.Crawling;

namespace PartnershipMiner.Cli.Tests;

/// <summary><c>pminer crawl</c> as a process against the fake ministry site on 127.0.0.1.</summary>
public sealed class CrawlCommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("pminer-crawl-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    /// <summary>Test-sized fetch limits: 2 s an attempt, two retries 50 ms apart, a 64 KB page limit.</summary>
    internal static Dictionary<string, string> QuickFetch() => new(StringComparer.Ordinal)
    {
        ["PMINER__Crawl__Fetch__AttemptTimeoutSeconds"] = "2",
        ["PMINER__Crawl__Fetch__TotalTimeoutSeconds"] = "30",
        ["PMINER__Crawl__Fetch__MaxRetries"] = "2",
        ["PMINER__Crawl__Fetch__RetryDelaySeconds"] = "0.05",
        ["PMINER__Crawl__Fetch__MaxRetryDelaySeconds"] = "2",
        ["PMINER__Crawl__Fetch__MaxPageBytes"] = "65536",
    };

    [Fact]
    public async Task Crawling_the_site_stores_its_partnerships_and_a_second_crawl_adds_none()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        var db = Path.Combine(work, "crawl.db");
        var store = new StoreFile(db);

        await using var first = await CrawlAsync(site, db, "first.jsonl");
        Assert.True(first.ExitCode == PminerCommandLine.InputsFailed, first.LastErrors());
        var records = File.ReadLines(Path.Combine(work, "first.jsonl")).Select(Record).ToHashSet();
        string Page(string path) => site.Origin + path;
        Assert.Superset(
            new HashSet<string>
            {
                $"{Page("/press/2025-03-10-indonesia.html")} IDN-VNM comprehensive strategic partnership upgraded 2025",
                $"{Page("/press/2025-04-02-brazil.html")} BRA-NGA strategic partnership established 2025",
                $"{Page("/press/flaky.html")} EGY-GRC comprehensive strategic partnership established 2025",
                $"{Page("/press/busy.html")} CAN-MEX comprehensive strategic partnership established 2024",
                $"{Page("/press/2025-05-20-kenya.html")} JPN-KEN strategic partnership established 2025",
                $"{Page("/private/press-kit.html")} MAR-SEN strategic partnership established 2025",
            },
            records);
        Assert.All(records, r => Assert.DoesNotContain("memo", r, StringComparison.Ordinal));
        Assert.Contains("5 rejected", first.Output, StringComparison.Ordinal);
        Assert.Contains("slow.html: timed out", first.Errors, StringComparison.Ordinal);
        Assert.Contains("missing.html: HTTP 404 Not Found", first.Errors, StringComparison.Ordinal);
        var ids = await store.RecordIdsAsync();
        var documents = await store.DocumentsAsync();

        await using var second = await CrawlAsync(site, db, "second.jsonl");
        Assert.True(second.ExitCode == PminerCommandLine.InputsFailed, second.LastErrors());
        Assert.Contains("(0 new,", second.Output, StringComparison.Ordinal);
        Assert.Equal(ids, await store.RecordIdsAsync());
        Assert.Equal(documents, await store.DocumentsAsync());
        Assert.Equal(records, File.ReadLines(Path.Combine(work, "second.jsonl")).Select(Record).ToHashSet());
    }

    [Theory]
    [InlineData("ftp://ministry.example/", "", "'ftp://ministry.example/' is not an absolute http or https URL")]
    [InlineData("http://127.0.0.1:1/", "--max-pages=0", "Crawl:MaxPages = '0'")]
    [InlineData("http://127.0.0.1:1/", "--allow=partners/", "'partners/' is not an absolute http or https URL")]
    public async Task A_bad_url_or_limit_is_a_usage_error_before_anything_is_fetched_or_stored(string url, string option, string message)
    {
        var db = Path.Combine(work, "bad.db");
        string[] arguments = option.Length == 0 ? ["crawl", url, "--db", db] : ["crawl", url, option, "--db", db];
        await using var crawl = await PminerProcess.RunAsync(work, QuickFetch(), Poll.Generous, arguments);
        Assert.Equal(PminerCommandLine.UsageError, crawl.ExitCode);
        Assert.Contains(message, crawl.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task A_crawl_asked_to_stop_ends_promptly_with_the_interrupted_exit_code()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        var db = Path.Combine(work, "stopped.db");
        await using var crawl = PminerProcess.Start(work, QuickFetch(), "crawl", site.Origin + "/", "--max-depth", "2", "--delay", "3000", "--db", db);

        // Between two pages three seconds apart: the crawler is waiting its turn when the signal comes.
        await Poll.UntilAsync(() => site.Hits("/") == 1, Poll.Generous, () => crawl.LastErrors());
        crawl.Stop();

        Assert.Equal(PminerCommandLine.Cancelled, await crawl.WaitForExitAsync(Poll.Generous));
        Assert.Contains("pminer: cancelled", crawl.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", crawl.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_found_only_through_the_sitemap_robots_txt_names_are_mined_unless_sitemaps_are_turned_off()
    {
        await using var site = await FakeMinistrySite.StartAsync(crawlDelaySeconds: 0);
        site.SetPage("/start.html", "<html><body><p>Press releases are listed in the sitemap.</p></body></html>");
        site.SetPage("/press/2025-06-30-chile.html", FakeMinistrySite.PressRelease(
            "Viet Nam and Chile establish a comprehensive partnership", "SANTIAGO, June 30, 2025",
            "Viet Nam and Chile established a comprehensive partnership and agreed to double trade in farm products by 2030."));
        site.SetFile("/sitemap.xml", "application/xml", System.Text.Encoding.UTF8.GetBytes(
            $"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>{site.Origin}/press/2025-06-30-chile.html</loc></url></urlset>"));
        site.RobotsExtraLines.Add("Sitemap: /sitemap.xml");
        string[] crawl = ["crawl", site.Origin + "/start.html", "--max-depth", "1", "--delay", "0"];

        await using var off = await PminerProcess.RunAsync(work, QuickFetch(), Poll.Generous, [.. crawl, "--no-sitemaps", "--db", Path.Combine(work, "off.db"), "--out", Path.Combine(work, "off.jsonl")]);
        Assert.True(off.ExitCode == 0, off.LastErrors());
        Assert.Empty(File.ReadLines(Path.Combine(work, "off.jsonl")));
        Assert.Equal(0, site.Hits("/sitemap.xml"));

        await using var on = await PminerProcess.RunAsync(work, QuickFetch(), Poll.Generous, [.. crawl, "--db", Path.Combine(work, "on.db"), "--out", Path.Combine(work, "on.jsonl")]);
        Assert.True(on.ExitCode == 0, on.LastErrors());
        Assert.Equal(
            [$"{site.Origin}/press/2025-06-30-chile.html CHL-VNM comprehensive partnership established 2025"],
            File.ReadLines(Path.Combine(work, "on.jsonl")).Select(Record));
    }

    private async Task<PminerProcess> CrawlAsync(FakeMinistrySite site, string db, string output) =>
        await PminerProcess.RunAsync(
            work, QuickFetch(), Poll.Generous, "crawl", site.Origin + "/", "--max-depth", "2", "--delay", "0", "--db", db, "--out", Path.Combine(work, output));

    /// <summary>"document PARTY-PARTY tier event year" of a JSON-lines record.</summary>
    private static string Record(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var parties = string.Join('-', root.GetProperty("parties").EnumerateArray().Select(p => p.GetString()));
        var year = root.GetProperty("year").ValueKind == JsonValueKind.Null ? "-" : root.GetProperty("year").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{root.GetProperty("document").GetString()} {parties} {root.GetProperty("tier").GetString()} {root.GetProperty("event").GetString()} {year}";
    }
}
