using PartnershipMiner.Web.Html;

namespace PartnershipMiner.Web.Pages;

/// <summary>A page that only says something went wrong (not found, a refused form).</summary>
internal static class MessagePage
{
    public static Markup Render(PageContext page, string title, string message) =>
        PageLayout.Render(page, title, Markup.Of($"""
            <h1>{title}</h1>
            <p class="message">{message}</p>
            <p><a href="/records">Back to the pending records</a></p>
            """));
}
