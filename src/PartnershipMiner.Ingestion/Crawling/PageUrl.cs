using System.Diagnostics.CodeAnalysis;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// URLs as the crawler keeps them, so that one page has one spelling: http or https only, no user info, scheme and
/// host in lower case, no default port, no fragment, no <c>utm_*</c> tracking parameters, "/" for an empty path.
/// </summary>
public static class PageUrl
{
    /// <summary>Extensions of files that are not pages; links to them are not followed.</summary>
    private static readonly HashSet<string> NonPageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".csv", ".ppt", ".pptx", ".odp",
        ".zip", ".gz", ".tgz", ".tar", ".rar", ".7z", ".exe", ".msi", ".dmg", ".apk", ".iso",
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".ico", ".tif", ".tiff",
        ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".avi", ".mov", ".wmv",
        ".css", ".js", ".json", ".xml", ".rss", ".atom", ".woff", ".woff2", ".ttf", ".eot",
    };

    /// <summary>An absolute http(s) URL written by a person (a seed, an allowed prefix), normalised.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Uri? url)
    {
        url = Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var parsed) ? Normalise(parsed) : null;
        return url is not null;
    }

    /// <summary>A link as found on a page, resolved against the page's base URL and normalised; null when it is not a web page address.</summary>
    public static Uri? Resolve(Uri baseUrl, string href)
    {
        // Browsers drop leading and trailing spaces and every tab and line break inside an href.
        var cleaned = href.Trim().Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
        return Uri.TryCreate(baseUrl, cleaned, out var absolute) ? Normalise(absolute) : null;
    }

    /// <summary>
    /// The longest address kept, in characters: far beyond any page's, and short enough that a page of links resolved
    /// against a long base cannot fill memory, nor a robots.txt pattern take long to match.
    /// </summary>
    public const int MaxLength = 4096;

    public static Uri? Normalise(Uri url)
    {
        // The cap is on the address kept (below); the raw one only has to be of a size worth normalising.
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0 || url.Host.Length == 0
            || url.OriginalString.Length > 16 * MaxLength)
        {
            return null;
        }

        // Uri has already lower-cased the scheme and host, resolved dot segments and escaped the path.
        try
        {
            var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;
            var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var query = WithoutTracking(url.Query);
            var normalised = $"{url.Scheme}://{host}{port}{url.AbsolutePath}{(query.Length == 0 ? "" : "?" + query)}";
            return normalised.Length <= MaxLength ? new Uri(normalised) : null;
        }
        catch (UriFormatException)
        {
            // Uri.TryCreate takes host names that IDNA then refuses ("http://\u200B.test/"): no address we can visit.
            return null;
        }
    }

    /// <summary>The extension of a link that is evidently not a page (".pdf"), or null.</summary>
    public static string? NonPageExtension(Uri url)
    {
        var path = url.AbsolutePath;
        var extension = Path.GetExtension(path[(path.LastIndexOf('/') + 1)..]);
        return extension.Length > 0 && NonPageExtensions.Contains(extension) ? extension.ToLowerInvariant() : null;
    }

    /// <summary>The politeness key: host and port (a default port left out, so http and https of one host share it).</summary>
    public static string HostOf(Uri url) => url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";

    /// <summary>Where the robots.txt that governs the URL lives: scheme, host and port.</summary>
    public static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static string WithoutTracking(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }

        var kept = query[1..].Split('&').Where(part => part.Length > 0 && !part.StartsWith("utm_", StringComparison.OrdinalIgnoreCase));
        return string.Join('&', kept);
    }
}
