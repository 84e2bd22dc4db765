using System.Diagnostics;
using PartnershipMiner.Cli.Commands;

namespace PartnershipMiner.Benchmarks;

/// <summary>
/// The real <c>pminer mine</c> (the verb's own code, in this process) on a generated corpus, a folder of files or the
/// JSON-lines archive, into a fresh SQLite file: MB/s, documents/s, records/s, peak working set and the time of each stage.
/// With <c>--warm-up PATH</c> the process first mines PATH (a small folder) into a scratch file, untimed: the timed run
/// then shows the steady state, without the start-up, the just-in-time compilation and the first-call costs a fresh
/// process pays.
/// </summary>
internal static class EndToEndRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: --e2e CORPUS_FOLDER|CORPUS.jsonl [--db FILE] [--warm-up FOLDER]");
            return 2;
        }

        var input = args[0];
        var database = OptionValue(args, "--db") ?? Path.Combine(Path.GetTempPath(), "pminer-e2e.db");
        DeleteStore(database);
        if (OptionValue(args, "--warm-up") is { } warmUp)
        {
            var scratch = Path.Combine(Path.GetTempPath(), "pminer-e2e-warm-up.db");
            DeleteStore(scratch);
            var warmStarted = Stopwatch.GetTimestamp();
            await MineCommand.MineAsync([warmUp], null, new() { ["Store:Database"] = scratch }, verbose: false, CancellationToken.None);
            ThroughputRuns.Report("e2e-warm-up", $"{warmUp} in {Stopwatch.GetElapsedTime(warmStarted).TotalSeconds:F2} s, JIT {System.Runtime.JitInfo.GetCompiledMethodCount()} methods");
            DeleteStore(scratch);
        }

        var bytes = File.Exists(input) ? new FileInfo(input).Length : BenchCorpus.Files(input).Sum(f => new FileInfo(f).Length);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var (exit, run) = await MineCommand.MineAsync([input], null, new() { ["Store:Database"] = database }, verbose: false, CancellationToken.None);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var documents = run.Intake.Queued + run.Intake.AlreadyKnown;
        var records = File.Exists(database) ? CountRecords(database) : 0;
        var t = run.Timings;
        ThroughputRuns.Report(
            "e2e",
            $"{bytes / 1e6 / seconds:F1} MB/s, {documents / seconds:F0} documents/s, {records / seconds:F0} records/s, peak working set {process.PeakWorkingSet64 / 1e6:F0} MB " +
            $"({bytes / 1e6:F1} MB, {documents} documents, {records} records in {seconds:F2} s, cpu {cpu:F1} s, exit {exit})");
        ThroughputRuns.Report(
            "e2e-stages",
            $"reading {t.Reading.TotalSeconds:F2} s, looking up {t.LookingUp.TotalSeconds:F2} s, extracting {t.Extracting.TotalSeconds:F2} s on {t.Workers} threads, storing {t.Storing.TotalSeconds:F2} s; " +
            $"GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s, allocated {GC.GetTotalAllocatedBytes() / 1e9:F1} GB; " +
            $"JIT {System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled in {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} s");
        return exit;
    }

    private static string? OptionValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at > 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static void DeleteStore(string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }

    private static long CountRecords(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM records";
        return (long)command.ExecuteScalar()!;
    }
}
