using System.Diagnostics;
using PartnershipMiner.Cli.Tests.Support;
using Xunit.Abstractions;

namespace PartnershipMiner.Cli.Tests;

/// <summary>Starting and stopping the real worker: a clean exit on SIGTERM, and no start at all with a bad setting.</summary>
public sealed class WorkerLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_while_working_exits_0_within_a_few_seconds_after_finishing_the_batch_in_hand()
    {
        using var sandbox = new WorkerSandbox();
        sandbox.Drop("busy.jsonl", InputFiles.JsonLines(new DiplomaticTexts(seed: 5).Generate(300, "busy")));
        sandbox.Settings["PMINER__Processing__BatchSize"] = "20";
        await using var worker = sandbox.StartWorker();
        await Poll.UntilAsync(async () => await sandbox.Store.HasSchemaAsync() && await sandbox.Store.DoneAsync() > 0, Poll.Generous, () => worker.Errors);

        await StopsCleanlyWithinSecondsAsync(worker);
        Assert.Contains("stopped", worker.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("abandoned", worker.Errors, StringComparison.Ordinal);
        Assert.Equal(0, await sandbox.Store.CountAsync("SELECT COUNT(*) FROM documents WHERE state = 'processing'"));

        // Whatever was left is finished by the next run.
        await using var next = sandbox.StartWorker();
        await Poll.UntilAsync(() => sandbox.IsSettledAsync(300), Poll.Generous, () => sandbox.DescribeAsync().Result);
        await next.TerminateAsync();
        Assert.Equal(0, await next.WaitForExitAsync(Poll.Generous));
    }

    [Fact]
    public async Task A_batch_that_outlasts_the_grace_period_is_abandoned_given_back_and_taken_at_once_by_the_next_worker()
    {
        using var sandbox = new WorkerSandbox();
        sandbox.DropSlowBatch(seed: 9);
        sandbox.Settings["PMINER__Worker__ShutdownGraceSeconds"] = "0";
        await using var worker = sandbox.StartWorker();
        await sandbox.UntilSlowBatchClaimedAsync(worker);

        await StopsCleanlyWithinSecondsAsync(worker);
        Assert.True(worker.Errors.Contains("abandoned", StringComparison.Ordinal), worker.LastErrors());
        Assert.True(worker.Errors.Contains("Gave 12 claimed documents back to the queue on stopping", StringComparison.Ordinal), worker.LastErrors());
        Assert.Equal(0, await sandbox.Store.DoneAsync());
        Assert.Equal(12, await sandbox.Store.CountAsync("SELECT COUNT(*) FROM documents WHERE state = 'received' AND attempts = 0"));
        Assert.Equal(0, await sandbox.Store.CountAsync("SELECT COUNT(*) FROM records"));

        sandbox.Settings.Remove("PMINER__Processing__Parallelism");
        await using var next = sandbox.StartWorker();
        await Poll.UntilAsync(() => sandbox.IsSettledAsync(12), Poll.Generous, () => sandbox.DescribeAsync().Result);
        Assert.Equal(12, await sandbox.Store.CountAsync("SELECT COUNT(*) FROM documents WHERE attempts = 1"));
        await next.TerminateAsync();
        Assert.Equal(0, await next.WaitForExitAsync(Poll.Generous));
    }

    /// <summary>SIGTERM, then exit code 0 within "a few seconds" (10, for a loaded machine).</summary>
    private async Task StopsCleanlyWithinSecondsAsync(PminerProcess worker)
    {
        await worker.WaitUntilWorkingAsync(Poll.Generous);
        var stopping = Stopwatch.StartNew();
        await worker.TerminateAsync();
        Assert.Equal(0, await worker.WaitForExitAsync(Poll.Generous));
        output.WriteLine($"stopped in {stopping.ElapsedMilliseconds} ms");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"took {stopping.Elapsed.TotalSeconds:0.0} s to stop");
    }

    [Theory]
    [InlineData("PMINER__Processing__BatchSize", "0", "Processing:BatchSize")]
    [InlineData("PMINER__Worker__PollSeconds", "soon", "Worker:PollSeconds")]
    [InlineData("PMINER__Worker__StableSeconds", "-1", "Worker:StableSeconds")]
    [InlineData("PMINER__Worker__Archive", "inbox/archive", "Worker:Archive")]
    [InlineData("PMINER__Crawl__Interval", "hourly", "Crawl:Interval")]
    [InlineData("PMINER__Crawl__Interval", "00:00:00", "Crawl:Interval")]
    [InlineData("PMINER__Crawl__Seeds__0", "ministry.example/press", "Crawl:Seeds:0")]
    [InlineData("PMINER__Crawl__Fetch__MaxRetries", "11", "Crawl:Fetch:MaxRetries")]
    public async Task A_bad_setting_stops_start_up_with_exit_code_2_naming_the_key(string variable, string value, string key)
    {
        using var sandbox = new WorkerSandbox();
        sandbox.Settings[variable] = value;
        var settings = sandbox.Settings;
        await using var worker = await PminerProcess.RunAsync(sandbox.Root, settings, Poll.Generous, "worker", "--inbox", "inbox", "--db", sandbox.Database);
        Assert.Equal(2, worker.ExitCode);
        Assert.Contains(key, worker.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(sandbox.Database), "nothing may be touched before the settings are valid");
    }
}
