using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnershipMiner.Web.Endpoints;

namespace PartnershipMiner.Web;

public static class ReviewWebEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the review UI at the root of the site: the dashboard (/), the record list (/records), a record's page
    /// (/records/{id}) with its approve, reject and correct forms, the reviewer name form, the style sheet and the
    /// read API (/api/records). It has no authentication: host it on a loopback address only.
    /// </summary>
    public static IEndpointRouteBuilder MapReviewWeb(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var site = endpoints.MapGroup("").AddEndpointFilter<SiteHeaders>();
        DashboardEndpoint.Map(site);
        RecordEndpoints.Map(site);
        ReviewerEndpoint.Map(site);
        RecordsApiEndpoint.Map(site);
        site.MapGet(StyleSheet.Path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "max-age=3600";
            return Results.Text(StyleSheet.Text, "text/css; charset=utf-8");
        });
        return endpoints;
    }
}
