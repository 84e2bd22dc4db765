using System.Formats.Tar;
using static PartnershipMiner.Ingestion.Tests.ArchiveBytes;

namespace PartnershipMiner.Ingestion.Tests;

public sealed class ArchiveReaderTests : IDisposable
{
    private const long MB = 1024 * 1024;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Relative(string source) => Path.GetRelativePath(_folder.Path, source);

    private static Task<List<SourceItem>> Read(string path, IngestionLimits? limits = null) =>
        new ArchiveReader(limits).ReadAsync(path).ReadAllAsync();

    [Fact]
    public async Task ZipWithNestedFolders()
    {
        var path = _folder.File("batch.zip", Zip(
            ("reports/", []),
            ("reports/2019/statement.txt", Text("Joint statement on the comprehensive partnership.")),
            ("reports/notes.md", Text("# Notes\r\nThe ministers met twice.")),
            ("press/release.html", Text("<html><head><title>Talks | Ministry</title></head><body><p>The ministers agreed to expand cooperation.</p></body></html>")),
            ("images/logo.png", [0x89, 0x50, 0x4E, 0x47])));

        var items = await Read(path);

        Assert.Equal("Joint statement on the comprehensive partnership.", items.Document("batch.zip!/reports/2019/statement.txt").Document.Text);
        Assert.Equal("# Notes\nThe ministers met twice.", items.Document("batch.zip!/reports/notes.md").Document.Text);
        var html = items.Document("batch.zip!/press/release.html").Document;
        Assert.Equal("Talks", html.Title);
        Assert.Equal("The ministers agreed to expand cooperation.", html.Text);
        Assert.Equal("unsupported extension '.png'", Assert.Single(items.Skips()).Reason);
        Assert.Equal(path + "!/images/logo.png", items.Skips()[0].Input);
        Assert.Empty(items.Rejections());
    }

    [Fact]
    public async Task TarGzReadsRegularFilesAndSkipsLinksAndDevices()
    {
        var path = _folder.File("batch.tar.gz", TarGz(
            new PaxTarEntry(TarEntryType.Directory, "docs/"),
            TarFile("docs/a.txt", "Upgrade to a strategic partnership."),
            TarFile("./docs/b.md", "Reaffirmed the partnership."),
            new PaxTarEntry(TarEntryType.SymbolicLink, "docs/passwd.txt") { LinkName = "/etc/passwd" },
            new PaxTarEntry(TarEntryType.HardLink, "docs/copy.txt") { LinkName = "docs/a.txt" },
            new PaxTarEntry(TarEntryType.CharacterDevice, "docs/zero.txt") { DeviceMajor = 1, DeviceMinor = 5 },
            new PaxTarEntry(TarEntryType.Fifo, "docs/pipe.txt")));

        var items = await Read(path);

        Assert.Equal(["batch.tar.gz!/docs/a.txt", "batch.tar.gz!/docs/b.md"], items.Documents().Select(d => Relative(d.Document.Source)));
        Assert.Equal(
            ["symbolic link (links are not followed)", "hard link (links are not followed)", "device file", "FIFO (named pipe)"],
            items.Skips().Select(s => s.Reason));
        Assert.Equal(path + "!/docs/passwd.txt", items.Skips()[0].Input);
        Assert.Empty(items.Rejections());
    }

    [Fact]
    public async Task ZipSlipNamesAreRejected()
    {
        var path = _folder.File("slip.zip", Zip(
            ("../../etc/x.txt", Text("escape")),
            ("/abs/path.txt", Text("absolute")),
            ("safe/../../up.txt", Text("escape again")),
            ("C:\\Windows\\win.txt", Text("drive")),
            ("ok.txt", Text("A normal document."))));

        var items = await Read(path);

        Assert.Equal("A normal document.", items.Document("slip.zip!/ok.txt").Document.Text);
        var rejections = items.Rejections();
        Assert.Equal(4, rejections.Count);
        Assert.All(rejections, r => Assert.StartsWith("archive entry escapes the target folder", r.Reason, StringComparison.Ordinal));
        Assert.Equal("archive entry escapes the target folder ('../../etc/x.txt' contains '..')", rejections[0].Reason);
        Assert.Equal("archive entry escapes the target folder ('/abs/path.txt' is an absolute path)", rejections[1].Reason);
        Assert.Equal(path + "!/../../etc/x.txt", rejections[0].Input);
    }

    [Fact]
    public async Task TarSlipNamesAreRejected()
    {
        var path = _folder.File("slip.tgz", TarGz(TarFile("../outside.txt", "escape"), TarFile("inside.txt", "A normal document.")));

        var items = await Read(path);

        Assert.Single(items.Documents());
        Assert.Equal("archive entry escapes the target folder ('../outside.txt' contains '..')", Assert.Single(items.Rejections()).Reason);
    }

    [Fact]
    public async Task AnOversizedTarHeaderRejectsTheArchiveBeforeItIsHeldInMemory()
    {
        // 2 MB of extended attributes that barely compress: under every ratio limit, but a header no archive needs.
        var noise = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(1_500_000));
        var bloated = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "b.txt", new Dictionary<string, string> { ["comment"] = noise })
        {
            DataStream = new MemoryStream(Text("Never read.")),
        };
        var longName = "statements/" + new string('n', 300) + ".txt";
        var path = _folder.File("pax.tgz", TarGz(TarFile(longName, "A document with a long name."), bloated, TarFile("c.txt", "After the bloated header.")));

        var items = await Read(path);

        Assert.Equal("A document with a long name.", Assert.Single(items.Documents()).Document.Text);
        Assert.Equal("a tar header (long name or extended attributes) larger than 1 MB", Assert.Single(items.Rejections()).Reason);
    }

    [Fact]
    public async Task ZipBombStopsAtTheExpansionLimit()
    {
        var path = _folder.File("bomb.zip", Zip(("zeros.txt", new byte[50 * MB]), ("after.txt", Text("never reached"))));
        var limits = new IngestionLimits { MaxArchiveExpandedBytes = 10 * MB, MaxExpansionRatio = 1_000_000, MaxDocumentBytes = 100 * MB };
        var budget = new ExpansionBudget(limits.MaxArchiveExpandedBytes);

        var items = await new ArchiveReader(limits).ReadAsync(path, budget, default).ReadAllAsync();

        var rejection = Assert.Single(items);
        Assert.Equal(path + "!/zeros.txt", Assert.IsType<SourceRejection>(rejection).Input);
        Assert.StartsWith("expands past the 10 MB limit (ratio ", ((SourceRejection)rejection).Reason, StringComparison.Ordinal);
        Assert.True(budget.Expanded <= 10 * MB + 128 * 1024, $"read {budget.Expanded} bytes");
    }

    [Fact]
    public async Task ZipBombStopsAtTheExpansionRatio()
    {
        var path = _folder.File("ratio.zip", Zip(("zeros.txt", new byte[8 * MB]), ("fine.txt", Text("A normal document."))));
        var budget = new ExpansionBudget(IngestionLimits.Default.MaxArchiveExpandedBytes);

        var items = await new ArchiveReader().ReadAsync(path, budget, default).ReadAllAsync();

        var rejection = items.Rejection("ratio.zip!/zeros.txt");
        Assert.StartsWith("expands past the 200:1 ratio limit (ratio ", rejection.Reason, StringComparison.Ordinal);
        Assert.True(budget.Expanded < 2 * MB, $"read {budget.Expanded} bytes");
        Assert.Single(items.Documents()); // the ratio is per entry: the next entry is still read
    }

    [Fact]
    public async Task TarGzBombStopsAtTheExpansionRatio()
    {
        var path = _folder.File("bomb.tgz", TarGz(TarFile("zeros.txt", new byte[16 * MB]), TarFile("after.txt", "never reached")));
        var budget = new ExpansionBudget(IngestionLimits.Default.MaxArchiveExpandedBytes);

        var items = await new ArchiveReader().ReadAsync(path, budget, default).ReadAllAsync();

        var rejection = Assert.IsType<SourceRejection>(Assert.Single(items));
        Assert.Contains("ratio limit", rejection.Reason, StringComparison.Ordinal);
        Assert.True(budget.Expanded < 2 * MB, $"read {budget.Expanded} bytes");
    }

    [Fact]
    public async Task NestedArchivesUpToTheDepthLimit()
    {
        var level4 = Zip(("four.txt", Text("Level four.")));
        var level3 = Zip(("three.txt", Text("Level three.")), ("deeper.zip", level4));
        var level2 = TarGz(TarFile("two.txt", "Level two."), TarFile("inner.zip", level3));
        var path = _folder.File("outer.zip", Zip(("one.txt", Text("Level one.")), ("nested/inner.tgz", level2)));

        var items = await Read(path);

        Assert.Equal(
            ["outer.zip!/one.txt", "outer.zip!/nested/inner.tgz!/two.txt", "outer.zip!/nested/inner.tgz!/inner.zip!/three.txt"],
            items.Documents().Select(d => Relative(d.Document.Source)));
        var rejection = Assert.Single(items.Rejections());
        Assert.Equal(path + "!/nested/inner.tgz!/inner.zip!/deeper.zip", rejection.Input);
        Assert.Equal("archive nested deeper than the limit of 3 levels", rejection.Reason);
    }

    [Fact]
    public async Task TruncatedZipIsRejectedByName()
    {
        var bytes = Zip(("a.txt", Text("Some text that will be cut off.")));
        var path = _folder.File("broken.zip", bytes[..(bytes.Length / 2)]);

        var items = await Read(path);

        var rejection = Assert.IsType<SourceRejection>(Assert.Single(items));
        Assert.Equal(path, rejection.Input);
        Assert.StartsWith("not a readable zip archive", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedTarGzIsRejectedByName()
    {
        var bytes = TarGz(TarFile("a.txt", new byte[200_000]), TarFile("b.txt", "text"));
        var path = _folder.File("broken.tgz", bytes[..(bytes.Length / 2)]);

        var items = await Read(path);

        Assert.Contains(items.Rejections(), r => r.Input.StartsWith(path, StringComparison.Ordinal));
        Assert.Empty(items.Documents());
    }

    [Fact]
    public async Task TooManyEntriesRejectsTheArchive()
    {
        var path = _folder.File("many.zip", Zip([.. Enumerable.Range(0, 5).Select(i => ($"{i}.txt", Text($"Document {i}.")))]));

        var items = await Read(path, new IngestionLimits { MaxArchiveEntries = 3 });

        var rejection = Assert.IsType<SourceRejection>(Assert.Single(items));
        Assert.Equal("archive has 5 entries, more than the limit of 3", rejection.Reason);
    }

    [Fact]
    public async Task OversizedAndBinaryEntriesAreRejectedAndTheRestRead()
    {
        var path = _folder.File("mixed.zip", Zip(
            ("big.txt", new byte[500].Select(_ => (byte)'a').ToArray()),
            ("picture.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]),
            ("small.txt", Text("A short statement."))));

        var items = await Read(path, new IngestionLimits { MaxDocumentBytes = 100 });

        Assert.Equal("larger than the 100 bytes limit (500 bytes)", items.Rejection("mixed.zip!/big.txt").Reason);
        Assert.Equal("binary content (PNG image signature)", items.Rejection("mixed.zip!/picture.txt").Reason);
        Assert.Equal("A short statement.", items.Document("mixed.zip!/small.txt").Document.Text);
    }
}
