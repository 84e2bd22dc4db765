using System.Text;

namespace PartnershipMiner.Ingestion.Tests;

public sealed class HtmlArticleExtractorTests
{
    private static HtmlArticle ExtractFixture(string name)
    {
        var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "html", name));
        Assert.True(new HtmlArticleExtractor().TryExtract(html, out var article, out var failure), failure);
        return article;
    }

    private static HtmlArticle Extract(string html)
    {
        Assert.True(new HtmlArticleExtractor().TryExtract(html, out var article, out var failure), failure);
        return article;
    }

    private static void AssertNone(string text, params string[] boilerplate)
    {
        foreach (var phrase in boilerplate)
        {
            Assert.DoesNotContain(phrase, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MinistryPressRelease()
    {
        var article = ExtractFixture("ministry-press-release.html");

        Assert.Equal("Viet Nam and Chile elevate relations to a Comprehensive Partnership", article.Title);
        Assert.Equal(new DateOnly(2023, 11, 14), article.Date); // the publisher's local date, not UTC
        Assert.Contains("On 13 November, Minister of Foreign Affairs Bui Thanh Son held talks in Ha Noi", article.Text, StringComparison.Ordinal);
        Assert.Contains("to elevate their relations to a Comprehensive Partnership, a framework", article.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nTrade and investment\n\n", article.Text, StringComparison.Ordinal);
        Assert.Contains("Chile is one of Viet Nam\u2019s leading trade partners", article.Text, StringComparison.Ordinal);
        Assert.Contains("strengthen coordination on maritime cooperation and sustainable fisheries.", article.Text, StringComparison.Ordinal);
        AssertNone(
            article.Text,
            "Français", "The Ministry", "Consular Services", "Home", "Press releases", "Regular press briefings", "Share:",
            "Facebook", "Email this page", "Print", "Related news", "Peru", "Tags:", "/tag/", "Copyright",
            "Ton That Dam", "dataLayer", "Emblem");
    }

    [Fact]
    public void NewsSiteWithCookieBannerSidebarAndComments()
    {
        var article = ExtractFixture("news-site.html");

        Assert.Equal("Kenya and Japan sign strategic partnership on green energy", article.Title);
        Assert.Equal(new DateOnly(2024, 3, 12), article.Date);
        Assert.StartsWith("Kenya and Japan on Tuesday signed a strategic partnership on green energy", article.Text, StringComparison.Ordinal);
        Assert.Contains("Under the partnership, the two governments will:\n\n"
            + "- expand geothermal generation at Olkaria by 140 megawatts;\n"
            + "- open a joint vocational centre for renewable-energy technicians;\n"
            + "- hold an annual ministerial energy dialogue.", article.Text, StringComparison.Ordinal);
        Assert.Contains("| Project | Capacity |\n| Olkaria VII | 80 MW |\n| Menengai II | 60 MW |", article.Text, StringComparison.Ordinal);
        Assert.EndsWith("Kenya has sought to diversify its sources of infrastructure finance.", article.Text, StringComparison.Ordinal);
        AssertNone(
            article.Text,
            "cookies", "Accept all", "Meridian Post", "Business", "Subscribe", "Amina Wanjiru", "Share on", "Comments",
            "Great news for the region", "money actually arrives", "Most read", "interest rates", "Africa briefing",
            "Sign up", "Privacy policy", "position:fixed");
    }

    [Fact]
    public void DateOnlyInTimeElementIgnoringSiteHeaderClock()
    {
        var article = ExtractFixture("time-element-date.html");

        Assert.Equal("Joint Statement on the Strategic Partnership between Poland and the Republic of Korea", article.Title);
        Assert.Equal(new DateOnly(2021, 9, 27), article.Date);
        Assert.StartsWith("The Presidents of the Republic of Poland and the Republic of Korea met in Warsaw", article.Text, StringComparison.Ordinal);
        Assert.Contains("launching a joint committee on science and technology.", article.Text, StringComparison.Ordinal);
        AssertNone(article.Text, "Today is", "Visas", "Print this page", "Accessibility statement", "Published");
    }

    [Fact]
    public void DateOnlyInVisibleDateline()
    {
        var article = ExtractFixture("dateline-only.html");

        Assert.Equal("China, Kenya pledge to deepen comprehensive strategic cooperative partnership", article.Title);
        Assert.Equal(new DateOnly(2019, 5, 8), article.Date);
        Assert.StartsWith("BEIJING, May 8, 2019 (Xinhua) -- China and Kenya pledged on Wednesday", article.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nThe two sides agreed to advance cooperation on railways, ports and industrial parks", article.Text, StringComparison.Ordinal);
        Assert.Contains("pledged closer coordination at the United Nations.", article.Text, StringComparison.Ordinal);
        AssertNone(article.Text, "More world news", "Editor's picks", "Photos", "Copyright", "| ");
    }

    [Theory]
    [InlineData("<p>Date: 2019-05-08</p>", 2019, 5, 8)]
    [InlineData("<p class=\"date\">8 May 2019</p>", 2019, 5, 8)]
    [InlineData("<p>Published on Wednesday, 12 June 2024</p>", 2024, 6, 12)]
    [InlineData("<p>NEW DELHI, 3rd March 2022 \u2014 India and Australia</p>", 2022, 3, 3)]
    [InlineData("<p>WASHINGTON, Sept. 14, 2023 (Reuters) - The United States</p>", 2023, 9, 14)]
    public void VisibleDatelineForms(string dateline, int year, int month, int day)
    {
        var article = Extract($"<html><body>{dateline}<p>{LongParagraph}</p></body></html>");

        Assert.Equal(new DateOnly(year, month, day), article.Date);
    }

    [Fact]
    public void DateInProseIsNotADateline()
    {
        var article = Extract($"<html><body><p>On May 8, 2019, the ministers met. {LongParagraph}</p></body></html>");

        Assert.Null(article.Date);
    }

    [Theory]
    [InlineData("<meta property=\"og:published_time\" content=\"2020-02-29T23:59:00-05:00\">", 2020, 2, 29)]
    [InlineData("<meta name=\"pubdate\" content=\"20181105\">", 2018, 11, 5)]
    [InlineData("<meta name=\"DC.date\" content=\"2017-07-01\">", 2017, 7, 1)]
    [InlineData("<meta name=\"date\" content=\"March 3, 2016\">", 2016, 3, 3)]
    public void MetaDateForms(string meta, int year, int month, int day)
    {
        var article = Extract($"<html><head>{meta}</head><body><p>{LongParagraph}</p></body></html>");

        Assert.Equal(new DateOnly(year, month, day), article.Date);
    }

    [Fact]
    public void TitleFallsBackToTitleElementWithoutSiteSuffix()
    {
        var article = Extract($"<html><head><title>Talks held on energy security | Embassy of Norway</title></head><body><p>{LongParagraph}</p></body></html>");

        Assert.Equal("Talks held on energy security", article.Title);
    }

    [Fact]
    public void NestedListsAndBreaksAreWrittenAsLines()
    {
        var article = Extract("""
            <html><body><div class="content">
            <p>The agreement covers:</p>
            <ul><li>trade<ul><li>tariffs</li><li>quotas</li></ul></li><li>energy</li></ul>
            <p>Signed in Geneva<br>by both delegations.</p>
            </div></body></html>
            """);

        Assert.Equal("The agreement covers:\n\n- trade\n  - tariffs\n  - quotas\n- energy\n\nSigned in Geneva\nby both delegations.", article.Text);
    }

    [Fact]
    public void CommentaryIsNotMistakenForComments()
    {
        var article = Extract($"<html><body><div class=\"commentary-body\"><p>{LongParagraph}</p></div></body></html>");

        Assert.Equal(LongParagraph, article.Text);
    }

    [Fact]
    public void VeryDeepNestingIsRejectedWithoutParsing()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 100_000; i++)
        {
            html.Append("<div>");
        }

        html.Append("<p>deep</p></body></html>");

        Assert.False(new HtmlArticleExtractor().TryExtract(html.ToString(), out _, out var failure));
        Assert.Equal("HTML nests deeper than 1000 elements", failure);
    }

    [Fact]
    public void NestingWithinTheLimitIsRead()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 900)) + $"<p>{LongParagraph}</p>";

        Assert.Equal(LongParagraph, Extract(html).Text);
    }

    [Fact]
    public void UnclosedParagraphsAndItemsDoNotCountAsNesting()
    {
        // Old pages leave <p> and <li> open; the parser closes them, and so must the depth estimate.
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>Paragraph of an old page<li>item", 3000)) + "</body></html>";

        Assert.True(new HtmlArticleExtractor().TryExtract(html, out _, out var failure), failure);
    }

    private const string LongParagraph =
        "The two governments agreed to hold annual consultations between their foreign ministries and to expand "
        + "cooperation in education, health and renewable energy over the next five years.";
}
