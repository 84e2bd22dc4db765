namespace PartnershipMiner.Web;

/// <summary>Where a form may send the browser back to: a path on this site, never another host.</summary>
internal static class LocalPath
{
    public static string OrDefault(string? candidate, string fallback) =>
        candidate is { Length: > 0 } path
        && path[0] == '/'
        && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.StartsWith("/\\", StringComparison.Ordinal)
        && !path.Any(char.IsControl)
            ? path
            : fallback;
}
