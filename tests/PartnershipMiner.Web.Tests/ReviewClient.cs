using System.Net;
using System.Text.RegularExpressions;

namespace PartnershipMiner.Web.Tests;

/// <summary>
/// A browser's worth of HTTP for the endpoint tests: cookies kept, redirects not followed (so that tests see them),
/// and forms posted the way a page would post them, with the antiforgery token scraped from that page.
/// </summary>
internal sealed partial class ReviewClient : IDisposable
{
    private readonly HttpClient http;

    public ReviewClient(Uri baseAddress) =>
        http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public async Task<Page> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await Page.ReadAsync(response);
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="action"/> with the token of the page at <paramref name="formPage"/>.</summary>
    public async Task<Page> PostAsync(string formPage, string action, IReadOnlyDictionary<string, string> fields)
    {
        var page = await GetAsync(formPage);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await PostWithoutTokenAsync(action, new Dictionary<string, string>(fields) { ["__token"] = page.Token });
    }

    public async Task<Page> PostWithoutTokenAsync(string action, IReadOnlyDictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(action, content);
        return await Page.ReadAsync(response);
    }

    /// <summary>Types a name into the page header's reviewer form.</summary>
    public async Task SetReviewerAsync(string name)
    {
        var saved = await PostAsync("/", "/reviewer", new Dictionary<string, string> { ["reviewer"] = name, ["back"] = "/" });
        Assert.Equal(HttpStatusCode.SeeOther, saved.Status);
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A response as a test reads it: status, body, redirect target and headers.</summary>
    internal sealed record Page(HttpStatusCode Status, string Html, string? Location, IReadOnlyDictionary<string, string> Headers)
    {
        public string Token => TokenField().Match(Html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("the page has no antiforgery field");

        public static async Task<Page> ReadAsync(HttpResponseMessage response)
        {
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString, headers);
        }
    }
}
