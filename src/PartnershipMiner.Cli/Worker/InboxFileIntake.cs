using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipMiner.Cli.Processing;
using PartnershipMiner.Ingestion;

namespace PartnershipMiner.Cli.Worker;

/// <summary>Where one inbox file ended.</summary>
internal enum InboxFileFate
{
    /// <summary>Its documents are queued and the file is in the archive.</summary>
    Archived,

    /// <summary>Some of its documents are queued and the file is in the archive; a note in quarantine lists the rest.</summary>
    ArchivedWithRejections,

    /// <summary>It gave no document; the file is in quarantine with its note.</summary>
    Quarantined,

    /// <summary>It disappeared before it could be moved (taken away by someone else).</summary>
    Gone,

    /// <summary>It changed while it was read (replaced or written to): left in the inbox to be read again.</summary>
    Changed,
}

/// <summary>
/// Takes one settled inbox file: reads it through ingestion, commits its documents to the store's queue, and only then
/// moves it, so that a crash at any point leaves the file in the inbox to be read again (its documents are known by
/// content hash and are not queued twice). A file that gave no document goes to quarantine with <c>NAME.error.txt</c>
/// beside it; an archive with some bad entries goes to the archive and its note to quarantine.
/// </summary>
internal sealed partial class InboxFileIntake(
    DocumentIntake intake,
    IngestionLimits limits,
    WakeSignal queueSignal,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<InboxFileIntake> logger)
{
    public async Task<InboxFileFate> TakeAsync(string inbox, string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        var relative = Path.GetRelativePath(inbox, path);
        var rejections = new List<SourceRejection>();
        var skips = new List<SourceSkip>();
        var before = Version.Of(path);

        // Confined to the inbox: a link in it is read only when it leads to a file inside, and a pipe is not opened.
        var totals = await intake.EnqueueAsync(new FileTreeSource([path], limits, confineTo: [inbox]), item =>
        {
            switch (item)
            {
                case SourceRejection rejection:
                    rejections.Add(rejection);
                    break;
                case SourceSkip skip:
                    skips.Add(skip);
                    break;
                default:
                    break;
            }
        }, null, cancellationToken);

        if (!File.Exists(path))
        {
            LogGone(logger, path);
            return InboxFileFate.Gone;
        }

        // A producer that renamed a new file over this one while it was read (or wrote to it) has left something this
        // reading never saw: moving it now would archive it unread.
        if (Version.Of(path) != before)
        {
            LogChanged(logger, path);
            return InboxFileFate.Changed;
        }

        var documents = totals.Queued + totals.AlreadyKnown;
        if (documents == 0)
        {
            var note = Note(path, "quarantined: no document could be read from it", documents, rejections, skips);
            var quarantined = FilePlacement.Move(
                path, settings.Quarantine, relative, destination => FilePlacement.WriteNote(destination + FilePlacement.NoteSuffix, note), destination => destination + FilePlacement.NoteSuffix);
            var reasons = Reasons(rejections, skips);
            LogQuarantined(logger, path, quarantined, reasons);
            return InboxFileFate.Quarantined;
        }

        if (totals.Queued > 0)
        {
            queueSignal.Notify();
        }

        // The note of a partly read file is named after the archived file, in the same relative folder of the quarantine.
        string QuarantineNoteFor(string destination) => Path.Combine(settings.Quarantine, Path.GetRelativePath(settings.Archive, destination)) + FilePlacement.NoteSuffix;
        string? notePath = null;
        var archived = FilePlacement.Move(
            path,
            settings.Archive,
            relative,
            destination =>
            {
                if (rejections.Count > 0)
                {
                    notePath = QuarantineNoteFor(destination);
                    FilePlacement.WriteNote(notePath, Note(path, $"archived as {destination}: {documents} documents queued, the parts below were not", documents, rejections, skips));
                }
            },
            rejections.Count > 0 ? QuarantineNoteFor : null);
        var elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogArchived(logger, path, archived, totals.Queued, totals.AlreadyKnown, elapsedMs);
        if (notePath is not null)
        {
            LogPartlyRejected(logger, path, rejections.Count, notePath);
            return InboxFileFate.ArchivedWithRejections;
        }

        return InboxFileFate.Archived;
    }

    /// <summary>What tells one version of a file from the next: its length and last write time (a missing file has neither).</summary>
    private readonly record struct Version(long Length, DateTime LastWriteUtc)
    {
        public static Version Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new Version(info.Length, info.LastWriteTimeUtc) : default;
        }
    }

    private string Note(string path, string outcome, int documents, List<SourceRejection> rejections, List<SourceSkip> skips)
    {
        var note = new StringBuilder();
        note.AppendLine(CultureInfo.InvariantCulture, $"input: {path}");
        note.AppendLine(CultureInfo.InvariantCulture, $"outcome: {outcome}");
        note.AppendLine(CultureInfo.InvariantCulture, $"at: {time.GetUtcNow().ToString("u", CultureInfo.InvariantCulture)}");
        note.AppendLine(CultureInfo.InvariantCulture, $"documents read: {documents}");
        if (rejections.Count > 0)
        {
            note.AppendLine(CultureInfo.InvariantCulture, $"rejected ({rejections.Count}):");
            foreach (var rejection in rejections)
            {
                note.AppendLine(CultureInfo.InvariantCulture, $"  {rejection.Input}: {rejection.Reason}");
            }
        }

        if (skips.Count > 0)
        {
            note.AppendLine(CultureInfo.InvariantCulture, $"skipped ({skips.Count}):");
            foreach (var skip in skips)
            {
                note.AppendLine(CultureInfo.InvariantCulture, $"  {skip.Input}: {skip.Reason}");
            }
        }

        if (rejections.Count == 0 && skips.Count == 0)
        {
            note.AppendLine("reason: it holds no document (an empty archive or batch)");
        }

        return note.ToString();
    }

    private static string Reasons(List<SourceRejection> rejections, List<SourceSkip> skips)
    {
        var reasons = rejections.Select(r => r.Reason).Concat(skips.Select(s => s.Reason)).Distinct(StringComparer.Ordinal).ToList();
        return reasons.Count == 0 ? "no document in it" : string.Join("; ", reasons);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox file {Source}: {Queued} documents queued, {AlreadyKnown} already stored; archived as {Destination} in {ElapsedMs} ms")]
    private static partial void LogArchived(ILogger logger, string source, string destination, int queued, int alreadyKnown, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox file {Source}: {Rejected} parts rejected, listed in {Note}")]
    private static partial void LogPartlyRejected(ILogger logger, string source, int rejected, string note);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox file {Source} quarantined as {Destination}: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string source, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox file {Source} disappeared while it was read; nothing moved")]
    private static partial void LogGone(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox file {Source} changed while it was read; left in the inbox to be read again")]
    private static partial void LogChanged(ILogger logger, string source);
}
