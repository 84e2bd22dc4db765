using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using static PartnershipMiner.Ingestion.Tests.ArchiveBytes;

namespace PartnershipMiner.Ingestion.Tests;

/// <summary>
/// Hostile input at the source: every input comes out as a document, a rejection or a skip with a reason, never an
/// exception, and the good inputs beside it still come through. Fixtures are generated here, in a temporary folder.
/// </summary>
public sealed class HostileSourceTests : IDisposable
{
    private const long MB = 1024 * 1024;
    private const string Good = "China and India reaffirmed their strategic partnership.";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Task<List<SourceItem>> ReadTree(string path, IngestionLimits? limits = null) =>
        new FileTreeSource([path], limits).ReadAllAsync();

    public static TheoryData<string, byte[], string> Decodable => new()
    {
        { "utf16le-bom.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Good)], Good },
        { "utf16be-bom.txt", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Good)], Good },
        { "utf16le.txt", Encoding.Unicode.GetBytes(Good), Good },
        { "utf16be.txt", Encoding.BigEndianUnicode.GetBytes(Good), Good },
        { "windows-1252.txt", Latin("Les deux pays ont sign\u00E9 un \u0093partenariat strat\u00E9gique\u0094."), "Les deux pays ont sign\u00E9 un \u201Cpartenariat strat\u00E9gique\u201D." },
        { "latin1.txt", Latin("S\u00E3o Tom\u00E9 and Pr\u00EDncipe, C\u00F4te d'Ivoire: a strategic partnership."), "S\u00E3o Tom\u00E9 and Pr\u00EDncipe, C\u00F4te d'Ivoire: a strategic partnership." },
        { "mixed-endings.txt", Encoding.UTF8.GetBytes("one\r\ntwo\rthree\nfour\u2028five"), "one\ntwo\nthree\nfour\nfive" },
        { "damaged-utf8.txt", [.. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Vi\u1EC7t Nam ", 20))), 0xC3], string.Concat(Enumerable.Repeat("Vi\u1EC7t Nam ", 20)) + "\uFFFD" },
    };

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "empty.txt", [], "empty file" },
        { "blank.md", Encoding.UTF8.GetBytes(" \t\r\n\u00A0\n   "), "no text (empty or whitespace only)" },
        { "image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52], "binary content (PNG image signature)" },
        { "program.md", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, .. new byte[64]], "binary content (ELF executable signature)" },
        { "random.txt", RandomBytes(64 * 1024, seed: 1), "binary content (NUL bytes in first 8 KB)" },
        { "nul.txt", [.. Encoding.UTF8.GetBytes(Good), 0, .. Encoding.UTF8.GetBytes(Good)], "binary content (NUL bytes in first 8 KB)" },
        { "control.txt", [.. Enumerable.Range(0, 4096).Select(i => (byte)(0x80 + (i % 0x7F)))], "not valid UTF-8 and no declared encoding" },
        { "odd-utf16.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Good), 0x41], "not valid utf-16le" },
        { "lone-surrogate.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("China "), 0x00, 0xD8, .. Encoding.Unicode.GetBytes(" India")], "not valid utf-16le" },
    };

    [Theory]
    [MemberData(nameof(Decodable))]
    public async Task TextInAnyCommonEncodingIsDecoded(string name, byte[] content, string expected)
    {
        var path = _folder.File(name, content);

        var items = await ReadTree(path);

        Assert.Equal(expected, Assert.IsType<AcceptedDocument>(Assert.Single(items)).Document.Text);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task WhatIsNotTextIsRefusedByNameWithAReason(string name, byte[] content, string reason)
    {
        _folder.File("a-before.txt", Good);
        var path = _folder.File(name, content);
        _folder.File("z-after.txt", Good + " Again.");

        var items = await ReadTree(_folder.Path);

        var rejection = Assert.Single(items.Rejections());
        Assert.Equal((path, reason), (rejection.Input, rejection.Reason));
        Assert.Equal(2, items.Documents().Count);
    }

    [Fact]
    public async Task AFileLargerThanTheLimitIsRefusedUnreadAndNamesItsSize()
    {
        var huge = _folder.Combine("huge.txt");
        using (var file = File.Create(huge))
        {
            file.SetLength(200 * MB); // sparse: no 200 MB written, and no newline in it
        }

        _folder.File("next.txt", Good);
        var watch = Stopwatch.StartNew();

        var items = await ReadTree(_folder.Path);

        Assert.Equal("larger than the 64 MB limit (200 MB)", items.Rejection("huge.txt").Reason);
        Assert.Equal(Good, items.Document("next.txt").Document.Text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}"); // reading 200 MB is not the way
    }

    [Fact]
    public async Task TenMillionOneLetterLinesAreReadAsOneDocument()
    {
        var path = _folder.File("lines.txt", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a\n", 10_000_000))));

        var items = await ReadTree(path);

        var document = Assert.IsType<AcceptedDocument>(Assert.Single(items)).Document;
        Assert.Equal(20_000_000, document.Text.Length);
    }

    [Fact]
    public async Task LinksDevicesAndPipesInsideAZipAreSkipped()
    {
        var path = _folder.File("modes.zip", ZipWithModes(
            ("passwd.txt", "/etc/passwd", 0xA1FF), // symbolic link: its content is the target's path
            ("zero.txt", "", 0x21B6), // character device
            ("disk.txt", "", 0x61B0), // block device
            ("pipe.txt", "", 0x11B6), // FIFO
            ("socket.txt", "", 0xC1ED),
            ("plain.txt", Good, 0x81A4), // a regular file, rw-r--r--
            ("dos.txt", Good + " From DOS.", 0))); // no Unix mode at all

        var items = await ReadTree(path);

        Assert.Equal(
            [("passwd.txt", "symbolic link (links are not followed)"), ("zero.txt", "device file"), ("disk.txt", "device file"), ("pipe.txt", "FIFO (named pipe)"), ("socket.txt", "socket")],
            items.Skips().Select(s => (s.Input[(path.Length + 2)..], s.Reason)));
        Assert.Equal([Good, Good + " From DOS."], items.Documents().Select(d => d.Document.Text));
        Assert.Empty(items.Rejections());
    }

    [Fact]
    public async Task ZipEntriesThatEscapeTheFolderAreRefusedAndNothingIsWritten()
    {
        var path = _folder.File("slip.zip", Zip(
            ("../../etc/x.txt", Text("escape")),
            ("/etc/cron.d/y.txt", Text("absolute")),
            ("a/../../../z.txt", Text("escape")),
            ("..\\..\\w.txt", Text("backslashes")),
            ("ok.txt", Text(Good))));

        var items = await ReadTree(path);

        Assert.Equal(4, items.Rejections().Count);
        Assert.All(items.Rejections(), r => Assert.StartsWith("archive entry escapes the target folder ('", r.Reason, StringComparison.Ordinal));
        Assert.Equal(Good, items.Document("slip.zip!/ok.txt").Document.Text);
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder.Path));
        foreach (var escaped in new[] { "../../etc/x.txt", "../../../z.txt", "../../w.txt" })
        {
            Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_folder.Path, escaped))), escaped);
        }
    }

    [Fact]
    public async Task ArchivesNestedTenDeepStopAtTheDepthLimit()
    {
        // Level n holds "level{n}.txt" and, below level 10, the archive of level n + 1: zips at odd levels, tar.gz at even.
        static string Name(int level) => $"nest{level}.{(level % 2 == 1 ? "zip" : "tgz")}";
        byte[]? inner = null;
        for (var level = 10; level >= 1; level--)
        {
            var text = $"Level {level}.";
            inner = (level % 2 == 1, inner) switch
            {
                (true, null) => Zip(($"level{level}.txt", Text(text))),
                (true, { } nested) => Zip(($"level{level}.txt", Text(text)), (Name(level + 1), nested)),
                (false, null) => TarGz(TarFile($"level{level}.txt", text)),
                (false, { } nested) => TarGz(TarFile($"level{level}.txt", text), TarFile(Name(level + 1), nested)),
            };
        }

        var path = _folder.File("nest1.zip", inner!);

        var items = await ReadTree(path);

        Assert.Equal(["Level 1.", "Level 2.", "Level 3."], items.Documents().Select(d => d.Document.Text));
        var rejection = Assert.Single(items.Rejections());
        Assert.Equal("archive nested deeper than the limit of 3 levels", rejection.Reason);
        Assert.Equal(path + "!/nest2.tgz!/nest3.zip!/nest4.tgz", rejection.Input);

        var deeper = await ReadTree(path, new IngestionLimits { MaxArchiveDepth = 16 });
        Assert.Equal(10, deeper.Documents().Count);
        Assert.Empty(deeper.Rejections());
    }

    [Fact]
    public async Task AZipBombAtTheDefaultLimitsStopsAtTheRatioAfterReadingLittle()
    {
        // 60 MB of one letter: under the 64 MB document limit, so only the expansion ratio can stop it.
        var path = _folder.File("bomb.zip", Zip(("letters.txt", Letters(60 * MB)), ("after.txt", Text(Good))));
        Assert.True(new FileInfo(path).Length < MB / 4, "the bomb should be tiny");
        var budget = new ExpansionBudget(IngestionLimits.Default.MaxArchiveExpandedBytes);

        var items = await new ArchiveReader().ReadAsync(path, budget, default).ReadAllAsync();

        Assert.StartsWith("expands past the 200:1 ratio limit (ratio ", items.Rejection("bomb.zip!/letters.txt").Reason, StringComparison.Ordinal);
        // The ratio is checked against the entry's compressed size, so at most 200 times that is ever inflated.
        Assert.True(budget.Expanded <= (200 * new FileInfo(path).Length) + MB, $"read {budget.Expanded} bytes");
        Assert.Equal(Good, items.Document("bomb.zip!/after.txt").Document.Text);
    }

    [Fact]
    public async Task AZipEntryThatLiesAboutItsSizeIsReadNoFurtherThanItClaims()
    {
        // The headers claim 100 bytes; the data inflates to 40 MB. The reader stops at the claim.
        var bytes = Zip(("liar.txt", Letters(40 * MB)), ("after.txt", Text(Good)));
        ClaimUncompressedSize(bytes, "liar.txt", 100);
        var path = _folder.File("liar.zip", bytes);
        var budget = new ExpansionBudget(IngestionLimits.Default.MaxArchiveExpandedBytes);

        var items = await new ArchiveReader().ReadAsync(path, budget, default).ReadAllAsync();

        Assert.True(budget.Expanded <= MB, $"read {budget.Expanded} bytes");
        Assert.DoesNotContain(items.Documents(), d => d.Document.Source.EndsWith("liar.txt", StringComparison.Ordinal) && d.Document.Text.Length > 100);
        Assert.Equal(Good, items.Document("liar.zip!/after.txt").Document.Text);
    }

    [Fact]
    public async Task CorruptAndTruncatedArchivesAreRefusedAndTheFolderGoesOn()
    {
        var zip = Zip(("a.txt", Text(Good)), ("b.txt", Letters(300_000)));
        var tgz = TarGz(TarFile("a.txt", Good), TarFile("b.txt", Letters(300_000)));
        _folder.File("cut.zip", zip[..(zip.Length / 3)]);
        _folder.File("cut.tgz", tgz[..(tgz.Length / 2)]);
        _folder.File("garbage.zip", RandomBytes(4096, seed: 2));
        _folder.File("garbage.tar.gz", [0x1F, 0x8B, .. RandomBytes(4096, seed: 3)]);
        var flipped = (byte[])zip.Clone();
        flipped[40] ^= 0xFF; // inside the first entry's compressed data
        _folder.File("flipped.zip", flipped);
        _folder.File("z.txt", Good);

        var items = await ReadTree(_folder.Path);

        Assert.Equal(Good, items.Document("z.txt").Document.Text);
        foreach (var name in new[] { "cut.zip", "cut.tgz", "garbage.zip", "garbage.tar.gz" })
        {
            Assert.Contains(items.Rejections(), r => r.Input.StartsWith(_folder.Combine(name), StringComparison.Ordinal) && r.Reason.Length > 0);
        }
    }

    [Fact]
    public async Task HostileHtmlIsReadOrRefusedInBoundedTime()
    {
        var page = "<html><body><p>" + Good + "</p>";
        var cases = new (string Name, string Html, string? Reason)[]
        {
            ("deep.html", string.Concat(Enumerable.Repeat("<div>", 100_000)) + "x", "HTML nests deeper than 1000 elements"),
            ("unclosed-b.html", "<html><body>" + string.Concat(Enumerable.Repeat("<b>x", 100_000)), "HTML nests deeper than 1000 elements"),
            ("unclosed-a.html", "<html><body>" + string.Concat(Enumerable.Repeat("<a href=x>y", 50_000)), "HTML nests deeper than 1000 elements"),
            ("unclosed-p.html", page + string.Concat(Enumerable.Repeat("<p>more text", 100_000)), null),
            ("misnested.html", page + string.Concat(Enumerable.Repeat("<b><i>x</b></i>", 100_000)), null),
            ("reopened.html", "<html><body><p>" + string.Concat(Enumerable.Range(0, 990).Select(n => $"<b id={n}>")) + "</p>" + string.Concat(Enumerable.Repeat("<p>x", 10_000)),
                "HTML leaves so many formatting tags unclosed that parsing it would copy them more than 100,000 times"),
            ("unclosed-in-cells.html", page + "<table>" + string.Concat(Enumerable.Repeat("<tr><td><b>cell</td><td><font size=2>more</td></tr>", 5_000)) + "</table><p>after", null),
            ("few-unclosed.html", page + "<p><b>bold<p><i>italic" + string.Concat(Enumerable.Repeat("<p>more text", 2_000)), null),
            ("old-fonts.html", page + string.Concat(Enumerable.Repeat("<p><font face=\"Arial\" size=\"2\">text", 500)), null),
            ("old-anchors.html", page + string.Concat(Enumerable.Range(0, 750).Select(n => n % 3 == 0 ? $"<p><a name=s{n}>section {n}" : "<p>text")), null),
            ("reopened-slash.html", "<html><body><p>" + string.Concat(Enumerable.Range(0, 990).Select(n => $"<b id={n}/>")) + "</p>" + string.Concat(Enumerable.Repeat("<p>x", 10_000)),
                "HTML leaves so many formatting tags unclosed that parsing it would copy them more than 100,000 times"),
            ("reopened-in-cell.html", "<html><body><table><tr><td>" + string.Concat(Enumerable.Range(0, 2_000).Select(n => $"<p><b id={n}>x")),
                "HTML leaves so many formatting tags unclosed that parsing it would copy them more than 100,000 times"),
            ("reopened-table.html", "<html><body><table><p>" + string.Concat(Enumerable.Range(0, 990).Select(n => $"<b id={n}>")) + "</table>" + string.Concat(Enumerable.Repeat("<p>x", 10_000)),
                "HTML leaves so many formatting tags unclosed that parsing it would copy them more than 100,000 times"),
            ("script.html", page + "<script>" + HostileRepeat("var a = '<p>';//", 50 * MB) + "</script></body></html>", null),
            ("amp-flood.html", page + "<p>" + HostileRepeat("&amp;", 5_000_000 * 5) + "</p></body></html>", null),
            ("bad-entities.html", page + "<p>" + HostileRepeat("&#xD800;&#0;&#x110000;&bogus;&", 1 * MB) + "</p></body></html>", null),
        };
        foreach (var (name, html, _) in cases)
        {
            _folder.File(name, html);
        }

        var watch = Stopwatch.StartNew();
        var items = await ReadTree(_folder.Path);

        foreach (var (name, _, reason) in cases)
        {
            if (reason is not null)
            {
                Assert.Equal(reason, items.Rejection(name).Reason);
                continue;
            }

            var text = items.Document(name).Document.Text;
            Assert.StartsWith(Good, text, StringComparison.Ordinal);
            Assert.DoesNotContain("var a", text, StringComparison.Ordinal);
            Assert.False(text.Any(char.IsSurrogate), $"{name}: a surrogate in the text");
            Assert.DoesNotContain('\0', text);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task JsonLinesWithBrokenLinesWrongTypesAndAHundredMegabyteLine()
    {
        var path = _folder.Combine("batch.jsonl");
        using (var file = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            file.Write("{\"url\":\"u1\",\"text\":\"" + Good + "\"}\n");
            file.Write("{\"url\":\"u2\",\"text\":\n");
            file.Write("{\"url\":true,\"text\":\"x\"}\n");
            file.Write("{\"text\":{\"nested\":1}}\n");
            file.Write("{\"text\":\"x\",\"date\":20190101}\n");
            file.Write("{\"text\":\"x\",\"date\":\"2019-02-31\"}\n");
            file.Write("\"just a string\"\n");
            file.Write("{\"text\":\"" + string.Concat(Enumerable.Repeat("[", 100)) + "\"}" + string.Concat(Enumerable.Repeat("[", 100)) + "\n");
            file.Write("{\"url\":\"big\",\"text\":\"");
            var chunk = new string('a', 1024 * 1024);
            for (var i = 0; i < 100; i++)
            {
                file.Write(chunk);
            }

            file.Write("\"}\n");
            file.Write("{\"url\":\"u3\",\"text\":\"" + Good + " Again.\"}\n");
        }

        var items = await ReadTree(path);

        Assert.Equal(["u1", "u3"], items.Documents().Select(d => d.Document.Source));
        Assert.StartsWith("not valid JSON", items.Rejection("batch.jsonl:line 2").Reason, StringComparison.Ordinal);
        Assert.Equal("field 'url' must be a string, not a boolean", items.Rejection("batch.jsonl:line 3").Reason);
        Assert.Equal("field 'text' must be a string, not an object", items.Rejection("batch.jsonl:line 4").Reason);
        Assert.Equal("field 'date' must be a string, not a number", items.Rejection("batch.jsonl:line 5").Reason);
        Assert.Equal("field 'date' is not a date ('2019-02-31')", items.Rejection("batch.jsonl:line 6").Reason);
        Assert.Equal("not a JSON object (a string)", items.Rejection("batch.jsonl:line 7").Reason);
        Assert.StartsWith("not valid JSON", items.Rejection("batch.jsonl:line 8").Reason, StringComparison.Ordinal);
        Assert.Equal("line longer than the 64 MB limit (100 MB)", items.Rejection("batch.jsonl:line 9").Reason);
        Assert.True(items.Rejections().Count == 8, string.Join("\n", items.Rejections().Select(r => $"{r.Input}: {r.Reason}")));
    }

    private static byte[] Latin(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Letters(long count) => Enumerable.Repeat((byte)'a', checked((int)count)).ToArray();

    private static string HostileRepeat(string unit, long length) => string.Concat(Enumerable.Repeat(unit, (int)(length / unit.Length)));

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A zip whose entries carry a Unix mode (file type and permissions) in the upper half of their external attributes.</summary>
    private static byte[] ZipWithModes(params (string Name, string Text, int Mode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text, mode) in entries)
            {
                var entry = zip.CreateEntry(name);
                entry.ExternalAttributes = mode << 16;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Rewrites the uncompressed size of entry <paramref name="name"/> in its local header and the central directory.</summary>
    private static void ClaimUncompressedSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var at = 0; at + 46 < zip.Length; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at));
            if (signature == 0x04034b50 && zip.AsSpan(at + 30, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + 22), size);
            }
            else if (signature == 0x02014b50 && zip.AsSpan(at + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + 24), size);
            }
        }
    }
}
