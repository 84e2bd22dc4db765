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
    private readonly IngestionLimits _limits;
    private readonly DocumentDecoder _decoder;
    private readonly ArchiveReader _archives;
    private readonly JsonLinesReader _jsonLines;

    public FileTreeSource(IEnumerable<string> paths, IngestionLimits? limits = null)
    {
        _paths = [.. paths];
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

    /// <summary>Depth-first with an explicit stack; children of each folder in ordinal order.</summary>
    private async IAsyncEnumerable<SourceItem> WalkAsync(string root, List<string> roots, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = pending.Pop();
            if (path != root && Classify(path, roots) is { } outcome)
            {
                yield return outcome;
                continue;
            }

            if (Directory.Exists(path))
            {
                string[] children;
                string? failure = null;
                try
                {
                    children = Directory.GetFileSystemEntries(path);
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

                Array.Sort(children, StringComparer.Ordinal);
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    pending.Push(children[i]);
                }

                continue;
            }

            await foreach (var item in ReadFileAsync(path, cancellationToken))
            {
                yield return item;
            }
        }
    }

    /// <summary>Why an entry met while walking is not read, or null when it should be.</summary>
    private static SourceSkip? Classify(string path, List<string> roots)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.'))
        {
            return new SourceSkip(path, "hidden");
        }

        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return info is FileInfo && InputKinds.Of(name) == InputKind.Unsupported
                ? new SourceSkip(path, InputKinds.UnsupportedReason(name))
                : null;
        }

        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !target.Exists)
        {
            return new SourceSkip(path, "broken symbolic link");
        }

        if (!roots.Any(r => IsUnder(target.FullName, r)))
        {
            return new SourceSkip(path, "symbolic link leading outside the given roots (not followed)");
        }

        // Linked folders inside the roots are read where they really are; following them could loop.
        if (target is DirectoryInfo)
        {
            return new SourceSkip(path, "symbolic link to a folder (not followed; its target is read where it lies)");
        }

        return InputKinds.Of(name) == InputKind.Unsupported ? new SourceSkip(path, InputKinds.UnsupportedReason(name)) : null;
    }

    private IAsyncEnumerable<SourceItem> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var kind = InputKinds.Of(path);
        return kind switch
        {
            InputKind.Unsupported => One(new SourceSkip(path, InputKinds.UnsupportedReason(path))),
            InputKind.Zip or InputKind.TarGz => _archives.ReadAsync(path, cancellationToken),
            InputKind.JsonLines => FailureReason.Guard(ReadJsonLinesAsync(path, cancellationToken), path, cancellationToken),
            _ => FailureReason.Guard(ReadDocumentAsync(path, kind, cancellationToken), path, cancellationToken),
        };
    }

    private async IAsyncEnumerable<SourceItem> ReadDocumentAsync(string path, InputKind kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The length is known before opening: oversized files are refused unread, and empty ones are not opened at all
        // (FIFOs and device nodes report zero and would block or never end).
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
        {
            info = target;
        }

        var length = info.Length;
        if (length > _limits.MaxDocumentBytes)
        {
            yield return new SourceRejection(path, $"larger than the {ByteSize.Format(_limits.MaxDocumentBytes)} limit ({ByteSize.Format(length)})");
            yield break;
        }

        if (length == 0)
        {
            yield return new SourceRejection(path, "empty file");
            yield break;
        }

        var bytes = new byte[length];
        int read;
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous))
        {
            read = await ReadFullyAsync(handle, bytes, cancellationToken);
        }

        yield return _decoder.Decode(path, kind, bytes.AsSpan(0, read));
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
    private static async Task<int> ReadFullyAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(total), total, cancellationToken);
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
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            yield return Path.TrimEndingDirectorySeparator(target.FullName);
        }
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || path == root;

    private static IAsyncEnumerable<SourceItem> One(SourceItem item) => new[] { item }.ToAsyncEnumerable();
}
