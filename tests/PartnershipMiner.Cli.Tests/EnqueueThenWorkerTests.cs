using PartnershipMiner.Cli.Tests.Support;

namespace PartnershipMiner.Cli.Tests;

/// <summary><c>pminer enqueue</c> only queues; a worker without an inbox then processes the queue; export shows the result.</summary>
public sealed class EnqueueThenWorkerTests
{
    [Fact]
    public async Task Enqueued_documents_are_processed_by_the_worker_and_exported_with_evidence_and_rhetoric()
    {
        using var sandbox = new WorkerSandbox();
        var inputs = Path.Combine(sandbox.Root, "inputs");
        Directory.CreateDirectory(Path.Combine(inputs, "sub"));
        await File.WriteAllTextAsync(Path.Combine(inputs, "a.txt"), "Hanoi, 12 March 2021\n\nVietnam and Indonesia decided to upgrade their relations to a comprehensive strategic partnership.\n");
        await File.WriteAllTextAsync(Path.Combine(inputs, "sub", "b.txt"), "Dakar, 2 July 2017\n\nSenegal and Brazil agreed to establish a strategic partnership. They signed four agreements on fisheries and ports.\n");
        await File.WriteAllBytesAsync(Path.Combine(inputs, "sub", "c.txt"), InputFiles.Png());

        await using (var enqueue = await PminerProcess.RunAsync(sandbox.Root, sandbox.Settings, Poll.Generous, "enqueue", inputs, "--db", sandbox.Database))
        {
            Assert.Equal(1, enqueue.ExitCode); // c.txt is rejected; the others are queued.
            Assert.Contains("queued 2 new documents", enqueue.Output, StringComparison.Ordinal);
        }

        Assert.Equal(2, await sandbox.Store.CountAsync("SELECT COUNT(*) FROM documents WHERE state = 'received'"));
        Assert.Equal(0, await sandbox.Store.CountAsync("SELECT COUNT(*) FROM records"));
        Assert.True(File.Exists(Path.Combine(inputs, "a.txt")), "enqueue leaves the files where they are");

        await using (var worker = PminerProcess.Start(sandbox.Root, sandbox.Settings, "worker", "--db", sandbox.Database))
        {
            await Poll.UntilAsync(() => sandbox.IsSettledAsync(2), Poll.Generous, () => worker.Errors);
            await worker.TerminateAsync();
            Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
        }

        var csvPath = Path.Combine(sandbox.Root, "records.csv");
        await using (var export = await PminerProcess.RunAsync(sandbox.Root, sandbox.Settings, Poll.Generous, "export", "--format", "csv", "--out", csvPath, "--db", sandbox.Database))
        {
            Assert.Equal(0, export.ExitCode);
        }

        var lines = await File.ReadAllLinesAsync(csvPath);
        var header = lines[0].Split(',');
        Assert.Contains("evidence", header);
        Assert.Contains("rhetoricLabel", header);
        Assert.Contains("rhetoricScore", header);
        Assert.Equal(3, lines.Length);
        var evidence = Array.IndexOf(header, "evidence");
        var label = Array.IndexOf(header, "rhetoricLabel");
        var senegal = Assert.Single(lines, l => l.Contains("BRA;SEN", StringComparison.Ordinal));
        Assert.Contains("Senegal and Brazil agreed to establish a strategic partnership.", senegal, StringComparison.Ordinal);
        Assert.True(evidence > 0 && label > evidence);
        Assert.Matches("(rhetorical|substantive)", senegal);

        await using var status = await PminerProcess.RunAsync(sandbox.Root, sandbox.Settings, Poll.Generous, "status", "--db", sandbox.Database);
        Assert.Contains("done 2", status.Output, StringComparison.Ordinal);
        Assert.Contains("oldest waiting: none", status.Output, StringComparison.Ordinal);
    }
}
