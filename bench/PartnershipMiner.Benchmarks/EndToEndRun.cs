using System.Diagnostics;
using PartnershipMiner.Cli;

namespace PartnershipMiner.Benchmarks;

/// <summary>The real `pminer mine` run in this process on a generated corpus, into a fresh SQLite file.</summary>
internal static class EndToEndRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = args[0];
        var database = args.Length > 2 && args[1] == "--db" ? args[2] : Path.Combine(Path.GetTempPath(), "pminer-e2e.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        var bytes = BenchCorpus.Files(folder).Sum(f => new FileInfo(f).Length);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var exit = await PminerCommandLine.RunAsync(["mine", folder, "--db", database]);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        ThroughputRuns.Report("e2e", $"{bytes / 1e6 / seconds:F1} MB/s ({bytes / 1e6:F1} MB in {seconds:F2} s, exit {exit}), cpu {(process.TotalProcessorTime - cpuBefore).TotalSeconds:F1} s, peak working set {process.PeakWorkingSet64 / 1e6:F0} MB");
        return exit;
    }
}
