namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// What a page asks of crawlers, from its robots meta tags or its <c>X-Robots-Tag</c> headers: not to be indexed
/// (<c>noindex</c>), its links not to be followed (<c>nofollow</c>), or both (<c>none</c>). Other directives are ignored.
/// </summary>
internal readonly record struct RobotsDirectives(bool NoIndex, bool NoFollow)
{
    /// <summary>Header directives that carry a value after a colon, so that their name is no user agent.</summary>
    private static readonly HashSet<string> ValuedDirectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "unavailable_after", "max-snippet", "max-image-preview", "max-video-preview",
    };

    /// <summary>These directives and those of a list such as "noindex, nofollow".</summary>
    public RobotsDirectives With(string directives)
    {
        var (noIndex, noFollow) = (NoIndex, NoFollow);
        foreach (var directive in directives.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var none = directive.Equals("none", StringComparison.OrdinalIgnoreCase);
            noIndex |= none || directive.Equals("noindex", StringComparison.OrdinalIgnoreCase);
            noFollow |= none || directive.Equals("nofollow", StringComparison.OrdinalIgnoreCase);
        }

        return new RobotsDirectives(noIndex, noFollow);
    }

    /// <summary>Everything either asks.</summary>
    public static RobotsDirectives operator |(RobotsDirectives a, RobotsDirectives b) => new(a.NoIndex || b.NoIndex, a.NoFollow || b.NoFollow);

    /// <summary>
    /// The directives of <c>X-Robots-Tag</c> header values for <paramref name="robotsAgent"/>: a value may name the crawler
    /// it is for ("googlebot: noindex"); one for another crawler is ignored.
    /// </summary>
    public static RobotsDirectives FromHeaders(IReadOnlyList<string> values, string robotsAgent)
    {
        var result = default(RobotsDirectives);
        foreach (var value in values)
        {
            var text = value.Trim();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && text[..colon].Trim() is var head && !head.Contains(',', StringComparison.Ordinal) && !head.Contains(' ', StringComparison.Ordinal)
                && !ValuedDirectives.Contains(head))
            {
                if (!head.Equals(robotsAgent, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                text = text[(colon + 1)..];
            }

            result = result.With(text);
        }

        return result;
    }
}
