using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>Whether a sitemap lists pages or other sitemaps.</summary>
public enum SitemapKind
{
    /// <summary><c>&lt;urlset&gt;</c>, a feed, or a text sitemap (one URL per line): pages.</summary>
    Pages,

    /// <summary><c>&lt;sitemapindex&gt;</c>: sitemaps.</summary>
    Index,
}

/// <summary>Why bytes are not a usable sitemap; <see cref="NotASitemap"/> when they are some other document (an RSS feed, a page).</summary>
public sealed record SitemapProblem(string Reason, bool NotASitemap);

/// <summary>One <c>&lt;loc&gt;</c> of a sitemap, normalised (<see cref="PageUrl"/>), with its <c>&lt;lastmod&gt;</c> if it had a readable one.</summary>
public sealed record SitemapEntry(Uri Url, DateTimeOffset? LastModified);

/// <summary>
/// A sitemap as sitemaps.org defines it: XML (<c>urlset</c> or <c>sitemapindex</c>), an RSS 2.0 or Atom 1.0 feed (which
/// the protocol accepts as sitemaps), gzip-compressed or not, or plain text with one URL per line. Read without a DTD or entities, and never beyond a size and an entry count: it comes
/// from the network. Entries that are not http(s) URLs are dropped and counted.
/// </summary>
public sealed record Sitemap(SitemapKind Kind, IReadOnlyList<SitemapEntry> Entries, int Dropped)
{
    /// <summary>The protocol's own limit of URLs in one file.</summary>
    public const int MaxEntries = 50_000;

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>
    /// Parses a sitemap's bytes (gzip recognised by its magic number, whatever the name or type). <paramref name="maxBytes"/>
    /// caps the text after decompression, which a small gzip bomb would otherwise blow up.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, long maxBytes, [NotNullWhen(true)] out Sitemap? sitemap, [NotNullWhen(false)] out SitemapProblem? failure)
    {
        sitemap = null;
        byte[] text;
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            if (!TryGunzip(bytes, maxBytes, out text!, out var gunzipFailure))
            {
                failure = Broken(gunzipFailure);
                return false;
            }
        }
        else
        {
            text = bytes.ToArray();
        }

        var start = FirstContent(text);
        if (start < 0)
        {
            failure = Broken("empty sitemap");
            return false;
        }

        return text[start] == (byte)'<' ? TryParseXml(text, out sitemap, out failure) : TryParseText(text, out sitemap, out failure);
    }

    private static bool TryParseXml(byte[] text, [NotNullWhen(true)] out Sitemap? sitemap, [NotNullWhen(false)] out SitemapProblem? failure)
    {
        sitemap = null;
        var settings = new XmlReaderSettings
        {
            // A sitemap has no business with a DTD: refusing one refuses entity expansion (billion laughs) and external
            // entities (a file of this machine read into a URL) with it.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        var entries = new List<SitemapEntry>();
        var dropped = 0;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(text, writable: false), settings);
            reader.MoveToContent();
            var ns = reader.NamespaceURI;
            if (ListFormat.Of(reader.LocalName, ns) is not { } format)
            {
                failure = Other($"not a sitemap: the XML's root is <{reader.Name}>, not <urlset>, <sitemapindex>, <rss> or <feed>");
                return false;
            }

            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != format.Item || reader.Depth != format.ItemDepth || reader.NamespaceURI != ns)
                {
                    continue;
                }

                if (entries.Count + dropped >= MaxEntries)
                {
                    failure = Broken($"more than {MaxEntries:N0} entries (the sitemap protocol's limit)");
                    return false;
                }

                var (loc, lastmod) = ReadItem(reader, format, ns);
                if (loc is not null && Uri.TryCreate(loc.Trim(), UriKind.Absolute, out var url) && PageUrl.Normalise(url) is { } page)
                {
                    entries.Add(new SitemapEntry(page, LastModified(lastmod)));
                }
                else
                {
                    dropped++;
                }
            }

            sitemap = new Sitemap(format.Kind, entries, dropped);
            failure = null;
            return true;
        }
        catch (XmlException e)
        {
            failure = Broken($"not well-formed XML: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// The item's address and date: the text of its first <see cref="ListFormat.Address"/> child in the list's namespace
    /// <paramref name="ns"/> (an Atom link's <c>href</c>, when it is the entry's page: no <c>rel</c> or <c>rel="alternate"</c>)
    /// and of its date child that comes first in <see cref="ListFormat.Dates"/>.
    /// Leaves the reader on the item's end.
    /// </summary>
    private static (string? Address, string? Date) ReadItem(XmlReader reader, ListFormat format, string ns)
    {
        string? address = null, date = null;
        var dateRank = int.MaxValue;
        if (reader.IsEmptyElement)
        {
            return (null, null);
        }

        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            // Only the list's own vocabulary: an <atom:link rel="self"> inside an RSS item is not the item's page.
            var child = reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.NamespaceURI == ns ? reader.LocalName : null;
            if (child == format.Address && format.AddressInHref)
            {
                if (reader.GetAttribute("rel") is null or "alternate")
                {
                    address ??= reader.GetAttribute("href");
                }

                reader.Skip();
            }
            else if (child == format.Address || (child is not null && format.Dates.Contains(child)))
            {
                var value = reader.ReadElementContentAsString();
                if (child == format.Address)
                {
                    address ??= value;
                }
                else if (Array.IndexOf(format.Dates, child) is var rank && rank < dateRank)
                {
                    (date, dateRank) = (value, rank);
                }
            }
            else if (!reader.Read())
            {
                break;
            }
        }

        return (address, date);
    }

    private static bool TryParseText(byte[] text, [NotNullWhen(true)] out Sitemap? sitemap, [NotNullWhen(false)] out SitemapProblem? failure)
    {
        sitemap = null;
        if (!TextDecoder.TryDecode(text, "utf-8", out var decoded, out var undecodable))
        {
            failure = Other(undecodable);
            return false;
        }

        var entries = new List<SitemapEntry>();
        var dropped = 0;
        foreach (var line in decoded.Text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (entries.Count + dropped >= MaxEntries)
            {
                failure = Broken($"more than {MaxEntries:N0} entries (the sitemap protocol's limit)");
                return false;
            }

            if (Uri.TryCreate(trimmed, UriKind.Absolute, out var url) && PageUrl.Normalise(url) is { } page)
            {
                entries.Add(new SitemapEntry(page, null));
            }
            else
            {
                dropped++;
            }
        }

        if (entries.Count == 0)
        {
            failure = Other("not a sitemap: neither XML nor lines of http(s) URLs");
            return false;
        }

        sitemap = new Sitemap(SitemapKind.Pages, entries, dropped);
        failure = null;
        return true;
    }

    /// <summary>A W3C datetime as sitemaps write it: "2025", "2025-05", "2025-05-20", or with a time and an offset.</summary>
    internal static DateTimeOffset? LastModified(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];
        if (DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        if (value.Length > 10 && value[4] == '-' && value[10] == 'T')
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) ? moment : null;
        }

        return Rfc822Date(value);
    }

    /// <summary>An RSS date: "Tue, 10 Jun 2025 04:00:00 GMT", "10 Jun 2025 04:00 +0700" (the day name and seconds optional).</summary>
    private static DateTimeOffset? Rfc822Date(string value)
    {
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var text = (comma >= 0 ? value[(comma + 1)..] : value).Trim();
        var zone = text.LastIndexOf(' ');
        if (zone < 0)
        {
            return null;
        }

        var offset = text[(zone + 1)..] switch
        {
            "GMT" or "UT" or "UTC" or "Z" => TimeSpan.Zero,
            ['+' or '-', _, _, _, _] numeric when int.TryParse(numeric.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm) && hhmm % 100 < 60 =>
                (numeric[0] == '-' ? -1 : 1) * new TimeSpan(hhmm / 100, hhmm % 100, 0),
            _ => (TimeSpan?)null,
        };
        string[] formats = ["d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm"];
        // The offset must keep the moment within DateTimeOffset's years 1-9999 ("01 Jan 0001 00:00 +0100" would not).
        return offset is { } known && known.Duration() <= TimeSpan.FromHours(14)
            && DateTime.TryParseExact(text[..zone], formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Year is > 1 and < 9999
            ? new DateTimeOffset(local, known)
            : null;
    }

    private static bool TryGunzip(ReadOnlySpan<byte> bytes, long maxBytes, [NotNullWhen(true)] out byte[]? text, [NotNullWhen(false)] out string? failure)
    {
        text = null;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes.ToArray(), writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    failure = $"larger than the {ByteSize.Format(maxBytes)} limit once decompressed";
                    return false;
                }

                output.Write(buffer, 0, read);
            }

            text = output.ToArray();
            failure = null;
            return true;
        }
        catch (InvalidDataException e)
        {
            failure = $"corrupt gzip data: {e.Message}";
            return false;
        }
    }

    private static SitemapProblem Broken(string reason) => new(reason, NotASitemap: false);

    private static SitemapProblem Other(string reason) => new(reason, NotASitemap: true);

    /// <summary>Index of the first byte that is not whitespace or a UTF-8 byte order mark; -1 when there is none.</summary>
    private static int FirstContent(ReadOnlySpan<byte> text)
    {
        var i = text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        for (; i < text.Length; i++)
        {
            if (text[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Where a kind of list keeps its items, their addresses and dates (the first of <see cref="Dates"/> that an item has wins).</summary>
    private sealed record ListFormat(SitemapKind Kind, string Item, int ItemDepth, string Address, bool AddressInHref, string[] Dates)
    {
        private const string AtomNamespace = "http://www.w3.org/2005/Atom";

        private static readonly ListFormat UrlSet = new(SitemapKind.Pages, "url", 1, "loc", false, ["lastmod"]);
        private static readonly ListFormat SitemapIndex = new(SitemapKind.Index, "sitemap", 1, "loc", false, ["lastmod"]);

        // The sitemap protocol takes RSS 2.0 and Atom 1.0 feeds as sitemaps: an item's link is a page, its date the
        // last change the feed knows of.
        private static readonly ListFormat Rss = new(SitemapKind.Pages, "item", 2, "link", false, ["pubDate"]);
        private static readonly ListFormat Atom = new(SitemapKind.Pages, "entry", 1, "link", true, ["updated", "published"]);

        public static ListFormat? Of(string root, string ns) => (root, ns) switch
        {
            ("urlset", Namespace or "") => UrlSet,
            ("sitemapindex", Namespace or "") => SitemapIndex,
            ("rss", "") => Rss,
            ("feed", AtomNamespace) => Atom,
            _ => null,
        };
    }
}
