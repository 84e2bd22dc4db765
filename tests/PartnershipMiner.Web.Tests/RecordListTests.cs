using System.Net;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Tests;

public sealed class RecordListTests : SiteTests
{
    [Fact]
    public async Task The_list_shows_pending_records_with_party_names_tier_event_year_marked_evidence_and_scores()
    {
        await Site.Store.ReviewAsync(new ReviewDecision(Records[1].Id, ReviewStatus.Approved, "alice"), None);

        var page = await Client.GetAsync("/records");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("text/html", page.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("<h1>Pending records</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains(Records[0].Id, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Records[1].Id, page.Html, StringComparison.Ordinal);
        Assert.Contains(Records[2].Id, page.Html, StringComparison.Ordinal);
        Assert.Contains("<abbr>CHN</abbr> China</span>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<abbr>RUS</abbr> Russia</span>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"""<span class="tier">{SeedRecords.Coordination}</span>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<span class="event">upgraded</span>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<span class="year">2019</span>""", page.Html, StringComparison.Ordinal);
        Assert.Contains(
            $"to a <mark>{SeedRecords.CoordinationPhrase}</mark>.</blockquote>", page.Html, StringComparison.Ordinal);
        Assert.Contains("confidence 0.88", page.Html, StringComparison.Ordinal);
        Assert.Contains("rhetorical sentence (rhetoric 0.91)", page.Html, StringComparison.Ordinal);
        Assert.Contains("3 of 9 sentences substantive", page.Html, StringComparison.Ordinal);
        Assert.Contains("<li>The sides signed 30 agreements on energy and trade.</li>", page.Html, StringComparison.Ordinal);
        Assert.Contains("not scored", page.Html, StringComparison.Ordinal);
        Assert.Contains("no substance figures", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_party_filters_narrow_the_list_and_a_nonsense_status_means_pending()
    {
        await Site.Store.ReviewAsync(new ReviewDecision(Records[0].Id, ReviewStatus.Approved, "alice"), None);
        await Site.Store.ReviewAsync(new ReviewDecision(Records[2].Id, ReviewStatus.Rejected, "alice"), None);

        Assert.Equal(["PAK"], await ShownAsync("?status=pending"));
        Assert.Equal(["RUS"], await ShownAsync("?status=approved"));
        Assert.Equal(["IND"], await ShownAsync("?status=rejected"));
        Assert.Empty(await ShownAsync("?status=corrected"));
        Assert.Equal(["RUS", "PAK", "IND"], await ShownAsync("?status=all"));
        Assert.Equal(["RUS", "PAK"], await ShownAsync("?status=all&party=chn"));
        Assert.Equal(["IND"], await ShownAsync("?status=all&party=IND"));
        Assert.Empty(await ShownAsync("?status=pending&party=FRA"));
        Assert.Equal(["PAK"], await ShownAsync("?status=bogus"));
        Assert.Contains("No records match this filter.", (await Client.GetAsync("/records?party=ZZZ")).Html, StringComparison.Ordinal);

        async Task<List<string>> ShownAsync(string query)
        {
            var html = (await Client.GetAsync("/records" + query)).Html;
            return [.. Records.Where(r => html.Contains(r.Id, StringComparison.Ordinal)).Select(r => r.Parties[1])];
        }
    }

    [Fact]
    public async Task A_page_holds_25_records_and_links_to_the_next_and_previous_page()
    {
        string[] partners = [.. ModelVocabulary.Instance.PartyCodes.Where(c => c is not "CHN").Take(30)];
        var many = await SeedRecords.StoreAsync(Site.Store, "thirty partnerships", "statements/many.txt", doc =>
            [.. partners.Select((code, i) => SeedRecords.Record(doc, "strategic partnership", 1000 + i, [.. new[] { "CHN", code }.Order(StringComparer.Ordinal)]))]);

        var first = await Client.GetAsync("/records?party=CHN");
        var second = await Client.GetAsync("/records?status=pending&party=CHN&offset=25");

        // China's pending records: Russia, Pakistan, then the thirty, in document order.
        Assert.Contains("records 1–25", first.Html, StringComparison.Ordinal);
        Assert.Contains("""<a rel="next" href="/records?status=pending&amp;party=CHN&amp;offset=25">""", first.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first.Html, StringComparison.Ordinal);
        Assert.Contains(many[22].Id, first.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(many[23].Id, first.Html, StringComparison.Ordinal);
        Assert.Contains("records 26–32", second.Html, StringComparison.Ordinal);
        Assert.Contains("""<a rel="prev" href="/records?status=pending&amp;party=CHN">""", second.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second.Html, StringComparison.Ordinal);
        Assert.Contains(many[29].Id, second.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Records[0].Id, second.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_from_the_store_is_html_encoded_on_every_page()
    {
        var hostile = await SeedRecords.StoreAsync(Site.Store, "hostile text", "inbox/<img src=x onerror=alert(1)>.txt", doc =>
        [
            SeedRecords.Record(doc, "strategic partnership", 0, ["BRA", "DEU"]) with { Evidence = SeedRecords.Malicious, Phrase = "strategic partnership" },
        ]);
        var record = hostile[0];
        await Client.SetReviewerAsync("<b>mallory</b>");
        await Client.PostAsync(PathOf(record), PathOf(record) + "/reject", new Dictionary<string, string> { ["comment"] = "<script>alert(2)</script>" });

        foreach (var path in new[] { "/records?status=all&party=BRA", PathOf(record), "/records?status=rejected" })
        {
            var page = await Client.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>mallory", page.Html, StringComparison.Ordinal);
            Assert.Contains("They signed &lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt; a <mark>strategic partnership</mark> &amp; &quot;more&quot;.", page.Html, StringComparison.Ordinal);
            Assert.Contains("inbox/&lt;img src=x onerror=alert(1)&gt;.txt", page.Html, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
            Assert.Equal("nosniff", page.Headers["X-Content-Type-Options"]);
        }

        var recordPage = await Client.GetAsync(PathOf(record));
        Assert.Contains("&lt;b&gt;mallory&lt;/b&gt;", recordPage.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", recordPage.Html, StringComparison.Ordinal);
    }
}
