using System.Net;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Tests;

public sealed class DashboardTests : SiteTests
{
    [Fact]
    public async Task The_dashboard_shows_the_queue_and_the_records_by_review_status()
    {
        await Site.Store.ReviewAsync(new ReviewDecision(Records[0].Id, ReviewStatus.Approved, "alice"), None);
        await Site.Store.ReviewAsync(new ReviewDecision(Records[1].Id, ReviewStatus.Corrected, "alice", Year: 2020), None);
        await Site.Store.EnqueueAsync([new DocumentSubmission("inbox/waiting.txt", SourceDocument.HashOf("waiting"), "waiting", null, null)], None);

        var page = await Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("""<a href="/records?status=pending"><strong>1</strong> pending</a>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<a href="/records?status=approved"><strong>1</strong> approved</a>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<a href="/records?status=rejected"><strong>0</strong> rejected</a>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("""<a href="/records?status=corrected"><strong>1</strong> corrected</a>""", page.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong> received", page.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>2</strong> done", page.Html, StringComparison.Ordinal);
        Assert.Contains("Done in the last hour: <strong>2</strong>", page.Html, StringComparison.Ordinal);
        Assert.Contains("No errors.", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_style_sheet_is_served_from_the_site_itself()
    {
        var css = await Client.GetAsync("/review.css");

        Assert.Equal(HttpStatusCode.OK, css.Status);
        Assert.StartsWith("text/css", css.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("mark {", css.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", css.Html, StringComparison.Ordinal);
    }
}
