using Microsoft.AspNetCore.Http;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>
/// What every response of the review UI carries: a content security policy that allows nothing but this site's own
/// style sheet and forms (no script runs, nothing is loaded from elsewhere), no MIME sniffing, no referrer to other
/// sites. A store that cannot be reached becomes a 503 page naming the reason.
/// </summary>
internal sealed class SiteHeaders : IEndpointFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        try
        {
            return await next(context);
        }
        catch (StoreUnavailableException e) when (!context.HttpContext.Response.HasStarted)
        {
            return PageResponse.Message(context.HttpContext, StatusCodes.Status503ServiceUnavailable, "Store unavailable", e.Message);
        }
    }
}
