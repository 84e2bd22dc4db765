using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>POST /reviewer: remembers the reviewer's name in a cookie (an empty name forgets it).</summary>
internal static class ReviewerEndpoint
{
    public static void Map(IEndpointRouteBuilder site) =>
        site.MapPost("/reviewer", PostAsync).AddEndpointFilter<AntiforgeryCheck>();

    private static async Task<IResult> PostAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var typed = form["reviewer"].ToString();
        if (string.IsNullOrWhiteSpace(typed))
        {
            ReviewerCookie.Clear(http.Response);
        }
        else if (ReviewerCookie.Normalise(typed) is { } name)
        {
            ReviewerCookie.Write(http.Response, name);
        }
        else
        {
            return PageResponse.Message(
                http, StatusCodes.Status400BadRequest, "Name refused", $"A reviewer name has at most {ReviewerCookie.MaxLength} characters and no control characters.");
        }

        return PageResponse.SeeOther(http, LocalPath.OrDefault(form["back"], "/"));
    }
}
