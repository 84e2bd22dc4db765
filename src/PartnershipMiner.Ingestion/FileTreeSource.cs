using System.Runtime.CompilerServices;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Documents from files and folders: <c>.txt</c>, <c>.md</c>, <c>.html</c>/<c>.htm</c>, archives
/// (<c>.zip</c>, <c>.tar.gz</c>, <c>.tgz</c>) and JSON-lines batches (<c>.jsonl</c>). Folders are walked recursively,
/// each level in ordinal name order, so two runs over the same tree yield the same sequence. Other files, hidden
/// entries and symbolic links that lead out of the given roots are reported as skipped. The paths are read in the
/// order given; a document's source is its path as found under the given root.
/// </summary>
public sealed class FileTreeSource : IDocumentSource
{
    private readonly IReadOnlyList<string> _paths;
    private readonly IReadOnlyList<string>? _confineTo;
    private readonly IngestionLimits _limits;
    private readonly DocumentDecoder _decoder;
    private readonly ArchiveReader _archives;
    private readonly JsonLinesReader _jsonLines;

    /// <param name="confineTo">
    /// Folders that files named in <paramref name="paths"/> must stay in, as files met while walking must (a worker's
    /// inbox): a link among them is read only when its real path is inside, and nothing is opened before its length is
    /// known, so a named pipe or device is refused unopened. Null reads named files wherever they lead: the caller chose them.
    /// </param>
    public FileTreeSource(IEnumerable<string> paths, IngestionLimits? limits = null, IEnumerable<string>? confineTo = null)
    {
        _paths = [.. paths];
        _confineTo = confineTo is null ? null : [.. confineTo.Where(Directory.Exists).SelectMany(RootForms).Distinct(StringComparer.Ordinal)];
        _limits = limits ?? IngestionLimits.Default;
        var html = new HtmlArticleExtractor(_limits);
        _decoder = new DocumentDecoder(html);
        _archives = new ArchiveReader(_limits, html);
        _jsonLines = new JsonLinesReader(_decoder, _limits.MaxDocumentBytes);
    }

    public async IAsyncEnumerable<SourceItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var roots = _paths.Where(Directory.Exists).SelectMany(RootForms).Distinct(StringComparer.Ordinal).ToList();
        foreach (var path in _paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IAsyncEnumerable<SourceItem> items;
            if (Directory.Exists(path))
            {
                items = WalkAsync(path, roots, cancellationToken);
            }
            else if (File.Exists(path) && _confineTo is not null)
            {
                items = ConfinedProblem(path, _confineTo) is { } problem ? One(problem) : ReadFileAsync(path, cancellationToken);
            }
            else if (File.Exists(path))
            {
                // A file named explicitly is read even when it is a link: the caller chose it.
                items = ReadFileAsync(path, cancellationToken);
            }
            else
            {
                items = One(new SourceRejection(path, "no such file or folder"));
            }

            await foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Depth-first with an explicit stack; children of each folder in ordinal order. A folder's listing says what each
    /// child is and how long (one stat each), so a plain file is read without asking again; links take the careful path.
    /// </summary>
    private async IAsyncEnumerable<SourceItem> WalkAsync(string root, List<string> roots, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new Stack<WalkEntry>();
        pending.Push(new WalkEntry(root, WalkEntryKind.Folder, 0));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = pending.Pop();
            var path = entry.Path;
            if (path != root && Classify(entry, roots) is { } outcome)
            {
                yield return outcome;
                continue;
            }

            if (entry.Kind == WalkEntryKind.Folder || (entry.Kind == WalkEntryKind.Link && Directory.Exists(path)))
            {
                List<WalkEntry> children;
                string? failure = null;
                try
                {
                    children = WalkEntry.Children(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    children = [];
                    failure = FailureReason.Of(e);
                }

                if (failure is not null)
                {
                    yield return new SourceRejection(path, $"folder could not be listed: {failure}");
                    continue;
                }

                children.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    pending.Push(children[i]);
                }

                continue;
            }

            var kind = InputKinds.Of(path);
            if (entry.Kind == WalkEntryKind.File && kind is InputKind.Text or InputKind.Html)
            {
                yield return ReadListedDocument(path, kind, entry.Length);
                continue;
            }

            await foreach (var item in ReadFileAsync(path, cancellationToken))
            {
                yield return item;
            }
        }
    }

    /// <summary>Why an entry met while walking is not read, or null when it should be.</summary>
    private static SourceSkip? Classify(WalkEntry entry, List<string> roots)
    {
        var path = entry.Path;
        var name = Path.GetFileName(path);
        if (name.StartsWith('.'))
        {
            return new SourceSkip(path, "hidden");
        }

        if (entry.Kind != WalkEntryKind.Link)
        {
            return entry.Kind == WalkEntryKind.File && InputKinds.Of(name) == InputKind.Unsupported
                ? new SourceSkip(path, InputKinds.UnsupportedReason(name))
                : null;
        }

        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return info is FileInfo && InputKinds.Of(name) == InputKind.Unsupported
                ? new SourceSkip(path, InputKinds.UnsupportedReason(name))
                : null;
        }

        if (LinkProblem(path, roots, out _) is { } problem)
        {
            return new SourceSkip(path, problem);
        }

        return InputKinds.Of(name) == InputKind.Unsupported ? new SourceSkip(path, InputKinds.UnsupportedReason(name)) : null;
    }

    /// <summary>
    /// Why a named file may not be read within <paramref name="roots"/>, or null: a link that is broken, leads to a
    /// folder or leads out (judged by its real path); a file of length zero (empty, or a pipe or device, which report
    /// zero and would block when opened). Rejections, not skips: whoever confined the source quarantines what it refused.
    /// </summary>
    private static SourceRejection? ConfinedProblem(string path, IReadOnlyList<string> roots)
    {
        try
        {
            return LinkProblem(path, roots, out var real) is { } problem ? new SourceRejection(path, problem)
                : new FileInfo(real!).Length == 0 ? new SourceRejection(path, "empty file (or not a regular file)")
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SourceRejection(path, FailureReason.Of(e));
        }
    }

    /// <summary>
    /// Why a path that is, or runs through, a symbolic link may not be read within <paramref name="roots"/>, or null with
    /// its <paramref name="real"/> path, a file inside them. Judged by the real path, as the kernel resolves it when
    /// the file is opened: .NET's ResolveLinkTarget folds "d/../z.txt" by the text, and a target's path may run through a
    /// linked folder. Linked folders inside the roots are not followed (that could loop): their files are read where they lie.
    /// </summary>
    private static string? LinkProblem(string path, IReadOnlyList<string> roots, out string? real)
    {
        var resolved = RealPath.Of(path);
        real = resolved;
        return resolved is null ? "symbolic links that loop"
            : !File.Exists(resolved) && !Directory.Exists(resolved) ? "broken symbolic link"
            : !roots.Any(r => IsUnder(resolved, r)) ? "symbolic link leading outside the given roots (not followed)"
            : Directory.Exists(resolved) ? "symbolic link to a folder (not followed; its target is read where it lies)"
            : null;
    }

    private IAsyncEnumerable<SourceItem> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var kind = InputKinds.Of(path);
        return kind switch
        {
            InputKind.Unsupported => One(new SourceSkip(path, InputKinds.UnsupportedReason(path))),
            InputKind.Zip or InputKind.TarGz => _archives.ReadAsync(path, cancellationToken),
            InputKind.JsonLines => FailureReason.Guard(ReadJsonLinesAsync(path, cancellationToken), path, cancellationToken),
            _ => One(ReadDocument(path, kind)),
        };
    }

    /// <summary>
    /// A plain file the folder listing measured: read at once on this thread. Files in the page cache come back in
    /// microseconds, so an asynchronous read (on Linux a hop to the thread pool and back for each file) cost more than
    /// it saved.
    /// </summary>
    private SourceItem ReadListedDocument(string path, InputKind kind, long length)
    {
        if (length > _limits.MaxDocumentBytes)
        {
            return new SourceRejection(path, $"larger than the {ByteSize.Format(_limits.MaxDocumentBytes)} limit ({ByteSize.Format(length)})");
        }

        if (length == 0)
        {
            return new SourceRejection(path, "empty file");
        }

        byte[] bytes;
        int read;
        try
        {
            bytes = new byte[length];
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            read = ReadFully(handle, bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SourceRejection(path, FailureReason.Of(e));
        }

        try
        {
            return _decoder.Decode(path, kind, bytes.AsSpan(0, read));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SourceRejection(path, FailureReason.Of(e));
        }
    }

    /// <summary>A text or HTML file named explicitly or met through a link: its length is asked for first.</summary>
    private SourceItem ReadDocument(string path, InputKind kind)
    {
        long length;
        try
        {
            // The length is known before opening: oversized files are refused unread, and empty ones are not opened at
            // all (FIFOs and device nodes report zero and would block or never end).
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                info = target;
            }

            length = info.Length;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SourceRejection(path, FailureReason.Of(e));
        }

        return ReadListedDocument(path, kind, length);
    }

    private async IAsyncEnumerable<SourceItem> ReadJsonLinesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (file)
        {
            await foreach (var item in _jsonLines.ReadAsync(path, file, cancellationToken))
            {
                yield return item;
            }
        }
    }

    /// <summary>Reads up to the buffer's length; a file that shrank meanwhile yields what it still has.</summary>
    private static int ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>A root as given (made absolute) and, when it is a link, where it leads: link targets may use either.</summary>
    private static IEnumerable<string> RootForms(string directory)
    {
        var info = new DirectoryInfo(Path.GetFullPath(directory));
        yield return Path.TrimEndingDirectorySeparator(info.FullName);
        if (RealPath.Of(info.FullName) is { } real)
        {
            yield return real;
        }
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == root;

    private static IAsyncEnumerable<SourceItem> One(SourceItem item) => new[] { item }.ToAsyncEnumerable();
}
