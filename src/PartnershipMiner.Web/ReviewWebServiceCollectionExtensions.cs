using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnershipMiner.Web;

public static class ReviewWebServiceCollectionExtensions
{
    /// <summary>
    /// The services of the review UI: antiforgery tokens for its forms and, unless the host registered one built from
    /// the models, an empty <see cref="ReviewVocabulary"/>. The host registers the store (<c>AddPartnershipStore</c>).
    /// </summary>
    public static IServiceCollection AddReviewWeb(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The keys behind the antiforgery tokens live in memory: nothing is written to the reviewer's home folder, and
        // a form opened before a restart is refused with a request to reload the page.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "pminer-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__token";
        });
        services.TryAddSingleton(ReviewVocabulary.Empty);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
