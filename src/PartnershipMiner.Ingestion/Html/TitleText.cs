namespace PartnershipMiner.Ingestion;

/// <summary>Page titles without the site name that pages append ("Joint statement | Ministry of Foreign Affairs").</summary>
internal static class TitleText
{
    private static readonly string[] Separators = [" | ", " – ", " — ", " - ", " :: ", " · ", " » "];

    public static string? Clean(string? raw, string? siteName)
    {
        if (raw is null)
        {
            return null;
        }

        var title = DomWalk.Collapse(raw);
        if (title.Length == 0)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(siteName))
        {
            var site = DomWalk.Collapse(siteName);
            foreach (var separator in Separators)
            {
                if (title.EndsWith(separator + site, StringComparison.OrdinalIgnoreCase) && title.Length > separator.Length + site.Length)
                {
                    return title[..^(separator.Length + site.Length)].Trim();
                }

                if (title.StartsWith(site + separator, StringComparison.OrdinalIgnoreCase) && title.Length > separator.Length + site.Length)
                {
                    return title[(site.Length + separator.Length)..].Trim();
                }
            }
        }

        // A pipe almost always separates the site name; a dash may be part of a headline, so only a short tail goes.
        var pipe = title.LastIndexOf(" | ", StringComparison.Ordinal);
        if (pipe > 0)
        {
            return title[..pipe].Trim();
        }

        foreach (var separator in Separators.AsSpan(1))
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && WordCount(title[(at + separator.Length)..]) <= 4 && WordCount(title[..at]) >= 3)
            {
                return title[..at].Trim();
            }
        }

        return title;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
