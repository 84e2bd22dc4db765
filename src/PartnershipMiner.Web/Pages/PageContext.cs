using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnershipMiner.Web.Html;

namespace PartnershipMiner.Web.Pages;

/// <summary>What every page needs from the request: the reviewer, a fresh antiforgery token, where the page is, the vocabulary.</summary>
internal sealed record PageContext(string? Reviewer, string TokenField, string Token, string PathAndQuery, ReviewVocabulary Vocabulary)
{
    public static PageContext For(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new PageContext(
            ReviewerCookie.Read(http.Request),
            tokens.FormFieldName,
            tokens.RequestToken ?? "",
            http.Request.Path + http.Request.QueryString,
            http.RequestServices.GetRequiredService<ReviewVocabulary>());
    }

    /// <summary>The hidden field every POST form carries.</summary>
    public Markup AntiforgeryField => Markup.Of($"""<input type="hidden" name="{TokenField}" value="{Token}">""");
}
