using System.Text;
using Microsoft.AspNetCore.Http;
using PartnershipMiner.Web.Html;
using PartnershipMiner.Web.Pages;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>How pages leave the server: as UTF-8 HTML, or as a redirect after a POST.</summary>
internal static class PageResponse
{
    public static IResult Html(Markup page, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(page.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    public static IResult Message(HttpContext http, int statusCode, string title, string message) =>
        Html(MessagePage.Render(PageContext.For(http), title, message), statusCode);

    public static IResult NotFound(HttpContext http) =>
        Message(http, StatusCodes.Status404NotFound, "Not found", "There is no record with that id.");

    /// <summary>303 See Other: after a POST the browser fetches <paramref name="location"/> with GET.</summary>
    public static IResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
