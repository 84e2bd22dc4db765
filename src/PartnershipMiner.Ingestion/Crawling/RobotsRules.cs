using System.Globalization;
using System.Text;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>
/// What a site's robots.txt says to one crawler (RFC 9309). The groups naming our product token apply (merged when
/// there are several), else the <c>*</c> group, else nothing. Of the Allow and Disallow rules that match a URL's path
/// and query, the longest pattern wins, and Allow wins a tie; <c>*</c> matches any run of characters and a final
/// <c>$</c> anchors the end. Crawl-delay (seconds, fractions allowed) is read from the same groups. <c>Sitemap:</c> lines
/// belong to no group: every one is kept, resolved against the robots.txt's own URL.
/// </summary>
public sealed class RobotsRules
{
    private readonly IReadOnlyList<RobotsRule> rules;

    private RobotsRules(IReadOnlyList<RobotsRule> rules, TimeSpan? crawlDelay, IReadOnlyList<Uri> sitemaps)
    {
        this.rules = rules;
        CrawlDelay = crawlDelay;
        Sitemaps = sitemaps;
    }

    /// <summary>No robots.txt (or one that says nothing to us): everything may be fetched.</summary>
    public static RobotsRules AllowAll { get; } = new([], null, []);

    public TimeSpan? CrawlDelay { get; }

    /// <summary>The sitemaps it names, in order, each once; lines that are not http(s) URLs are left out.</summary>
    public IReadOnlyList<Uri> Sitemaps { get; }

    /// <summary>Reads a robots.txt; <paramref name="location"/> (where it was fetched from) resolves relative Sitemap lines.</summary>
    public static RobotsRules Parse(string text, string agent, Uri? location = null)
    {
        var sitemaps = new List<Uri>();
        var groups = ReadGroups(text, location, sitemaps);
        var ours = groups.Where(g => g.Agents.Any(a => string.Equals(a, agent, StringComparison.OrdinalIgnoreCase))).ToList();
        if (ours.Count == 0)
        {
            ours = [.. groups.Where(g => g.Agents.Contains("*"))];
        }

        var delay = ours.Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null);
        return new RobotsRules([.. ours.SelectMany(g => g.Rules)], delay, [.. sitemaps.DistinctBy(u => u.AbsoluteUri)]);
    }

    /// <summary>Whether the URL may be fetched. robots.txt itself always may.</summary>
    public bool Allows(Uri url)
    {
        var path = Canonical(url.PathAndQuery);
        if (path == "/robots.txt")
        {
            return true;
        }

        RobotsRule? best = null;
        foreach (var rule in rules)
        {
            if (Matches(rule.Pattern, path)
                && (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    /// <summary>
    /// A path or pattern as RFC 9309 compares them (section 2.2.2): non-ASCII characters and those a URL may not hold
    /// as they are (space, quotes, angle brackets, braces, '|', '\\', '^', '`', controls) percent-encoded as UTF-8,
    /// escapes of unreserved characters ("%7E", "%62") decoded, other escapes in upper case. "Disallow: /пресс" then
    /// matches the "/%D0%BF..." that a link to it becomes, and "/%7Euser" matches "/~user". '*' and '$' are kept.
    /// </summary>
    internal static string Canonical(string text)
    {
        var canonical = new StringBuilder(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                var value = (char)Convert.ToByte(text.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(value) || value is '-' or '.' or '_' or '~')
                {
                    canonical.Append(value);
                }
                else
                {
                    canonical.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                }

                i += 2;
            }
            else if (c < 0x80)
            {
                if (char.IsControl(c) || c is ' ' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}')
                {
                    canonical.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                }
                else
                {
                    canonical.Append(c);
                }
            }
            else
            {
                if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                    consumed = 1;
                }

                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    canonical.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += consumed - 1;
            }
        }

        return canonical.ToString();
    }

    /// <summary>Whether <paramref name="path"/> starts with what <paramref name="pattern"/> describes.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern.AsSpan(0, pattern.Length - 1) : pattern.AsSpan();

        // The literal runs between '*'s, matched left to right, each at its first place after the one before: with '*'
        // the only wildcard, the leftmost choice never loses a match, so this is linear in the path per rule (the
        // backtracking it replaces was quadratic, and a hostile robots.txt of long patterns took seconds per URL).
        var star = body.IndexOf('*');
        if (star < 0)
        {
            return anchored ? path.AsSpan().SequenceEqual(body) : path.AsSpan().StartsWith(body);
        }

        var first = body[..star];
        if (!path.AsSpan().StartsWith(first))
        {
            return false;
        }

        var position = first.Length;
        var rest = body[(star + 1)..];
        while (true)
        {
            var next = rest.IndexOf('*');
            if (next < 0)
            {
                // The last run: anywhere after the position, or, anchored, at the very end.
                return anchored
                    ? path.Length - rest.Length >= position && path.AsSpan().EndsWith(rest)
                    : path.AsSpan(position).IndexOf(rest) >= 0;
            }

            var run = rest[..next];
            var found = path.AsSpan(position).IndexOf(run);
            if (found < 0)
            {
                return false;
            }

            position += found + run.Length;
            rest = rest[(next + 1)..];
        }
    }

    /// <summary>
    /// Characters of Allow and Disallow patterns kept from one robots.txt, as Google reads the first 500 KiB of one: each
    /// URL is matched against every rule, so the rules must stay small whatever the file.
    /// </summary>
    private const int MaxRuleCharacters = 512 * 1024;

    private static List<RobotsGroup> ReadGroups(string text, Uri? location, List<Uri> sitemaps)
    {
        var groups = new List<RobotsGroup>();
        RobotsGroup? current = null;
        var lastWasAgent = false;
        var ruleCharacters = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = new RobotsGroup();
                        groups.Add(current);
                    }

                    // "PartnershipMiner/1.0" names the product "PartnershipMiner".
                    current.Agents.Add(value.Split('/', ' ')[0]);
                    lastWasAgent = true;
                    continue;
                // A pattern longer than any address kept (PageUrl.MaxLength) could only match through wildcards, and its
                // backtracking match would cost time in proportion to both lengths: such a line is not read.
                case "allow" or "disallow" when current is not null && value.Length > 0:
                    var canonical = Canonical(value);
                    if (canonical.Length <= PageUrl.MaxLength && ruleCharacters + canonical.Length <= MaxRuleCharacters)
                    {
                        current.Rules.Add(new RobotsRule(key == "allow", canonical));
                        ruleCharacters += canonical.Length;
                    }

                    break;
                case "crawl-delay" when current is not null:
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= 86_400)
                    {
                        current.CrawlDelay ??= TimeSpan.FromSeconds(seconds);
                    }

                    break;
                case "sitemap" when value.Length > 0:
                    // The protocol asks for absolute URLs; a relative one is read as a browser would read a link.
                    if ((location is null ? Uri.TryCreate(value, UriKind.Absolute, out var url) : Uri.TryCreate(location, value, out url))
                        && PageUrl.Normalise(url) is { } sitemap)
                    {
                        sitemaps.Add(sitemap);
                    }

                    // Not a group line: it neither ends nor starts a group.
                    continue;
                default:
                    break;
            }

            lastWasAgent = false;
        }

        return groups;
    }

    private sealed record RobotsRule(bool Allow, string Pattern);

    private sealed class RobotsGroup
    {
        public List<string> Agents { get; } = [];

        public List<RobotsRule> Rules { get; } = [];

        public TimeSpan? CrawlDelay { get; set; }
    }
}
