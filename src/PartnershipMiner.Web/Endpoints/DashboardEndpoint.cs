using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnershipMiner.Storage;
using PartnershipMiner.Web.Pages;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>GET /: the dashboard, from the store's status.</summary>
internal static class DashboardEndpoint
{
    public static void Map(IEndpointRouteBuilder site) => site.MapGet("/", GetAsync);

    private static async Task<IResult> GetAsync(HttpContext http, IPartnershipStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = await store.GetStatusAsync(cancellationToken);
        return PageResponse.Html(DashboardPage.Render(PageContext.For(http), status, time.GetUtcNow()));
    }
}
