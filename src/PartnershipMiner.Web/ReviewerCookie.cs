using Microsoft.AspNetCore.Http;

namespace PartnershipMiner.Web;

/// <summary>
/// Who is reviewing: a name typed into a form field and kept in a cookie. It identifies, it does not authenticate;
/// the review UI is for one machine's loopback interface only.
/// </summary>
internal static class ReviewerCookie
{
    public const string Name = "pminer-reviewer";
    public const int MaxLength = 60;

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && Normalise(value) is { } name ? name : null;

    public static void Write(HttpResponse response, string name) =>
        response.Cookies.Append(Name, name, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });

    public static void Clear(HttpResponse response) => response.Cookies.Delete(Name, new CookieOptions { Path = "/" });

    /// <summary>The name as stored: trimmed, inner whitespace folded, no control characters; null when nothing is left or it is too long.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var folded = string.Join(' ', typed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return folded.Length is 0 or > MaxLength || folded.Any(char.IsControl) ? null : folded;
    }
}
