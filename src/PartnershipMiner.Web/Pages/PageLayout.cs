using PartnershipMiner.Web.Html;

namespace PartnershipMiner.Web.Pages;

/// <summary>The frame of every page: navigation, the reviewer's name form, and the content.</summary>
internal static class PageLayout
{
    public static Markup Render(PageContext page, string title, Markup content) => Markup.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · PartnershipMiner review</title>
        <link rel="stylesheet" href="{StyleSheet.Path}">
        </head>
        <body>
        <header class="site">
        <a class="brand" href="/">PartnershipMiner <span>review</span></a>
        <nav><a href="/">Dashboard</a> <a href="/records">Pending records</a> <a href="/records?status=all">All records</a></nav>
        <form class="reviewer" method="post" action="/reviewer">
        {page.AntiforgeryField}
        <input type="hidden" name="back" value="{page.PathAndQuery}">
        <label>Reviewer <input name="reviewer" value="{page.Reviewer}" maxlength="{ReviewerCookie.MaxLength}" placeholder="your name" autocomplete="name"></label>
        <button type="submit">Save</button>
        </form>
        </header>
        <main>
        {content}
        </main>
        </body>
        </html>
        """);
}
