using System.Text;
using PartnershipMiner.Cli.Tests.Support;

namespace PartnershipMiner.Cli.Tests;

/// <summary>When the worker may read an inbox file: files waiting from before it started, and files still being written.</summary>
public sealed class InboxTimingTests
{
    private const string FirstHalf = "Lima, 8 August 2016\n\nThe delegations discussed port investment and customs procedures. ";
    private const string SecondHalf = "Peru and Finland agreed to establish a strategic partnership.\n";

    [Fact]
    public async Task Files_waiting_before_start_are_taken_and_files_being_written_are_not_read_half_way()
    {
        using var sandbox = new WorkerSandbox();
        sandbox.Settings["PMINER__Worker__StableSeconds"] = "2.5";
        var waiting = new DiplomaticTexts(seed: 11).Generate(5, "waiting");
        foreach (var document in waiting)
        {
            sandbox.Drop($"old/{document.Name}.txt", document.Text);
        }

        await using var worker = sandbox.StartWorker();
        await Poll.UntilAsync(() => sandbox.IsSettledAsync(5), Poll.Generous, () => sandbox.DescribeAsync().Result);
        Assert.Equal(waiting.Select(d => $"old/{d.Name}.txt").ToHashSet(), WorkerSandbox.Files(sandbox.Archive).ToHashSet());

        // A writer that keeps the file open (and so locked) across a pause longer than the settle time.
        var locked = Path.Combine(sandbox.Inbox, "slow/locked.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(locked)!);
        var lockedWriter = Task.Run(async () =>
        {
            await using var stream = new FileStream(locked, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(FirstHalf));
            await stream.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(4));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(SecondHalf.Replace("Finland", "Norway", StringComparison.Ordinal)));
        });

        // A writer that takes no lock between its appends (as cp or a network copy) and appends every 0.1 s for about
        // 1.5 s, each pause far shorter than the settle time: only the settle time keeps the worker from reading it early.
        var appended = Path.Combine(sandbox.Inbox, "slow/appended.txt");
        var appendingWriter = Task.Run(async () =>
        {
            var text = FirstHalf + SecondHalf;
            var chunk = text.Length / 15 + 1;
            for (var i = 0; i < text.Length; i += chunk)
            {
                await File.AppendAllTextAsync(appended, text.Substring(i, Math.Min(chunk, text.Length - i)));
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        });
        await Task.WhenAll(lockedWriter, appendingWriter);

        await Poll.UntilAsync(() => sandbox.IsSettledAsync(7), Poll.Generous, () => sandbox.DescribeAsync().Result);
        var slowTexts = await sandbox.Store.StringsAsync("SELECT t.text FROM documents d JOIN document_texts t ON t.document_id = d.id WHERE d.source LIKE '%/slow/%' ORDER BY d.source");
        Assert.Equal([FirstHalf + SecondHalf, FirstHalf + SecondHalf.Replace("Finland", "Norway", StringComparison.Ordinal)], slowTexts);
        var dyads = await sandbox.Store.StringsAsync("SELECT parties FROM records WHERE document LIKE '%/slow/%' ORDER BY parties");
        Assert.Equal(["FIN,PER", "NOR,PER"], dyads);
        Assert.Empty(WorkerSandbox.Files(sandbox.Quarantine));

        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
    }
}
