using static PartnershipMiner.Ingestion.Tests.ArchiveBytes;

namespace PartnershipMiner.Ingestion.Tests;

public sealed class FileTreeSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Relative(string input) => Path.GetRelativePath(_folder.Path, input);

    private static string InputOf(SourceItem item) => item switch
    {
        AcceptedDocument d => d.Document.Source,
        SourceRejection r => r.Input,
        SourceSkip s => s.Input,
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    [Fact]
    public async Task WalksFoldersRecursivelyInOrdinalOrder()
    {
        _folder.File("b.txt", "Second lower-case file.");
        _folder.File("a.md", "First lower-case file.");
        _folder.File("B.txt", "Upper-case sorts first.");
        _folder.File("sub/c.html", "<p>Nested page.</p>");
        _folder.File("sub/d.pdf", "not read");
        _folder.File(".hidden/x.txt", "hidden");

        var items = await new FileTreeSource([_folder.Path]).ReadAllAsync();

        Assert.Equal([".hidden", "B.txt", "a.md", "b.txt", "sub/c.html", "sub/d.pdf"], items.Select(i => Relative(InputOf(i))));
        Assert.Equal(4, items.Documents().Count);
        Assert.Equal(["hidden", "unsupported extension '.pdf'"], items.Skips().Select(s => s.Reason));
        Assert.Equal("Nested page.", items.Document("sub/c.html").Document.Text);
    }

    [Fact]
    public async Task BinaryFilesWithTextExtensionsAreRejectedByName()
    {
        _folder.File("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        _folder.File("program.txt", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
        _folder.File("nul.md", [.. "text"u8, 0, .. "more"u8]);
        _folder.File("fine.txt", "Still read.");

        var items = await new FileTreeSource([_folder.Path]).ReadAllAsync();

        Assert.Equal("binary content (PNG image signature)", items.Rejection("/image.txt").Reason);
        Assert.Equal("binary content (ELF executable signature)", items.Rejection("/program.txt").Reason);
        Assert.Equal("binary content (NUL bytes in first 8 KB)", items.Rejection("/nul.md").Reason);
        Assert.Equal(_folder.Combine("image.txt"), items.Rejection("/image.txt").Input);
        Assert.Single(items.Documents());
    }

    [Fact]
    public async Task HtmlInADeclaredLegacyCharset()
    {
        byte[] page =
        [
            .. "<html><head><meta charset=\"windows-1252\"><title>D"u8, 0xE9, .. "claration commune | Minist"u8, 0xE8, .. "re</title></head>"u8,
            .. "<body><p>Les deux pays ont convenu d"u8, 0x92, .. "un "u8, 0x93, .. "partenariat strat"u8, 0xE9, .. "gique"u8, 0x94, .. ".</p></body></html>"u8,
        ];
        _folder.File("declaration.html", page);

        var items = await new FileTreeSource([_folder.Path]).ReadAllAsync();

        var document = items.Document("declaration.html").Document;
        Assert.Equal("Déclaration commune", document.Title);
        Assert.Equal("Les deux pays ont convenu d\u2019un \u201Cpartenariat stratégique\u201D.", document.Text);
    }

    [Fact]
    public async Task CorruptArchiveIsRejectedAndTheFolderStillRead()
    {
        var zip = Zip(("a.txt", Text("Inside the archive.")));
        _folder.File("a-corrupt.zip", zip[..(zip.Length - 30)]);
        _folder.File("b-good.zip", zip);
        _folder.File("c.txt", "Next to the archives.");

        var items = await new FileTreeSource([_folder.Path]).ReadAllAsync();

        Assert.StartsWith("not a readable zip archive", items.Rejection("a-corrupt.zip").Reason, StringComparison.Ordinal);
        Assert.Equal(["b-good.zip!/a.txt", "c.txt"], items.Documents().Select(d => Relative(d.Document.Source)));
    }

    [Fact]
    public async Task SizeLimitEmptyFilesAndMissingPaths()
    {
        _folder.File("large.txt", new string('a', 2048));
        _folder.File("empty.txt", "");
        _folder.File("blank.txt", " \r\n\t ");
        var missing = _folder.Combine("missing");

        var items = await new FileTreeSource([_folder.Path, missing], new IngestionLimits { MaxDocumentBytes = 1024 }).ReadAllAsync();

        Assert.Equal("larger than the 1 KB limit (2 KB)", items.Rejection("large.txt").Reason);
        Assert.Equal("empty file", items.Rejection("empty.txt").Reason);
        Assert.Equal("no text (empty or whitespace only)", items.Rejection("blank.txt").Reason);
        Assert.Equal("no such file or folder", items.Rejection("missing").Reason);
    }

    [Fact]
    public async Task SymbolicLinksAreNotFollowedOutOfTheRoots()
    {
        using var outside = new TempFolder();
        var secret = outside.File("secret.txt", "Outside the root.");
        var root = _folder.Combine("root");
        var inside = _folder.File("root/real/inside.txt", "Inside the root.");
        File.CreateSymbolicLink(Path.Combine(root, "to-outside.txt"), secret);
        File.CreateSymbolicLink(Path.Combine(root, "to-inside.txt"), inside);
        Directory.CreateSymbolicLink(Path.Combine(root, "to-outside-folder"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(root, "loop"), root);
        File.CreateSymbolicLink(Path.Combine(root, "broken.txt"), Path.Combine(root, "nowhere.txt"));

        var items = await new FileTreeSource([root]).ReadAllAsync();

        Assert.Equal(["root/real/inside.txt", "root/to-inside.txt"], items.Documents().Select(d => Relative(d.Document.Source)));
        Assert.DoesNotContain(items.Documents(), d => d.Document.Text.Contains("Outside", StringComparison.Ordinal));
        Assert.Equal("broken symbolic link", items.Skips().Single(s => s.Input.EndsWith("broken.txt", StringComparison.Ordinal)).Reason);
        Assert.StartsWith("symbolic link to a folder", items.Skips().Single(s => s.Input.EndsWith("loop", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.StartsWith("symbolic link leading outside", items.Skips().Single(s => s.Input.EndsWith("to-outside.txt", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.StartsWith("symbolic link leading outside", items.Skips().Single(s => s.Input.EndsWith("to-outside-folder", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinkWhoseTargetPassesThroughALinkedFolderIsJudgedByWhereItReallyLeads()
    {
        // "x.txt -> d/secret.txt" looks as if it stays in the root, but "d" leads out of it.
        using var outside = new TempFolder();
        outside.File("secret.txt", "Outside the root.");
        var root = _folder.Combine("root");
        _folder.File("root/real/inside.txt", "Inside the root.");
        Directory.CreateSymbolicLink(Path.Combine(root, "d"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(root, "r"), Path.Combine(root, "real"));
        File.CreateSymbolicLink(Path.Combine(root, "x.txt"), Path.Combine("d", "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "y.txt"), Path.Combine("r", "inside.txt"));

        // ".." after a linked folder climbs from where the link leads: "e/../z.txt" is outside/z.txt, not root/z.txt.
        outside.File("deep/dir/note.txt", "Outside too.");
        outside.File("deep/z.txt", "Outside, one level up.");
        _folder.File("root/z.txt", "The decoy inside.");
        Directory.CreateSymbolicLink(Path.Combine(root, "e"), Path.Combine(outside.Path, "deep", "dir"));
        File.CreateSymbolicLink(Path.Combine(root, "w.txt"), Path.Combine("e", "..", "z.txt"));

        var items = await new FileTreeSource([root]).ReadAllAsync();

        Assert.DoesNotContain(items.Documents(), d => d.Document.Text.Contains("Outside", StringComparison.Ordinal));
        Assert.StartsWith("symbolic link leading outside", items.Skips().Single(s => s.Input.EndsWith("x.txt", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.StartsWith("symbolic link leading outside", items.Skips().Single(s => s.Input.EndsWith("w.txt", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.Equal(["root/real/inside.txt", "root/y.txt", "root/z.txt"], items.Documents().Select(d => Relative(d.Document.Source)));
    }

    [Fact]
    public async Task ANamedPipeMetWhileWalkingIsRejectedWithoutBeingOpened()
    {
        // Opening a FIFO for reading blocks until a writer comes: the walk must judge it by the listing's length alone.
        _folder.File("a.txt", "Read before the pipe.");
        var pipe = _folder.Combine("pipe.txt");
        Assert.Equal(0, MakeFifo(pipe, Convert.ToUInt32("644", 8)));
        _folder.File("z.txt", "Read after the pipe.");

        var reading = new FileTreeSource([_folder.Path]).ReadAllAsync();
        var items = await reading.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("empty file", items.Rejection("pipe.txt").Reason);
        Assert.Equal(["a.txt", "z.txt"], items.Documents().Select(d => Relative(d.Document.Source)));
    }

    [Fact]
    public async Task ARelativeRootGivesRelativeSourcesAndTheirLengthsAreRead()
    {
        _folder.File("docs/one.txt", "First document.");
        _folder.File("docs/deeper/two.txt", new string('b', 5000) + ".");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _folder.Combine("docs"));

        var items = await new FileTreeSource([relative]).ReadAllAsync();

        Assert.Equal([Path.Join(relative, "deeper", "two.txt"), Path.Join(relative, "one.txt")], items.Documents().Select(d => d.Document.Source));
        Assert.Equal(5001, items.Documents()[0].Document.Text.Length);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPStr)] string path, uint mode);

    [Fact]
    public async Task TwoRunsYieldTheSameSequence()
    {
        for (var i = 0; i < 30; i++)
        {
            _folder.File($"d{i % 4}/f{i}.txt", $"Document number {i}.");
        }

        var first = await new FileTreeSource([_folder.Path]).ReadAllAsync();
        var second = await new FileTreeSource([_folder.Path]).ReadAllAsync();

        Assert.Equal(first.Select(InputOf), second.Select(InputOf));
        Assert.Equal(first.Select(InputOf).Order(StringComparer.Ordinal), first.Select(InputOf));
    }

    [Fact]
    public async Task CancellationStopsTheWalk()
    {
        _folder.File("a.txt", "One.");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in new FileTreeSource([_folder.Path]).ReadAsync(cancel.Token))
            {
            }
        });
    }
}
