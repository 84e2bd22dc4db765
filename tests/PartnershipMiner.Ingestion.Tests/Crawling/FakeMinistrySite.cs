using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnershipMiner.Ingestion.Tests.Crawling;

/// <summary>One request the site received: its Host header, path and query, and when (Stopwatch ticks).</summary>
internal sealed record SiteRequest(string Host, string PathAndQuery, long Timestamp);

/// <summary>
/// A foreign ministry's web site written for the crawler tests, served by Kestrel on 127.0.0.1 (port 0): an index with
/// press releases (with partnership sentences of our own), an archive two levels deep, a robots.txt with groups,
/// Disallow, Allow and Crawl-delay, and every kind of trouble: a page that fails twice with 503, a 429 with
/// Retry-After, a page slower than any timeout, a PDF link and a PDF without extension, a redirect chain and a
/// redirect loop, an oversized page, a binary page, a 404, an off-site link (to <c>localhost</c>, the same server under
/// another host name, so that a crawler that follows it still sends nothing off the machine), link cycles, fragments
/// and tracking-parameter duplicates. Every request is recorded; pages may be added while it runs.
/// </summary>
internal sealed class FakeMinistrySite : IAsyncDisposable
{
    public const int HugePageBytes = 200 * 1024;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Name, string[] Values)> headers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Body)> files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, string Location)> redirects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SiteRequest> requests = new();

    private FakeMinistrySite(WebApplication app, double crawlDelaySeconds)
    {
        this.app = app;
        CrawlDelaySeconds = crawlDelaySeconds;
    }

    public double CrawlDelaySeconds { get; }

    /// <summary>When set, robots.txt answers with this status and no body.</summary>
    public int? RobotsStatus { get; set; }

    /// <summary>The type robots.txt is served as; some servers send it as a download.</summary>
    public string RobotsContentType { get; set; } = "text/plain";

    /// <summary>Lines added at the end of robots.txt ("Sitemap: ..."); <c>{origin}</c> stands for <see cref="Origin"/>.</summary>
    public List<string> RobotsExtraLines { get; } = [];

    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>The same server under another host name: off-site for a crawl of <see cref="Origin"/>.</summary>
    public string OtherOrigin => $"http://localhost:{Port}";

    public IReadOnlyList<SiteRequest> Requests => [.. requests];

    public static async Task<FakeMinistrySite> StartAsync(double crawlDelaySeconds = 0.2)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new FakeMinistrySite(app, crawlDelaySeconds);
        site.AddStandardPages();
        app.Run(site.ServeAsync);
        await app.StartAsync();
        site.Port = new Uri(app.Urls.Single()).Port;
        return site;
    }

    /// <summary>Adds (or replaces) an HTML page; links in <paramref name="html"/> may use <c>{other}</c> for <see cref="OtherOrigin"/>.</summary>
    public void SetPage(string path, string html) => pages[path] = html;

    /// <summary>Answers requests for <paramref name="path"/> with a redirect.</summary>
    public void SetRedirect(string path, int status, string location) => redirects[path] = (status, location);

    /// <summary>Serves these bytes as they are, with this Content-Type, at <paramref name="path"/>.</summary>
    public void SetFile(string path, string contentType, byte[] body) => files[path] = (contentType, body);

    /// <summary>Sends a header (one line per value) with the page at <paramref name="path"/>.</summary>
    public void SetHeader(string path, string name, params string[] values) => headers[path] = (name, values);

    /// <summary>Requests to this path on any host, with any query.</summary>
    public int Hits(string path) => hits.GetValueOrDefault(path);

    /// <summary>Requests whose Host header is <c>localhost:PORT</c>.</summary>
    public IReadOnlyList<SiteRequest> OffSiteRequests => [.. requests.Where(r => r.Host.StartsWith("localhost", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>A press release: a dateline, the sentence(s) given, and a link home (a cycle).</summary>
    public static string PressRelease(string title, string dateline, string body) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{title} | Ministry of Foreign Affairs</title></head>
        <body>
        <nav><a href="/">Home</a> <a href="/news/archive.html">News</a></nav>
        <article>
        <h1>{title}</h1>
        <p>{dateline} -- {body}</p>
        <p>The ministry will publish the full text of the joint statement in due course. Journalists may contact the press office for interviews.</p>
        </article>
        <footer><a href="/">Ministry of Foreign Affairs</a></footer>
        </body></html>
        """;

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        requests.Enqueue(new SiteRequest(context.Request.Host.Value ?? "", path + context.Request.QueryString.Value, Stopwatch.GetTimestamp()));
        var hit = hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var response = context.Response;
        switch (path)
        {
            case "/robots.txt" when RobotsStatus is { } status:
                response.StatusCode = status;
                return;
            case "/robots.txt":
                await Text(response, RobotsContentType, Robots());
                return;
            case "/press/flaky.html" when hit <= 2:
                response.StatusCode = 503;
                return;
            case "/press/busy.html" when hit == 1:
                response.StatusCode = 429;
                response.Headers.RetryAfter = "1";
                return;
            case "/press/closed.html":
                // Asks for a longer pause than any crawler here waits.
                response.StatusCode = 503;
                response.Headers.RetryAfter = "3600";
                return;
            case "/press/slow.html":
                // Longer than any attempt timeout the tests set; the crawler's abort ends it.
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case "/old/statement.html":
                Redirect(response, 301, "/moved/statement.html");
                return;
            case "/moved/statement.html":
                Redirect(response, 302, $"{Origin}/press/2025-05-20-kenya.html");
                return;
            case "/loop/a.html":
                Redirect(response, 302, "/loop/b.html");
                return;
            case "/loop/b.html":
                Redirect(response, 302, "a.html");
                return;
            case "/press/huge.html":
                // No Content-Length (chunked): the crawler can only find out by reading.
                response.ContentType = "text/html; charset=utf-8";
                var filler = Encoding.UTF8.GetBytes("<p>" + new string('x', 1020) + "</p>\n");
                for (var written = 0; written < HugePageBytes; written += filler.Length)
                {
                    await response.Body.WriteAsync(filler, context.RequestAborted);
                }

                return;
            case "/press/garbled.html":
                response.ContentType = "text/html";
                await response.Body.WriteAsync(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3 }, context.RequestAborted);
                return;
            case "/press/corrupt-gzip.html":
                // Says gzip, is not: the client's decompression fails while the body is read.
                response.ContentType = "text/html; charset=utf-8";
                response.Headers.ContentEncoding = "gzip";
                await response.Body.WriteAsync("<html><body>not compressed at all</body></html>"u8.ToArray(), context.RequestAborted);
                return;
            case "/reports/latest":
                response.ContentType = "application/pdf";
                await response.Body.WriteAsync("%PDF-1.7\n"u8.ToArray(), context.RequestAborted);
                return;
            default:
                break;
        }

        if (headers.TryGetValue(path, out var header))
        {
            response.Headers.Append(header.Name, header.Values);
        }

        if (redirects.TryGetValue(path, out var redirect))
        {
            Redirect(response, redirect.Status, redirect.Location);
            return;
        }

        if (files.TryGetValue(path, out var file))
        {
            response.ContentType = file.ContentType;
            await response.Body.WriteAsync(file.Body, context.RequestAborted);
            return;
        }

        if (pages.TryGetValue(path, out var html))
        {
            await Text(response, "text/html; charset=utf-8", html.Replace("{other}", OtherOrigin, StringComparison.Ordinal));
            return;
        }

        response.StatusCode = 404;
    }

    private string Robots() => $"""
        # Everyone else stays out; we are let in, but not into /private/ (except the press kit).
        User-agent: *
        Disallow: /

        User-agent: PartnershipMiner
        Disallow: /private/
        Allow: /private/press-kit.html
        Crawl-delay: {CrawlDelaySeconds.ToString(CultureInfo.InvariantCulture)}
        {string.Join('\n', RobotsExtraLines).Replace("{origin}", Origin, StringComparison.Ordinal)}
        """;

    private static void Redirect(HttpResponse response, int status, string location)
    {
        response.StatusCode = status;
        response.Headers.Location = location;
    }

    private static Task Text(HttpResponse response, string contentType, string text)
    {
        response.ContentType = contentType;
        return response.WriteAsync(text);
    }

    private void AddStandardPages()
    {
        SetPage("/", """
            <!DOCTYPE html><html><head><title>Ministry of Foreign Affairs</title></head><body>
            <h1>Press releases</h1>
            <ul>
            <li><a href="/press/2025-03-10-indonesia.html">Viet Nam and Indonesia</a></li>
            <li><a href="/press/2025-03-10-indonesia.html#details">Details</a></li>
            <li><a href="/press/2025-04-02-brazil.html?utm_source=newsletter&amp;utm_medium=email">Brazil and Nigeria</a></li>
            <li><a href="news/archive.html">Archive</a></li>
            <li><a href="/private/memo.html">Internal memo</a></li>
            <li><a href="/private/press-kit.html">Press kit</a></li>
            <li><a href="{other}/press/elsewhere.html">Another site</a></li>
            <li><a href="/files/annual-report.pdf">Annual report (PDF)</a></li>
            <li><a href="/press/flaky.html">Egypt and Greece</a></li>
            <li><a href="/press/busy.html">Mexico and Canada</a></li>
            <li><a href="/press/slow.html">A slow page</a></li>
            <li><a href="/old/statement.html">An old address</a></li>
            <li><a href="/loop/a.html">Round and round</a></li>
            <li><a href="/press/huge.html">A very long page</a></li>
            <li><a href="/reports/latest">Latest report</a></li>
            <li><a href="/press/missing.html">A removed page</a></li>
            <li><a href="/press/garbled.html">A broken page</a></li>
            <li><a href="mailto:press@ministry.example">Write to us</a></li>
            <li><a href="/PRESS/../press/2025-04-02-brazil.html">Brazil and Nigeria again</a></li>
            </ul></body></html>
            """);
        SetPage("/news/archive.html", """
            <!DOCTYPE html><html><head><title>News archive</title></head><body>
            <h1>News archive</h1>
            <ul>
            <li><a href="/">Home</a></li>
            <li><a href="../press/2025-03-10-indonesia.html?utm_campaign=archive">Viet Nam and Indonesia</a></li>
            <li><a href="older.html">Older news</a></li>
            <li><a href="{other}/partners/joint-statement.html">Joint statement on a partner's site</a></li>
            </ul></body></html>
            """);
        SetPage("/news/older.html", """
            <!DOCTYPE html><html><head><title>Older news</title></head><body>
            <h1>Older news</h1>
            <ul><li><a href="/news/oldest.html">Oldest news</a></li><li><a href="/news/archive.html">Back</a></li></ul>
            </body></html>
            """);
        SetPage("/news/oldest.html", PressRelease("Oldest news", "CAIRO, January 5, 2019", "Egypt and Kenya held consultations."));
        SetPage("/press/2025-03-10-indonesia.html", PressRelease(
            "Viet Nam and Indonesia elevate ties to a comprehensive strategic partnership",
            "HANOI, March 10, 2025",
            "Viet Nam and Indonesia today agreed to upgrade their relations to a comprehensive strategic partnership during the state visit of the Indonesian President to Hanoi. The two sides signed agreements on fisheries, energy transition and digital trade."));
        SetPage("/press/2025-04-02-brazil.html", PressRelease(
            "Brazil and Nigeria establish a strategic partnership",
            "ABUJA, April 2, 2025",
            "Brazil and Nigeria established a strategic partnership on Wednesday, with a joint commission that will meet every year and a credit line of 1.1 billion US dollars for agriculture."));
        SetPage("/press/flaky.html", PressRelease(
            "Egypt and Greece establish a comprehensive strategic partnership",
            "ATHENS, February 18, 2025",
            "Egypt and Greece established a comprehensive strategic partnership and signed memoranda on energy interconnection and migration."));
        SetPage("/press/busy.html", PressRelease(
            "Mexico and Canada establish a comprehensive strategic partnership",
            "MEXICO CITY, September 19, 2024",
            "Mexico and Canada established a comprehensive strategic partnership and adopted an action plan on trade, security and mobility."));
        SetPage("/press/2025-05-20-kenya.html", PressRelease(
            "Kenya and Japan establish a strategic partnership",
            "NAIROBI, May 20, 2025",
            "Kenya and Japan established a strategic partnership, with Japanese support for the Mombasa port and geothermal power."));
        SetPage("/private/press-kit.html", PressRelease(
            "Press kit: Morocco and Senegal",
            "RABAT, June 3, 2025",
            "Morocco and Senegal established a strategic partnership covering fisheries, fertiliser supply and flights between Dakar and Casablanca."));
        SetPage("/private/memo.html", PressRelease("Internal memo", "June 1, 2025", "Not for crawlers."));
        SetPage("/partners/joint-statement.html", PressRelease(
            "Joint statement of Chile and Thailand",
            "SANTIAGO, July 8, 2025",
            "Chile and Thailand established a strategic partnership and agreed to open direct flights."));
    }
}
