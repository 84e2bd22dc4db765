using PartnershipMiner.Cli.Tests.Support;

namespace PartnershipMiner.Cli.Tests;

/// <summary>The real worker with an inbox: what is dropped there becomes records, or lands in quarantine saying why.</summary>
public sealed class InboxTests
{
    [Fact]
    public async Task Good_inputs_of_every_kind_become_records_and_bad_ones_go_to_quarantine_with_the_reason()
    {
        using var sandbox = new WorkerSandbox();
        await using var worker = sandbox.StartWorker();
        var batch = new DiplomaticTexts(seed: 7).Generate(3, "batch");
        batch.Add(new GeneratedText("batch-poland", "Warsaw, 2 May 2018\n\nPoland and Nigeria agreed to establish a strategic partnership.\n"));

        sandbox.Drop("good/readout.txt", "Hanoi, 12 March 2021\n\nVietnam and Indonesia decided to upgrade their relations to a comprehensive strategic partnership.\n");
        sandbox.Drop("good/page.html", InputFiles.Html("Readout", "<p>Accra, 3 May 2020. Ghana and Morocco today announced a strategic partnership.</p><p>The two ministers discussed ports and training.</p>"));
        sandbox.Drop("nested.zip", InputFiles.Zip(
            ("2021/march/a.txt", InputFiles.Utf8("Santiago, 4 March 2021\n\nChile and Norway agreed to establish a strategic partnership.\n")),
            ("2021/april/deep/b.md", InputFiles.Utf8("Cairo, 9 April 2021\n\nEgypt and Peru decided to upgrade their relations to a comprehensive partnership.\n"))));
        sandbox.Drop("bundle.tar.gz", InputFiles.TarGz(("x/c.txt", InputFiles.Utf8("Bangkok, 1 June 2019\n\nThailand and Mexico today announced a global strategic partnership.\n"))));
        sandbox.Drop("feeds/batch.jsonl", InputFiles.JsonLines(batch));
        sandbox.Drop("partly.zip", InputFiles.Zip(
            ("ok.txt", InputFiles.Utf8("Buenos Aires, 5 May 2022\n\nArgentina and Malaysia agreed to establish an enhanced strategic partnership.\n")),
            ("img/photo.txt", InputFiles.Png())));
        sandbox.Drop("bad/broken.zip", InputFiles.MalformedZip());
        sandbox.Drop("bad/picture.txt", InputFiles.Png());
        sandbox.Drop("bad/garbled.txt", InputFiles.Undecodable());

        // 2 + 2 (zip) + 1 (tar.gz) + 4 (jsonl) + 1 (partly) documents.
        await Poll.UntilAsync(() => sandbox.IsSettledAsync(10), Poll.Generous, () => sandbox.DescribeAsync().Result);
        await Poll.UntilAsync(() => WorkerSandbox.Files(sandbox.Quarantine).Count == 7, Poll.Generous, () => string.Join(", ", WorkerSandbox.Files(sandbox.Quarantine)));

        Assert.Equal(
            ["bundle.tar.gz", "feeds/batch.jsonl", "good/page.html", "good/readout.txt", "nested.zip", "partly.zip"],
            WorkerSandbox.Files(sandbox.Archive));
        Assert.Equal(
            ["bad/broken.zip", "bad/broken.zip.error.txt", "bad/garbled.txt", "bad/garbled.txt.error.txt", "bad/picture.txt", "bad/picture.txt.error.txt", "partly.zip.error.txt"],
            WorkerSandbox.Files(sandbox.Quarantine));
        Assert.Empty(WorkerSandbox.Files(sandbox.Inbox));

        var dyads = await sandbox.Store.StringsAsync("SELECT parties || ' ' || tier FROM records");
        Assert.Contains("IDN,VNM comprehensive strategic partnership", dyads);
        Assert.Contains("GHA,MAR strategic partnership", dyads);
        Assert.Contains("CHL,NOR strategic partnership", dyads);
        Assert.Contains("EGY,PER comprehensive partnership", dyads);
        Assert.Contains("MEX,THA global strategic partnership", dyads);
        Assert.Contains("NGA,POL strategic partnership", dyads);
        Assert.Contains("ARG,MYS enhanced strategic partnership", dyads);
        Assert.Equal(0, await sandbox.Store.CountAsync("SELECT COUNT(*) FROM documents WHERE state <> 'done'"));

        var quarantine = sandbox.Quarantine;
        Assert.Contains("not a readable zip archive", await File.ReadAllTextAsync(Path.Combine(quarantine, "bad/broken.zip.error.txt")));
        Assert.Contains("binary content (PNG", await File.ReadAllTextAsync(Path.Combine(quarantine, "bad/picture.txt.error.txt")));
        Assert.Contains("not valid utf-8", await File.ReadAllTextAsync(Path.Combine(quarantine, "bad/garbled.txt.error.txt")));
        var partly = await File.ReadAllTextAsync(Path.Combine(quarantine, "partly.zip.error.txt"));
        Assert.Contains("partly.zip!/img/photo.txt: binary content (PNG", partly);
        Assert.Contains("archived as", partly);
        Assert.DoesNotContain("ok.txt", partly);

        // The figures the periodic health report logs.
        await Poll.UntilAsync(() => worker.Errors.Contains("Health queue: Healthy; queue depth 0", StringComparison.Ordinal), Poll.Generous, () => worker.Errors);
        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
    }

    [Fact]
    public async Task Links_leading_out_broken_links_and_pipes_are_quarantined_unread_and_the_inbox_goes_on()
    {
        using var sandbox = new WorkerSandbox();
        var outside = Directory.CreateDirectory(Path.Combine(sandbox.Root, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "Hanoi, 1 May 2020\n\nFrance and Japan agreed to establish a strategic partnership.\n");
        Directory.CreateDirectory(sandbox.Inbox);
        File.CreateSymbolicLink(Path.Combine(sandbox.Inbox, "out.txt"), Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(sandbox.Inbox, "d"), outside);
        File.CreateSymbolicLink(Path.Combine(sandbox.Inbox, "through.txt"), Path.Combine("d", "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(sandbox.Inbox, "broken.txt"), Path.Combine(sandbox.Inbox, "nowhere.txt"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(sandbox.Inbox, "pipe.txt")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        await using var worker = sandbox.StartWorker();

        // A good file dropped after them is still taken: nothing blocks the loop.
        sandbox.Drop("good.txt", "Accra, 3 May 2020\n\nGhana and Morocco today announced a strategic partnership.\n");
        await Poll.UntilAsync(() => WorkerSandbox.Files(sandbox.Archive).Contains("good.txt"), Poll.Generous, () => sandbox.DescribeAsync().Result);
        await Poll.UntilAsync(
            () => WorkerSandbox.Files(sandbox.Quarantine).Count(f => f.EndsWith(".error.txt", StringComparison.Ordinal)) == 4,
            Poll.Generous,
            () => string.Join(", ", WorkerSandbox.Files(sandbox.Quarantine)));

        var notes = WorkerSandbox.Files(sandbox.Quarantine).Where(f => f.EndsWith(".error.txt", StringComparison.Ordinal))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(sandbox.Quarantine, f)));
        Assert.Contains("symbolic link leading outside", notes["out.txt.error.txt"], StringComparison.Ordinal);
        Assert.Contains("symbolic link leading outside", notes["through.txt.error.txt"], StringComparison.Ordinal);
        Assert.Contains("broken symbolic link", notes["broken.txt.error.txt"], StringComparison.Ordinal);
        Assert.Contains("empty file (or not a regular file)", notes["pipe.txt.error.txt"], StringComparison.Ordinal);
        await Poll.UntilAsync(async () => await sandbox.Store.HasSchemaAsync() && (await sandbox.Store.StringsAsync("SELECT parties FROM records")).Contains("GHA,MAR"), Poll.Generous, () => sandbox.DescribeAsync().Result);
        Assert.DoesNotContain("FRA,JPN", await sandbox.Store.StringsAsync("SELECT parties FROM records"));
        Assert.True(File.Exists(Path.Combine(outside, "secret.txt")));
        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
    }

    [Fact]
    public async Task An_inbox_that_is_itself_a_link_is_scanned_and_its_files_taken()
    {
        using var sandbox = new WorkerSandbox();
        var real = Directory.CreateDirectory(Path.Combine(sandbox.Root, "real-inbox")).FullName;
        Directory.CreateSymbolicLink(sandbox.Inbox, real);
        File.WriteAllText(Path.Combine(real, "waiting.txt"), "Accra, 3 May 2020\n\nGhana and Morocco today announced a strategic partnership.\n");

        // Already there at start: only the scan finds it.
        await using var worker = sandbox.StartWorker();
        await Poll.UntilAsync(async () => await sandbox.Store.HasSchemaAsync() && (await sandbox.Store.StringsAsync("SELECT parties FROM records")).Contains("GHA,MAR"), Poll.Generous, () => worker.LastErrors());
        Assert.Contains("waiting.txt", WorkerSandbox.Files(sandbox.Archive));
        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
    }
}
