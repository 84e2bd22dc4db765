using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ArchiveBytes = PartnershipMiner.Ingestion.Tests.ArchiveBytes;

namespace PartnershipMiner.Cli.Tests.Support;

/// <summary>
/// Generators of hostile inputs, shared by <c>pminer mine</c> (<see cref="HostileFolder"/>) and the worker's inbox
/// (<see cref="WorkerHostileInputTests"/>): binary and mis-encoded bytes, pathological HTML, hostile archives, and the
/// statements the good documents around them carry (each one record, a pair of its own).
/// </summary>
internal static class HostileInputs
{
    public const int MB = 1 << 20;

    public static readonly string[] Statements =
    [
        "China and Russia upgraded their ties to a comprehensive strategic partnership of coordination in 2019.",
        "India and Japan established a special strategic and global partnership in 2014.",
        "Vietnam and France upgraded their relations to a strategic partnership in 2013.",
        "Brazil and Germany reaffirmed their strategic partnership on Monday in 2021.",
        "Indonesia and Australia elevated ties to a comprehensive strategic partnership in 2018.",
        "Egypt and Greece established a strategic partnership in 2020.",
        "Chile and Peru launched a strategic partnership in 2016.",
        "Mexico and Canada reaffirmed their comprehensive strategic partnership in 2017.",
        "Pakistan and China reaffirmed their all-weather strategic cooperative partnership in 2015.",
        "Thailand and Malaysia established a strategic partnership in 2012.",
        "Poland and Ukraine established a strategic partnership in 2009.",
        "Nigeria and Ghana established a strategic partnership in 2011.",
        "Spain and Morocco upgraded their ties to a strategic partnership in 2010.",
        "Singapore and Vietnam established a strategic partnership in 2013.",
        "Argentina and Bolivia established a strategic partnership in 2008.",
    ];

    /// <summary>Whitespace only, of several kinds (tab, CR LF, no-break space, line separator).</summary>
    public const string Blank = " \t\r\n\u00A0\n\u2028   ";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>UTF-16 little-endian with its byte-order mark.</summary>
    public static byte[] Utf16LeWithBom(string text) => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];

    /// <summary>UTF-16 big-endian without a byte-order mark (recognised by its zero bytes).</summary>
    public static byte[] Utf16BeWithoutBom(string text) => Encoding.BigEndianUnicode.GetBytes(text);

    /// <summary>A UTF-16 little-endian mark and text with one stray byte at the end: an odd length.</summary>
    public static byte[] OddUtf16(string text) => [.. Utf16LeWithBom(text), 0x41];

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] PngHeader() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    public static byte[] ElfHeader() => [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, .. new byte[120]];

    /// <summary>Two sentences with NUL bytes between them.</summary>
    public static byte[] WithNulBytes(string before, string after) => [.. Utf8(before), 0, 0, .. Utf8(after)];

    /// <summary>8 KB of continuation and high bytes: not UTF-8, and no encoding declared.</summary>
    public static byte[] InvalidUtf8() => [.. Enumerable.Range(0, 8192).Select(i => (byte)(0x80 + (i % 0x7F)))];

    /// <summary><paramref name="depth"/> unclosed <c>div</c>s, then a paragraph.</summary>
    public static string DeepHtml(int depth, string text) => string.Concat(Enumerable.Repeat("<div>", depth)) + "<p>" + text + "</p>";

    /// <summary><paramref name="count"/> bold tags that are never closed.</summary>
    public static string UnclosedHtml(int count) => "<html><body>" + string.Concat(Enumerable.Repeat("<b>bold ", count));

    /// <summary>A zip whose entries inflate from a few bytes each to <paramref name="letters"/> letters, beside a good entry.</summary>
    public static byte[] ZipBomb((string Name, string Text) good, int letters, params string[] names) =>
        ArchiveBytes.Zip([(good.Name, Utf8(good.Text)), .. names.Select(name => (name, Enumerable.Repeat((byte)'a', letters).ToArray()))]);

    /// <summary>Entries that escape the folder (<c>../../etc/x.txt</c>, <c>/etc/cron.txt</c>), a symbolic link (<c>passwd.txt</c>) and a good <c>ok.txt</c>.</summary>
    public static byte[] ZipSlip(string good) => ZipWithModes(
        ("../../etc/x.txt", Utf8("escape"), 0),
        ("/etc/cron.txt", Utf8("absolute"), 0),
        ("passwd.txt", Utf8("/etc/passwd"), 0xA1FF),
        ("ok.txt", Utf8(good), 0));

    /// <summary>The first half of a zip holding one document: its central directory is missing.</summary>
    public static byte[] TruncatedZip(string text)
    {
        var whole = ArchiveBytes.Zip(("a.txt", Utf8(text)));
        return whole[..(whole.Length / 2)];
    }

    /// <summary>A gzip signature followed by noise.</summary>
    public static byte[] GarbageTarGz() => [0x1F, 0x8B, .. RandomBytes(4096, seed: 12)];

    /// <summary>Level n: "level{n}.txt" and the archive of level n + 1; zips at odd levels, tar.gz at even, ten levels.</summary>
    public static byte[] Nested(int level)
    {
        var text = Utf8($"Level {level} of the nesting.");
        var child = level < 10 ? ($"nest{level + 1}.{(level % 2 == 0 ? "zip" : "tgz")}", Nested(level + 1)) : default;
        if (level % 2 == 1)
        {
            return child.Item2 is null ? ArchiveBytes.Zip(($"level{level}.txt", text)) : ArchiveBytes.Zip(($"level{level}.txt", text), (child.Item1, child.Item2));
        }

        var entries = new List<TarEntry> { new PaxTarEntry(TarEntryType.RegularFile, $"level{level}.txt") { DataStream = new MemoryStream(text) } };
        if (child.Item2 is not null)
        {
            entries.Add(new PaxTarEntry(TarEntryType.RegularFile, child.Item1) { DataStream = new MemoryStream(child.Item2) });
        }

        return ArchiveBytes.TarGz([.. entries]);
    }

    /// <summary>A zip; a non-zero mode is stored as the entry's Unix mode (0xA1FF: a symbolic link).</summary>
    public static byte[] ZipWithModes(params (string Name, byte[] Content, int Mode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.ExternalAttributes = mode << 16;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A JSON-lines batch, written to <paramref name="writer"/>: a good line, a line cut short (not JSON), a line whose
    /// text is a number, a line of <paramref name="longLineBytes"/> letters, and a last good line.
    /// </summary>
    public static void BrokenJsonLines(TextWriter writer, (string Url, string Text) first, (string Url, string Text) last, int longLineBytes)
    {
        writer.Write($"{{\"url\":\"{first.Url}\",\"text\":\"{first.Text}\"}}\n");
        writer.Write("{\"url\":\"https://example.org/two\",\"text\":\n");
        writer.Write("{\"url\":\"https://example.org/three\",\"text\":42}\n");
        writer.Write("{\"url\":\"https://example.org/four\",\"text\":\"");
        var chunk = new string('a', MB);
        for (var written = 0; written < longLineBytes; written += chunk.Length)
        {
            writer.Write(chunk);
        }

        writer.Write("\"}\n");
        writer.Write($"{{\"url\":\"{last.Url}\",\"text\":\"{last.Text}\"}}\n");
    }
}
