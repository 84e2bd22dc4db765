using System.Diagnostics;
using PartnershipMiner.Cli.Tests.Support;
using Xunit.Abstractions;

namespace PartnershipMiner.Cli.Tests;

/// <summary>
/// kill -9 at random moments, restart, repeat: at the end the store holds exactly what one undisturbed run makes of the
/// same inbox, no document lost and none twice, and every inbox file is in the archive once.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Seed = 20_261_122;
    private const int MaxKills = 12;
    private const int MinMidRunKills = 4;

    // Enough work that a kill lands mid-run even when the worker is fast and this process is starved of CPU: with 400
    // documents a worker on a loaded machine finished the whole inbox before the test's first look at its progress.
    private const int DocumentCount = 1_200;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Repeated_kill_9_and_restart_loses_no_document_and_duplicates_no_record()
    {
        var documents = new DiplomaticTexts(Seed).Generate(DocumentCount, "doc");
        var clock = Stopwatch.StartNew();

        using var clean = new WorkerSandbox();
        Fill(clean, documents);
        var cleanFiles = WorkerSandbox.Files(clean.Inbox);
        clean.Settings["PMINER__Worker__StableSeconds"] = "0";
        await using (var worker = clean.StartWorker())
        {
            await Poll.UntilAsync(() => clean.IsSettledAsync(documents.Count), Generous, () => clean.DescribeAsync().Result);
            await worker.TerminateAsync();
            Assert.Equal(0, await worker.WaitForExitAsync(Generous));
        }

        var cleanIds = await clean.Store.RecordIdsAsync();
        output.WriteLine($"clean run: {documents.Count} documents, {cleanIds.Count} records in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(cleanIds.Count > documents.Count / 3, "the generated texts should give records");

        // Small batches, one thread and a one-second lease: many commits to fall between, and quick recovery.
        using var crashed = new WorkerSandbox();
        Fill(crashed, documents);
        crashed.Settings["PMINER__Worker__StableSeconds"] = "0";
        crashed.Settings["PMINER__Processing__BatchSize"] = "4";
        crashed.Settings["PMINER__Processing__Parallelism"] = "1";
        var random = new Random(Seed);
        var files = WorkerSandbox.Files(crashed.Inbox).Count;
        var totalProgress = files + documents.Count;
        async Task<int> ProgressAsync() => files - WorkerSandbox.Files(crashed.Inbox).Count + (int)await crashed.Store.DoneAsync();

        var kills = new List<string>();
        var midRun = 0;
        clock.Restart();
        while (kills.Count < MaxKills && !await crashed.IsSettledAsync(documents.Count))
        {
            await using var worker = crashed.StartWorker();
            await worker.WaitUntilWorkingAsync(Generous);

            // The moment: when the work has advanced a random step (inbox files taken plus documents done) or, a third
            // of the time, a random delay after start-up. The first kills come in small steps (at most a twentieth of
            // the work each), so that enough of them fall during the run however fast the worker is: a worker here has
            // finished 1,200 documents within a 99 ms delay.
            var early = kills.Count < MinMidRunKills;
            string moment;
            if (!early && random.Next(3) == 0)
            {
                var delay = random.Next(0, 300);
                await Task.Delay(TimeSpan.FromMilliseconds(delay));
                moment = $"+{delay} ms";
            }
            else
            {
                var from = await ProgressAsync();
                var step = early ? totalProgress / 20 : (totalProgress - from) / (MaxKills - kills.Count);
                var target = Math.Min(totalProgress, from + random.Next(1, Math.Max(2, step)));
                await Poll.UntilAsync(
                    async () => await ProgressAsync() >= target || worker.HasExited,
                    Generous,
                    () => $"progress {ProgressAsync().Result} of target {target}; {crashed.DescribeAsync().Result}; worker:\n{worker.LastErrors()}",
                    TimeSpan.FromMilliseconds(5));
                moment = $"progress {target}/{totalProgress}";
            }

            await worker.KillAsync();
            var unfinished = !await crashed.IsSettledAsync(documents.Count);
            midRun += unfinished ? 1 : 0;
            kills.Add($"{moment}: inbox {WorkerSandbox.Files(crashed.Inbox).Count} files, documents {await crashed.Store.DocumentsAsync()}, done {await crashed.Store.DoneAsync()}, in process {await crashed.Store.CountAsync("SELECT COUNT(*) FROM documents WHERE state = 'processing'")}");
        }

        await using (var worker = crashed.StartWorker())
        {
            await Poll.UntilAsync(() => crashed.IsSettledAsync(documents.Count), Generous, () => crashed.DescribeAsync().Result);
            await worker.TerminateAsync();
            Assert.Equal(0, await worker.WaitForExitAsync(Generous));
        }

        var reclaimed = await crashed.Store.CountAsync("SELECT COUNT(*) FROM documents WHERE attempts > 1");
        output.WriteLine($"crashed run: {kills.Count} kills ({midRun} mid-run) in {clock.Elapsed.TotalSeconds:0.0} s; {reclaimed} documents claimed again after a kill");
        kills.ForEach(k => output.WriteLine("  killed at " + k));
        Assert.True(midRun >= MinMidRunKills, $"only {midRun} kills landed before the work was done; the test must crash the worker mid-run");

        Assert.Equal(cleanIds, await crashed.Store.RecordIdsAsync());
        Assert.Equal(documents.Count, await crashed.Store.DocumentsAsync());
        Assert.Equal(documents.Count, await crashed.Store.CountAsync("SELECT COUNT(DISTINCT content_hash) FROM documents WHERE state = 'done'"));
        Assert.Equal(await crashed.Store.CountAsync("SELECT COUNT(*) FROM records"), await crashed.Store.CountAsync("SELECT COUNT(DISTINCT id) FROM records"));
        Assert.Equal(0, await crashed.Store.CountAsync("SELECT COUNT(*) FROM (SELECT document_id, parties, tier FROM records GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"));
        Assert.Equal(0, await crashed.Store.CountAsync("SELECT COUNT(*) FROM document_errors"));
        Assert.Equal(cleanFiles, WorkerSandbox.Files(crashed.Archive));
        Assert.Equal(cleanFiles, WorkerSandbox.Files(clean.Archive));
        Assert.Empty(WorkerSandbox.Files(crashed.Quarantine));
    }

    /// <summary>
    /// The same inbox for both runs: most documents as files in nested folders, a tenth in a JSON-lines batch and a tenth
    /// in a zip, and a few files that repeat a document under another name (one document, two files).
    /// </summary>
    private static void Fill(WorkerSandbox sandbox, List<GeneratedText> documents)
    {
        var tenth = documents.Count / 10;
        var asFiles = documents.Count - (2 * tenth);
        for (var i = 0; i < asFiles; i++)
        {
            sandbox.Drop($"batch-{i / 40:00}/{documents[i].Name}.txt", documents[i].Text);
        }

        sandbox.Drop("feeds/readouts.jsonl", InputFiles.JsonLines(documents[asFiles..(asFiles + tenth)]));
        sandbox.Drop("archives/readouts.zip", InputFiles.Zip([.. documents[(asFiles + tenth)..].Select(d => ($"2020/{d.Name[^1]}/{d.Name}.txt", InputFiles.Utf8(d.Text)))]));
        for (var i = 0; i < 4; i++)
        {
            sandbox.Drop($"again/copy-{i}.txt", documents[i * 50].Text);
        }
    }
}
