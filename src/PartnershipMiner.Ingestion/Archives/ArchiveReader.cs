using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace PartnershipMiner.Ingestion;

/// <summary>
/// Reads the documents inside <c>.zip</c>, <c>.tar.gz</c>/<c>.tgz</c> archives, streaming every entry (nothing is
/// extracted to disk). Entries are read by extension like files: text, HTML, JSON-lines batches, and archives nested
/// up to <see cref="IngestionLimits.MaxArchiveDepth"/>. An entry's source is <c>archive.zip!/folder/file.txt</c>.
/// Every limit in <see cref="IngestionLimits"/> is enforced while streaming: reading stops as soon as one trips.
/// </summary>
public sealed class ArchiveReader
{
    private readonly IngestionLimits _limits;
    private readonly DocumentDecoder _decoder;
    private readonly JsonLinesReader _jsonLines;

    public ArchiveReader(IngestionLimits? limits = null, HtmlArticleExtractor? html = null)
    {
        _limits = limits ?? IngestionLimits.Default;
        _decoder = new DocumentDecoder(html ?? new HtmlArticleExtractor(_limits));
        _jsonLines = new JsonLinesReader(_decoder, _limits.MaxDocumentBytes);
    }

    /// <summary>The documents of the archive file at <paramref name="path"/> (its kind taken from the extension).</summary>
    public IAsyncEnumerable<SourceItem> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync(path, new ExpansionBudget(_limits.MaxArchiveExpandedBytes), cancellationToken);

    /// <summary>As <see cref="ReadAsync(string, CancellationToken)"/>, with a budget the caller can inspect afterwards.</summary>
    internal IAsyncEnumerable<SourceItem> ReadAsync(string path, ExpansionBudget budget, CancellationToken cancellationToken) =>
        FailureReason.Guard(ReadFileAsync(path, budget, cancellationToken), path, cancellationToken);

    private async IAsyncEnumerable<SourceItem> ReadFileAsync(string path, ExpansionBudget budget, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kind = InputKinds.Of(path);
        if (!kind.IsArchive())
        {
            yield return new SourceRejection(path, "not an archive (.zip, .tar.gz or .tgz)");
            yield break;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
        await using (file)
        {
            var items = kind == InputKind.Zip
                ? ReadZipAsync(file, path, 1, budget, cancellationToken)
                : ReadTarGzAsync(file, path, 1, budget, cancellationToken);
            await foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<SourceItem> ReadZipAsync(
        Stream seekable,
        string label,
        int depth,
        ExpansionBudget budget,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (ZipDirectory.CountEntries(seekable) is { } declared && declared > _limits.MaxArchiveEntries)
        {
            yield return new SourceRejection(label, $"archive has {declared:N0} entries, more than the limit of {_limits.MaxArchiveEntries:N0}");
            yield break;
        }

        ZipArchive? archive = null;
        string? failure = null;
        try
        {
            archive = await ZipArchive.CreateAsync(seekable, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            failure = $"not a readable zip archive ({e.Message})";
        }

        if (archive is null)
        {
            yield return new SourceRejection(label, failure ?? "not a readable zip archive");
            yield break;
        }

        await using (archive)
        {
            // Central-directory order is the archive's own and stable; sorting would hide how the archive was built.
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    continue;
                }

                var items = ReadEntryAsync(
                    label, entry.FullName, entry.Length, depth, NotRegularReason(entry),
                    (entryLabel, kind) => ReadZipEntryAsync(entry, entryLabel, kind, depth, budget, cancellationToken),
                    cancellationToken);
                await foreach (var item in items)
                {
                    yield return item;
                }

                if (budget.Exhausted)
                {
                    yield break;
                }
            }
        }
    }

    private async IAsyncEnumerable<SourceItem> ReadZipEntryAsync(
        ZipArchiveEntry entry,
        string label,
        InputKind kind,
        int depth,
        ExpansionBudget budget,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The ratio is measured against the entry's compressed size: the decompressor cannot read past it.
        var compressed = entry.CompressedLength;
        var guard = new ExpansionGuard(budget, () => compressed, _limits.MaxExpansionRatio);
        var raw = await entry.OpenAsync(cancellationToken);
        await using var content = guard.Watch(raw, leaveOpen: false);
        await foreach (var item in ReadContentAsync(content, label, kind, entry.Length, depth, budget, cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>The most one entry's headers may take: its own, a PAX record and a GNU long name and link, with room to spare.</summary>
    private const long MaxTarHeaderBytes = 1024 * 1024;

    private async IAsyncEnumerable<SourceItem> ReadTarGzAsync(
        Stream compressed,
        string label,
        int depth,
        ExpansionBudget budget,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // compressed → meter (input consumed) → gunzip → guard (output, ratio against input so far) → tar.
        var input = new MeteredStream(compressed);
        var guard = new ExpansionGuard(budget, () => input.BytesRead, _limits.MaxExpansionRatio);
        await using var gunzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: false);
        await using var expanded = guard.Watch(gunzip, leaveOpen: true);

        // TarReader reads a long name or a PAX header whole into memory, whatever size its header declares; moving to
        // the next entry may read no more than the rest of the previous entry's data and a header of sensible size.
        var headerLimit = long.MaxValue;
        MeteredStream? metered = null;
        metered = new MeteredStream(expanded, _ =>
        {
            if (metered!.BytesRead > headerLimit)
            {
                throw new ExpansionLimitException($"a tar header (long name or extended attributes) larger than {ByteSize.Format(MaxTarHeaderBytes)}");
            }
        });
        await using var tarInput = metered;
        await using var tar = new TarReader(tarInput, leaveOpen: true);

        var entries = 0;
        long previousLength = 0;
        while (true)
        {
            TarEntry? entry;
            string? failure = null;
            try
            {
                headerLimit = tarInput.BytesRead + ((previousLength + 511) / 512 * 512) + MaxTarHeaderBytes;
                entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
                headerLimit = long.MaxValue;
                previousLength = entry?.Length ?? 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                entry = null;
                failure = entries == 0 && e is InvalidDataException or FormatException
                    ? $"not a readable tar.gz archive ({e.Message})"
                    : FailureReason.Of(e);
            }

            if (failure is not null)
            {
                yield return new SourceRejection(label, failure);
                yield break;
            }

            if (entry is null)
            {
                yield break;
            }

            if (++entries > _limits.MaxArchiveEntries)
            {
                yield return new SourceRejection(label, $"archive has more than the limit of {_limits.MaxArchiveEntries:N0} entries");
                yield break;
            }

            if (entry.EntryType == TarEntryType.Directory)
            {
                continue;
            }

            var data = entry.DataStream ?? Stream.Null;
            var items = ReadEntryAsync(
                label, entry.Name, entry.Length, depth, IsRegularFile(entry.EntryType) ? null : NotRegularReason(entry.EntryType),
                (entryLabel, kind) => ReadContentAsync(data, entryLabel, kind, entry.Length, depth, budget, cancellationToken),
                cancellationToken);
            await foreach (var item in items)
            {
                yield return item;
            }

            // One gzip stream carries every entry: once its guard trips, nothing after can be read.
            if (budget.Exhausted || guard.Tripped)
            {
                yield break;
            }
        }
    }

    /// <summary>One entry's content, by kind: a document, a batch, or a nested archive one level deeper.</summary>
    private async IAsyncEnumerable<SourceItem> ReadContentAsync(
        Stream content,
        string label,
        InputKind kind,
        long declaredLength,
        int depth,
        ExpansionBudget budget,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case InputKind.Text or InputKind.Html:
            {
                var bytes = await BoundedRead.ReadAllAsync(content, _limits.MaxDocumentBytes, declaredLength, cancellationToken);
                yield return bytes is null
                    ? TooLarge(label, declaredLength)
                    : _decoder.Decode(label, kind, bytes);
                break;
            }

            case InputKind.JsonLines:
                await foreach (var item in _jsonLines.ReadAsync(label, content, cancellationToken))
                {
                    yield return item;
                }

                break;

            case InputKind.Zip:
            {
                // A zip needs seeking, so a nested one is held in memory, bounded like any document.
                var bytes = await BoundedRead.ReadAllAsync(content, _limits.MaxDocumentBytes, declaredLength, cancellationToken);
                if (bytes is null)
                {
                    yield return new SourceRejection(label, $"nested archive larger than the {ByteSize.Format(_limits.MaxDocumentBytes)} limit");
                    break;
                }

                using var nested = new MemoryStream(bytes, writable: false);
                await foreach (var item in ReadZipAsync(nested, label, depth + 1, budget, cancellationToken))
                {
                    yield return item;
                }

                break;
            }

            case InputKind.TarGz:
                await foreach (var item in ReadTarGzAsync(content, label, depth + 1, budget, cancellationToken))
                {
                    yield return item;
                }

                break;
        }
    }

    /// <summary>
    /// One entry of any archive: checked (<see cref="CheckEntry"/>), skipped with <paramref name="notReadable"/> when
    /// set, else opened and read with any failure turned into a rejection of the entry.
    /// </summary>
    private async IAsyncEnumerable<SourceItem> ReadEntryAsync(
        string archive,
        string rawName,
        long declaredLength,
        int depth,
        string? notReadable,
        Func<string, InputKind, IAsyncEnumerable<SourceItem>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var check = CheckEntry(archive, rawName, depth, declaredLength);
        if (check.Outcome is { } outcome)
        {
            yield return outcome;
            yield break;
        }

        if (notReadable is not null)
        {
            yield return new SourceSkip(check.Label, notReadable);
            yield break;
        }

        await foreach (var item in FailureReason.Guard(read(check.Label, check.Kind), check.Label, cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>What every entry goes through before any of it is read: name, kind, nesting and declared size.</summary>
    private (string Label, InputKind Kind, SourceItem? Outcome) CheckEntry(string archive, string rawName, int depth, long declaredLength)
    {
        if (!EntryPath.TryNormalise(rawName, out var name, out var failure))
        {
            var rawLabel = EntryPath.Label(archive, rawName);
            return (rawLabel, InputKind.Unsupported, new SourceRejection(rawLabel, failure));
        }

        var label = EntryPath.Label(archive, name);
        var kind = InputKinds.Of(name);
        if (EntryPath.IsHidden(name))
        {
            return (label, kind, new SourceSkip(label, "hidden file or macOS metadata"));
        }

        if (kind == InputKind.Unsupported)
        {
            return (label, kind, new SourceSkip(label, InputKinds.UnsupportedReason(name)));
        }

        if (kind.IsArchive() && depth >= _limits.MaxArchiveDepth)
        {
            return (label, kind, new SourceRejection(label, $"archive nested deeper than the limit of {_limits.MaxArchiveDepth} levels"));
        }

        if (kind is InputKind.Text or InputKind.Html && declaredLength > _limits.MaxDocumentBytes)
        {
            return (label, kind, TooLarge(label, declaredLength));
        }

        return (label, kind, null);
    }

    private SourceRejection TooLarge(string label, long declaredLength) =>
        new(label, declaredLength > _limits.MaxDocumentBytes
            ? $"larger than the {ByteSize.Format(_limits.MaxDocumentBytes)} limit ({ByteSize.Format(declaredLength)})"
            : $"larger than the {ByteSize.Format(_limits.MaxDocumentBytes)} limit");

    private static bool IsRegularFile(TarEntryType type) =>
        type is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    /// <summary>
    /// Zips made on Unix keep each file's mode in the upper half of the external attributes: a link, device or pipe is
    /// stored as its target's path or nothing, and is no document. Null for a regular file or an entry without a mode.
    /// </summary>
    private static string? NotRegularReason(ZipArchiveEntry entry) => (((uint)entry.ExternalAttributes >> 16) & 0xF000) switch
    {
        0 or 0x8000 => null,
        0xA000 => NotRegularReason(TarEntryType.SymbolicLink),
        0x2000 => NotRegularReason(TarEntryType.CharacterDevice),
        0x6000 => NotRegularReason(TarEntryType.BlockDevice),
        0x1000 => NotRegularReason(TarEntryType.Fifo),
        0x4000 => "folder",
        0xC000 => "socket",
        var type => $"not a regular file (Unix file type 0x{type:X4})",
    };

    private static string NotRegularReason(TarEntryType type) => type switch
    {
        TarEntryType.SymbolicLink => "symbolic link (links are not followed)",
        TarEntryType.HardLink => "hard link (links are not followed)",
        TarEntryType.CharacterDevice or TarEntryType.BlockDevice => "device file",
        TarEntryType.Fifo => "FIFO (named pipe)",
        _ => $"not a regular file (tar entry type {type})",
    };
}
