using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace PartnershipMiner.Cli.Tests.Support;

/// <summary>Inputs of every kind the inbox takes, built in memory.</summary>
internal static class InputFiles
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] TarGz(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A JSON-lines batch: one object a line with a title and the text.</summary>
    public static byte[] JsonLines(IEnumerable<GeneratedText> documents) =>
        Utf8(string.Concat(documents.Select(d => JsonSerializer.Serialize(new { title = d.Name, text = d.Text }) + "\n")));

    public static string Html(string title, string paragraphs) =>
        $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>{title}</title></head>
        <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
        <article><h1>{title}</h1>{paragraphs}</article>
        <footer>Ministry press office</footer></body></html>
        """;

    /// <summary>The first bytes of a PNG image followed by noise: binary, whatever its name says.</summary>
    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x01, 0x02, 0x03];

    /// <summary>A UTF-8 byte-order mark followed by bytes that are not UTF-8: it says what it is and then is not.</summary>
    public static byte[] Undecodable() => [0xEF, 0xBB, 0xBF, (byte)'A', (byte)'b', 0xC3, 0x28, 0xA0, 0xA1, (byte)'z'];

    /// <summary>A zip's local header signature and then garbage.</summary>
    public static byte[] MalformedZip() => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x13, 0x37];
}
