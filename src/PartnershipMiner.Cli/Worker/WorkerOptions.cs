using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartnershipMiner.Cli.Worker;

/// <summary>How the worker runs. Bound from the "Worker" section (PMINER__Worker__...), validated at start.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>The inbox <c>--inbox</c> watches when given without a folder.</summary>
    public const string DefaultInbox = "data/inbox";

    /// <summary>Folder watched for new inputs; empty means no inbox (the worker only works the store's queue).</summary>
    public string Inbox { get; set; } = "";

    /// <summary>Where inbox files go once their documents are queued (relative paths kept).</summary>
    [Required]
    public string Archive { get; set; } = "data/archive";

    /// <summary>Where inbox files go that gave no document, each with a NAME.error.txt saying why.</summary>
    [Required]
    public string Quarantine { get; set; } = "data/quarantine";

    /// <summary>How long the worker waits before looking at an empty queue again (new inbox documents wake it at once).</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>How long an inbox file's size and modification time must stay unchanged before it is read.</summary>
    [Range(0, 3600)]
    public double StableSeconds { get; set; } = 2;

    /// <summary>How often the whole inbox is listed again, besides the file-system notifications.</summary>
    [Range(0.1, 86_400)]
    public double RescanSeconds { get; set; } = 60;

    /// <summary>After a stop request, how long the batch in hand may take to finish before it is abandoned.</summary>
    [Range(0, 300)]
    public double ShutdownGraceSeconds { get; set; } = 5;

    /// <summary>How often the health status is logged.</summary>
    [Range(1, 86_400)]
    public int HealthLogSeconds { get; set; } = 60;

    /// <summary>The health check reports Degraded when the oldest waiting document has waited longer than this.</summary>
    [Range(1, 525_600)]
    public int MaxWaitingMinutes { get; set; } = 30;

    public bool HasInbox => !string.IsNullOrWhiteSpace(Inbox);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);

    public TimeSpan Stable => TimeSpan.FromSeconds(StableSeconds);

    public TimeSpan Rescan => TimeSpan.FromSeconds(RescanSeconds);

    public TimeSpan ShutdownGrace => TimeSpan.FromSeconds(ShutdownGraceSeconds);

    public TimeSpan MaxWaiting => TimeSpan.FromMinutes(MaxWaitingMinutes);
}

/// <summary>
/// The folders must be usable together: creatable, and the archive and quarantine outside the inbox (else archived
/// files would be read again at every rescan) and the inbox outside them.
/// </summary>
internal sealed class WorkerFoldersValidation : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        var folders = new List<(string Key, string Path)>();
        foreach (var (key, value) in new[] { ("Inbox", options.Inbox), ("Archive", options.Archive), ("Quarantine", options.Quarantine) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            try
            {
                var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(value));
                Directory.CreateDirectory(full);
                folders.Add((key, full));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                failures.Add($"{WorkerOptions.Section}:{key} = '{value}': the folder cannot be created ({e.Message})");
            }
        }

        if (folders.Find(f => f.Key == "Inbox") is { Path: not null } inbox)
        {
            foreach (var (key, path) in folders.Where(f => f.Key != "Inbox"))
            {
                if (IsSameOrUnder(path, inbox.Path) || IsSameOrUnder(inbox.Path, path))
                {
                    failures.Add($"{WorkerOptions.Section}:{key} = '{path}' and {WorkerOptions.Section}:Inbox = '{inbox.Path}' must not contain one another");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSameOrUnder(string path, string root) =>
        path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
