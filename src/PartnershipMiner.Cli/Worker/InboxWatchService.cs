using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipMiner.Storage;

namespace PartnershipMiner.Cli.Worker;

/// <summary>
/// Watches the inbox (when one is configured): file-system notifications say what changed, a rescan at start and every
/// <see cref="WorkerOptions.RescanSeconds"/> finds what they missed (files copied in while the worker was down, a
/// notification buffer that overflowed). A file is taken once it has settled (<see cref="FileStability"/>) and can be
/// opened exclusively, i.e. no writer that locks it still has it open. Hidden files and folders (a leading dot) are left
/// alone, so a producer can write <c>.name.part</c> and rename it when complete.
/// </summary>
internal sealed partial class InboxWatchService(
    InboxFileIntake intake,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<InboxWatchService> logger) : BackgroundService
{
    private static readonly TimeSpan LongestCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShortestCheckInterval = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.HasInbox)
        {
            LogNoInbox(logger);
            return;
        }

        var inbox = Path.TrimEndingDirectorySeparator(Path.GetFullPath(settings.Inbox));
        Directory.CreateDirectory(inbox);
        var changes = new WakeSignal(time);
        var changed = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        using var watcher = Watch(inbox, path =>
        {
            changed[path] = true;
            changes.Notify();
        });
        var archive = Path.GetFullPath(settings.Archive);
        var quarantine = Path.GetFullPath(settings.Quarantine);
        LogWatching(logger, inbox, archive, quarantine, settings.StableSeconds, settings.RescanSeconds);

        var stability = new FileStability(settings.Stable);
        var checkInterval = TimeSpan.FromTicks(Math.Clamp(settings.Stable.Ticks / 2, ShortestCheckInterval.Ticks, LongestCheckInterval.Ticks));
        var nextRescan = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (time.GetUtcNow() >= nextRescan)
            {
                var found = TrackAll(inbox, inbox, stability);
                nextRescan = time.GetUtcNow() + settings.Rescan;
                LogRescanned(logger, inbox, found);
            }

            foreach (var path in changed.Keys)
            {
                changed.TryRemove(path, out _);
                TrackAll(inbox, path, stability);
            }

            foreach (var path in stability.Settled(time.GetUtcNow(), FileStability.Probe))
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                await TakeAsync(inbox, path, stability, stoppingToken);
            }

            var untilRescan = nextRescan - time.GetUtcNow();
            var wait = stability.Count > 0 && checkInterval < untilRescan ? checkInterval : untilRescan;
            try
            {
                await changes.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task TakeAsync(string inbox, string path, FileStability stability, CancellationToken stoppingToken)
    {
        // Links and zero-length entries are not opened here: a broken link cannot be, and a named pipe would block the
        // loop until a writer came. Intake judges them without opening and quarantines them with the reason.
        if (OpensSafely(path) && !CanOpenExclusively(path))
        {
            LogInUse(logger, path);
            stability.Unsettle(path);
            return;
        }

        try
        {
            await intake.TakeAsync(inbox, path, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the file stays in the inbox; what was queued of it is recognised by content hash next time.
            return;
        }
        catch (Exception e)
        {
            // The store is unavailable or a folder cannot be written: the file stays where it is for the next rescan.
            // An unavailable store says all in its message; a stack trace is for bugs.
            LogTakeFailed(logger, path, e.Message, e is StoreUnavailableException ? null : e);
        }

        stability.Forget(path);
    }

    /// <summary>Tracks <paramref name="path"/> if it is a visible file, or every visible file under it if it is a folder.</summary>
    private int TrackAll(string inbox, string path, FileStability stability)
    {
        if (IsHidden(inbox, path))
        {
            return 0;
        }

        if (File.Exists(path))
        {
            stability.Track(path);
            return 1;
        }

        // A link to a folder is not entered (the files behind it are not the inbox's to read or move); the inbox itself
        // may be one.
        if (!Directory.Exists(path) || (path != inbox && new DirectoryInfo(path).LinkTarget is not null))
        {
            return 0;
        }

        var found = 0;
        try
        {
            foreach (var file in InboxFiles(path))
            {
                if (!IsHidden(inbox, file))
                {
                    stability.Track(file);
                    found++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogListingFailed(logger, path, e.Message);
        }

        return found;
    }

    /// <summary>
    /// Every file under <paramref name="folder"/>, links to files (and broken links) included, without entering links to
    /// folders: a plain recursive listing would, and the worker would then read and move files from outside its inbox.
    /// </summary>
    private static System.IO.Enumeration.FileSystemEnumerable<string> InboxFiles(string folder) =>
        new System.IO.Enumeration.FileSystemEnumerable<string>(
            folder,
            static (ref System.IO.Enumeration.FileSystemEntry entry) => entry.ToFullPath(),
            new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
        {
            ShouldIncludePredicate = static (ref System.IO.Enumeration.FileSystemEntry entry) => !entry.IsDirectory,
            ShouldRecursePredicate = static (ref System.IO.Enumeration.FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };

    private static bool IsHidden(string inbox, string path)
    {
        var relative = Path.GetRelativePath(inbox, path);
        return relative != "." && relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.'));
    }

    private static bool OpensSafely(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null && info.Exists && info.Length > 0;
    }

    /// <summary>
    /// False while another process has the file open under a lock (.NET writers, Samba, most Windows tools); on Linux
    /// this is an advisory lock, so writers that take none are caught by the settle time instead.
    /// </summary>
    private static bool CanOpenExclusively(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // Unreadable: ingestion reports it, and the file goes to quarantine with the reason.
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reports changed paths; when notifications were lost it reports the inbox itself, which lists it whole. Null when
    /// the system gives no notifications (e.g. the inotify instance limit is reached): the rescans still find everything.
    /// </summary>
    private FileSystemWatcher? Watch(string inbox, Action<string> onChange)
    {
        var watcher = new FileSystemWatcher(inbox)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => onChange(e.FullPath);
        watcher.Changed += (_, e) => onChange(e.FullPath);
        watcher.Renamed += (_, e) => onChange(e.FullPath);
        watcher.Error += (_, e) =>
        {
            LogWatcherError(logger, e.GetException().Message);
            onChange(inbox);
        };
        try
        {
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            watcher.Dispose();
            LogNoNotifications(logger, inbox, e.Message, options.Value.RescanSeconds);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No inbox configured (Worker:Inbox); working the store's queue only")]
    private static partial void LogNoInbox(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching inbox {Inbox} (archive {Archive}, quarantine {Quarantine}); files settle for {StableSeconds} s, rescan every {RescanSeconds} s")]
    private static partial void LogWatching(ILogger logger, string inbox, string archive, string quarantine, double stableSeconds, double rescanSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rescanned inbox {Inbox}: {Files} files")]
    private static partial void LogRescanned(ILogger logger, string inbox, int files);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbox file {Source} is still open for writing; waiting")]
    private static partial void LogInUse(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox file {Source} could not be taken: {Reason}; it stays in the inbox until the next rescan")]
    private static partial void LogTakeFailed(ILogger logger, string source, string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox folder {Folder} could not be listed: {Reason}")]
    private static partial void LogListingFailed(ILogger logger, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No file-system notifications for inbox {Inbox} ({Reason}); relying on the rescan every {RescanSeconds} s")]
    private static partial void LogNoNotifications(ILogger logger, string inbox, string reason, double rescanSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox notifications lost ({Reason}); rescanning")]
    private static partial void LogWatcherError(ILogger logger, string reason);
}
