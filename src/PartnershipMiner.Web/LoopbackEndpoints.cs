using System.Net;

namespace PartnershipMiner.Web;

/// <summary>
/// The addresses the review UI may listen on. It has no authentication, so only http URLs on a loopback address
/// qualify: 127.0.0.0/8, [::1], or localhost (taken as 127.0.0.1). Port 0 asks the system for a free port.
/// </summary>
public static class LoopbackEndpoints
{
    /// <summary>
    /// Parses a semicolon-separated URL list. False, with the reason in <paramref name="problem"/>, for anything that is
    /// not an http URL of a loopback address with an optional port and no path.
    /// </summary>
    public static bool TryParse(string urls, out IReadOnlyList<IPEndPoint> endpoints, out string problem)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var parsed = new List<IPEndPoint>();
        endpoints = parsed;
        problem = "";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                problem = $"'{url}' is not an http URL of the form http://127.0.0.1:PORT";
                return false;
            }

            if (AddressOf(uri) is not { } address)
            {
                problem = $"'{url}' is not a loopback address; the review UI has no authentication and listens on 127.0.0.1, [::1] or localhost only";
                return false;
            }

            parsed.Add(new IPEndPoint(address, uri.Port));
        }

        if (parsed.Count == 0)
        {
            problem = "no URL given";
            return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="url"/> (as a server reports its addresses) is on a loopback address.</summary>
    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && AddressOf(uri) is not null;

    private static IPAddress? AddressOf(Uri uri)
    {
        if (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns && uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address) ? address : null;
    }
}
