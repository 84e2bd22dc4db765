using System.Text;

namespace PartnershipMiner.Cli.Tests.Support;

/// <summary>
/// A scratch folder for one worker: <c>inbox/</c>, <c>archive/</c>, <c>quarantine/</c> and <c>store.db</c>, with the
/// settings a test worker runs with (short settle, poll and lease times). Deleted on dispose.
/// </summary>
internal sealed class WorkerSandbox : IDisposable
{
    public WorkerSandbox()
    {
        Directory.CreateDirectory(Root);
        Store = new StoreFile(Database);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pm-worker-" + Guid.NewGuid().ToString("N"));

    public string Inbox => Path.Combine(Root, "inbox");

    public string Archive => Path.Combine(Root, "archive");

    public string Quarantine => Path.Combine(Root, "quarantine");

    public string Database => Path.Combine(Root, "store.db");

    public StoreFile Store { get; }

    /// <summary>Settings for a quick test worker; a test adds or overrides keys.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal)
    {
        ["PMINER__Worker__PollSeconds"] = "0.2",
        ["PMINER__Worker__StableSeconds"] = "0.3",
        ["PMINER__Worker__RescanSeconds"] = "2",
        ["PMINER__Worker__HealthLogSeconds"] = "1",
        ["PMINER__Processing__LeaseSeconds"] = "1",
    };

    public PminerProcess StartWorker(params string[] extraArguments) =>
        PminerProcess.Start(Root, Settings, ["worker", "--inbox", Inbox, "--archive", Archive, "--quarantine", Quarantine, "--db", Database, .. extraArguments]);

    /// <summary>Puts a file into the inbox the way a careful producer does: written under a hidden name, then renamed.</summary>
    public string Drop(string relative, byte[] content)
    {
        var target = Path.Combine(Inbox, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var hidden = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + ".part");
        File.WriteAllBytes(hidden, content);
        File.Move(hidden, target);
        return target;
    }

    public string Drop(string relative, string text) => Drop(relative, Encoding.UTF8.GetBytes(text));

    /// <summary>The visible files under <paramref name="folder"/>, as relative paths with '/'.</summary>
    public static SortedSet<string> Files(string folder) => Directory.Exists(folder)
        ? new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part.StartsWith('.'))), StringComparer.Ordinal)
        : new(StringComparer.Ordinal);

    /// <summary>Documents in the batch of <see cref="DropSlowBatch"/>.</summary>
    public const int SlowBatchSize = 12;

    /// <summary>
    /// One batch of twelve long documents analysed on one thread under a lease of an hour: slow enough to be caught in
    /// the middle, and never taken back by the lease within a test (only a give-back frees it).
    /// </summary>
    public void DropSlowBatch(int seed)
    {
        var texts = new DiplomaticTexts(seed);
        Drop("long.jsonl", InputFiles.JsonLines(Enumerable.Range(1, SlowBatchSize).Select(i => texts.Dense($"dense-{i}", 3000))));
        Settings["PMINER__Processing__BatchSize"] = SlowBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["PMINER__Processing__Parallelism"] = "1";
        Settings["PMINER__Processing__LeaseSeconds"] = "3600";
    }

    /// <summary>Waits until the slow batch is claimed, that is, being analysed.</summary>
    public Task UntilSlowBatchClaimedAsync(PminerProcess worker) => Poll.UntilAsync(
        async () => await Store.HasSchemaAsync() && await Store.CountAsync("SELECT COUNT(*) FROM documents WHERE state = 'processing'") == SlowBatchSize,
        Poll.Generous,
        () => worker.LastErrors());

    /// <summary>Everything dropped has been taken, and every queued document is finished.</summary>
    public async Task<bool> IsSettledAsync(long expectedDocuments) =>
        Files(Inbox).Count == 0 && await Store.HasSchemaAsync() && await Store.DocumentsAsync() == expectedDocuments && await Store.UnfinishedAsync() == 0;

    public async Task<string> DescribeAsync() =>
        $"inbox [{string.Join(", ", Files(Inbox).Take(10))}], documents by state [{string.Join(", ", await Store.StringsAsync("SELECT state || ' ' || COUNT(*) FROM documents GROUP BY state"))}]";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it would not be.
        }
    }
}
