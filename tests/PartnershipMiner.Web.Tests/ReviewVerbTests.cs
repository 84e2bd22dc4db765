using System.Net;
using PartnershipMiner.Cli;
using PartnershipMiner.Cli.Commands;

namespace PartnershipMiner.Web.Tests;

/// <summary>Where the review UI may listen, and <c>pminer review</c> itself.</summary>
public sealed class ReviewVerbTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1:5080")]
    [InlineData("http://localhost:0", "127.0.0.1:0")]
    [InlineData("http://[::1]:5080/", "[::1]:5080")]
    [InlineData("http://127.0.0.2:81; http://[::1]:82", "127.0.0.2:81 [::1]:82")]
    public void Loopback_urls_are_accepted(string urls, string expected)
    {
        Assert.True(LoopbackEndpoints.TryParse(urls, out var endpoints, out var problem), problem);
        Assert.Equal(expected, string.Join(' ', endpoints));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "not a loopback address")]
    [InlineData("http://[::]:5080", "not a loopback address")]
    [InlineData("http://192.168.1.10:5080", "not a loopback address")]
    [InlineData("http://example.org:5080", "not a loopback address")]
    [InlineData("http://127.0.0.1:5080;http://10.0.0.1:5080", "'http://10.0.0.1:5080' is not a loopback address")]
    [InlineData("http://*:5080", "not an http URL")]
    [InlineData("http://+:5080", "not an http URL")]
    [InlineData("https://127.0.0.1:5443", "not an http URL")]
    [InlineData("http://127.0.0.1:5080/review", "not an http URL")]
    [InlineData("127.0.0.1:5080", "not an http URL")]
    [InlineData(" ; ", "no URL given")]
    public void Other_urls_are_refused_with_the_reason(string urls, string reason)
    {
        Assert.False(LoopbackEndpoints.TryParse(urls, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_refuses_a_non_loopback_url_with_exit_2_before_opening_the_store()
    {
        var database = Path.Combine(Path.GetTempPath(), "pm-refused-" + Guid.NewGuid().ToString("N"), "review.db");
        var error = new StringWriter();

        var exit = await ReviewCommand.RunAsync(Overrides(database), "http://0.0.0.0:5080", TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(PminerCommandLine.UsageError, exit);
        Assert.Equal(
            "pminer: review --urls: 'http://0.0.0.0:5080' is not a loopback address; the review UI has no authentication and listens on 127.0.0.1, [::1] or localhost only",
            error.ToString().Trim());
        Assert.False(File.Exists(database));
        Assert.Equal(PminerCommandLine.UsageError, await PminerCommandLine.RunAsync(["review", "--urls", "http://192.168.0.1:5080", "--db", database]));
    }

    [Fact]
    public async Task Review_refuses_kestrel_endpoints_from_the_settings_that_are_not_loopback()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pm-settings-" + Guid.NewGuid().ToString("N"));
        var overrides = Overrides(Path.Combine(folder, "review.db"));
        overrides["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:5098";
        var error = new StringWriter();

        var exit = await ReviewCommand.RunAsync(overrides, "http://127.0.0.1:0", TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(PminerCommandLine.UsageError, exit);
        Assert.Contains("the settings ask Kestrel to listen on http://0.0.0.0:5098, which is not a loopback address", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Review_serves_the_ui_on_loopback_with_party_names_from_the_models_until_stopped()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pm-verb-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "review.db");
        await using (var store = Storage.PartnershipStoreFactory.Open(database))
        {
            await SeedRecords.StandardAsync(store);
        }

        var printed = new StringWriter();
        var output = TextWriter.Synchronized(printed);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = ReviewCommand.RunAsync(Overrides(database), "http://127.0.0.1:0", output, TextWriter.Null, stop.Token);
        try
        {
            var address = await AddressAsync(printed, output, running);
            using var http = new HttpClient { BaseAddress = address };

            var list = await http.GetStringAsync("/records");
            Assert.Contains("<abbr>RUS</abbr> Russia", list, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
            Assert.Equal("127.0.0.1", address.Host);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(PminerCommandLine.Ok, await running);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string?> Overrides(string database) => new()
    {
        ["Store:Database"] = database,
        ["Models:Directory"] = ModelVocabulary.ModelsFolder(),
    };

    /// <summary>The address the verb prints once it listens.</summary>
    private static async Task<Uri> AddressAsync(StringWriter printed, TextWriter output, Task<int> running)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (running.IsCompleted)
            {
                throw new InvalidOperationException($"pminer review ended early with exit {await running}: {printed}");
            }

            string text;
            lock (output)
            {
                // TextWriter.Synchronized locks the writer itself while writing.
                text = printed.ToString();
            }

            var at = text.IndexOf("http://", StringComparison.Ordinal);
            if (at >= 0)
            {
                return new Uri(text[at..].Split(' ', ',')[0]);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("pminer review did not print its address within 30 s");
    }
}
