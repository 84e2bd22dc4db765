using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PartnershipMiner.Web.Endpoints;

/// <summary>Refuses a POST whose form does not carry this site's antiforgery token (400, nothing changed).</summary>
internal sealed class AntiforgeryCheck : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!http.Request.HasFormContentType || !await IsValidAsync(antiforgery, http))
        {
            return PageResponse.Message(
                http,
                StatusCodes.Status400BadRequest,
                "Form refused",
                "The form did not come from this page or has expired. Reload the page and try again.");
        }

        return await next(context);
    }

    /// <summary>A form the server cannot read (a NUL in a field, a broken multipart body) is refused like a missing token.</summary>
    private static async Task<bool> IsValidAsync(IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or BadHttpRequestException)
        {
            return false;
        }
    }
}
