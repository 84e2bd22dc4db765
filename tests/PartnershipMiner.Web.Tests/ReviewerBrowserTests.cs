using Microsoft.Playwright;
using PartnershipMiner.Core.Domain;
using static Microsoft.Playwright.Assertions;

namespace PartnershipMiner.Web.Tests;

/// <summary>A reviewer at work in a real browser, against a real site.</summary>
public sealed class ReviewerBrowserTests(ChromiumBrowser chromium) : SiteTests, IClassFixture<ChromiumBrowser>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task A_reviewer_opens_a_record_from_the_list_approves_it_and_it_leaves_the_pending_list()
    {
        var page = await OpenPageAsync();
        await page.GotoAsync("/records");
        await NameReviewerAsync(page, "Alice Reviewer");
        var card = page.Locator($"li.record[data-record-id='{Records[0].Id}']");
        await Expect(card.Locator("mark")).ToHaveTextAsync(SeedRecords.CoordinationPhrase);
        await Expect(page.Locator("li.record")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "pending-records.png"), FullPage = true });

        await card.Locator("a.open-record").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("China");
        await Expect(page.Locator("p.who")).ToContainTextAsync("Deciding as Alice Reviewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(Site.BaseAddress, "/records?status=pending").ToString());
        await Expect(page.Locator("li.record")).ToHaveCountAsync(2);
        await Expect(card).ToHaveCountAsync(0);
        Assert.Equal(ReviewStatus.Approved, (await Site.Store.GetRecordAsync(Records[0].Id, None))!.Status);
    }

    [Fact]
    public async Task A_reviewer_corrects_the_tier_and_sees_the_change_and_the_history_entry()
    {
        var page = await OpenPageAsync();
        await page.GotoAsync(PathOf(Records[2]));
        await NameReviewerAsync(page, "Carol");
        await Expect(page.Locator("dd.tier")).ToContainTextAsync("strategic partnership (rank 5)");

        var form = page.Locator("form.correct");
        await form.Locator("select[name=tier]").SelectOptionAsync("comprehensive strategic partnership");
        await form.Locator("input[name=comment]").FillAsync("the text says comprehensive");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save correction" }).ClickAsync();

        await Expect(page.Locator("dd.tier")).ToContainTextAsync("comprehensive strategic partnership (rank 3)");
        await Expect(page.Locator("dd .status")).ToHaveTextAsync("corrected");
        var entry = page.Locator("section.history tbody tr");
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry).ToContainTextAsync("Carol");
        await Expect(entry.Locator(".change")).ToHaveTextAsync("tier: strategic partnership → comprehensive strategic partnership");
        await Expect(entry).ToContainTextAsync("the text says comprehensive");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "corrected-record.png"), FullPage = true });
        Assert.Equal("comprehensive strategic partnership", (await Site.Store.GetRecordAsync(Records[2].Id, None))!.Tier);
    }

    private async Task<IPage> OpenPageAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Types the name into the header form; the page reloads where it was.</summary>
    private static async Task NameReviewerAsync(IPage page, string name)
    {
        var url = page.Url;
        await page.Locator("form.reviewer input[name=reviewer]").FillAsync(name);
        await page.Locator("form.reviewer").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("form.reviewer input[name=reviewer]")).ToHaveValueAsync(name);
        await Expect(page).ToHaveURLAsync(url);
    }
}
