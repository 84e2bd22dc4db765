using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace PartnershipMiner.Ingestion.Crawling;

/// <summary>Whether a sitemap lists pages or other sitemaps.</summary>
public enum SitemapKind
{
    /// <summary><c>&lt;urlset&gt;</c>, or a text sitemap (one URL per line): pages.</summary>
    Pages,

    /// <summary><c>&lt;sitemapindex&gt;</c>: sitemaps.</summary>
    Index,
}

/// <summary>Why bytes are not a usable sitemap; <see cref="NotASitemap"/> when they are some other document (an RSS feed, a page).</summary>
public sealed record SitemapProblem(string Reason, bool NotASitemap);

/// <summary>One <c>&lt;loc&gt;</c> of a sitemap, normalised (<see cref="PageUrl"/>), with its <c>&lt;lastmod&gt;</c> if it had a readable one.</summary>
public sealed record SitemapEntry(Uri Url, DateTimeOffset? LastModified);

/// <summary>
/// A sitemap as sitemaps.org defines it: XML (<c>urlset</c> or <c>sitemapindex</c>), gzip-compressed or not, or plain
/// text with one URL per line. Read without a DTD or entities, and never beyond a size and an entry count: it comes
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
            var kind = reader.LocalName switch
            {
                "urlset" => SitemapKind.Pages,
                "sitemapindex" => SitemapKind.Index,
                var other => (SitemapKind?)null,
            };
            if (kind is null || reader.NamespaceURI is not (Namespace or ""))
            {
                failure = Other($"not a sitemap: the XML's root is <{reader.Name}>, not <urlset> or <sitemapindex>");
                return false;
            }

            var item = kind == SitemapKind.Pages ? "url" : "sitemap";
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != item || reader.Depth != 1)
                {
                    continue;
                }

                if (entries.Count + dropped >= MaxEntries)
                {
                    failure = Broken($"more than {MaxEntries:N0} entries (the sitemap protocol's limit)");
                    return false;
                }

                var (loc, lastmod) = ReadItem(reader);
                if (loc is not null && Uri.TryCreate(loc.Trim(), UriKind.Absolute, out var url) && PageUrl.Normalise(url) is { } page)
                {
                    entries.Add(new SitemapEntry(page, LastModified(lastmod)));
                }
                else
                {
                    dropped++;
                }
            }

            sitemap = new Sitemap(kind.Value, entries, dropped);
            failure = null;
            return true;
        }
        catch (XmlException e)
        {
            failure = Broken($"not well-formed XML: {e.Message}");
            return false;
        }
    }

    /// <summary>The text of the item's <c>loc</c> and <c>lastmod</c> children; leaves the reader on the item's end.</summary>
    private static (string? Loc, string? LastMod) ReadItem(XmlReader reader)
    {
        string? loc = null, lastmod = null;
        if (reader.IsEmptyElement)
        {
            return (null, null);
        }

        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName is "loc" or "lastmod")
            {
                var name = reader.LocalName;
                var value = reader.ReadElementContentAsString();
                if (name == "loc")
                {
                    loc ??= value;
                }
                else
                {
                    lastmod ??= value;
                }
            }
            else if (!reader.Read())
            {
                break;
            }
        }

        return (loc, lastmod);
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

        return value.Length > 10 && value[4] == '-' && value[10] == 'T'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment
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
}
