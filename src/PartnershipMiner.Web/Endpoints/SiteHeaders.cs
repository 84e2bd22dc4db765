using Microsoft.AspNetCore.Http;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>
/// What every response of the review UI carries: a content security policy that allows nothing but this site's own
/// style sheet and forms (no script runs, nothing is loaded from elsewhere), no MIME sniffing, no referrer to other
/// sites. A request addressed to any name but a loopback one is refused (400); a store that cannot be reached becomes
/// a 503 page naming the reason.
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
        if (!IsLoopbackHost(context.HttpContext.Request.Host))
        {
            // A page of another site whose name was rebound to 127.0.0.1 (DNS rebinding) would otherwise be same-origin
            // with this UI, read its tokens and post decisions: the UI answers only to loopback names.
            return PageResponse.Message(
                context.HttpContext,
                StatusCodes.Status400BadRequest,
                "Wrong address",
                "The review UI answers only at localhost, 127.0.0.1 or [::1].");
        }

        try
        {
            return await next(context);
        }
        catch (StoreUnavailableException e) when (!context.HttpContext.Response.HasStarted)
        {
            return PageResponse.Message(context.HttpContext, StatusCodes.Status503ServiceUnavailable, "Store unavailable", e.Message);
        }
    }

    /// <summary>"localhost" or a loopback address, whatever the port.</summary>
    internal static bool IsLoopbackHost(HostString host) =>
        host.HasValue
        && (host.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));
}
