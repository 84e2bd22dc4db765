using BenchmarkDotNet.Running;
using PartnershipMiner.Benchmarks;

// --floor DIR | --read DIR | --ingest PATH | --extract DIR [STAGE_MB] | --store PATH [BATCH] | --e2e PATH [--db FILE] [--warm-up FOLDER]: Stopwatch runs over a generated corpus;
// anything else goes to BenchmarkDotNet (e.g. --filter '*' or --filter '*Classifier*').
switch (args)
{
    case ["--floor", var folder]:
        ThroughputRuns.Floor(folder);
        return 0;
    case ["--read", var folder]:
        ThroughputRuns.ReadOnce(folder);
        return 0;
    case ["--extract", var folder]:
        ThroughputRuns.Extract(folder, 20_000_000);
        return 0;
    case ["--extract", var folder, var megabytes]:
        ThroughputRuns.Extract(folder, long.Parse(megabytes, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000);
        return 0;
    case ["--ingest", var input]:
        await StoreRuns.IngestAsync(input);
        return 0;
    case ["--store", var input, .. var batch]:
        await StoreRuns.StoreAsync(input, Path.Combine(Path.GetTempPath(), "pminer-store-bench.db"), batch is [var size] ? int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) : new PartnershipMiner.Cli.Processing.ProcessingOptions().BatchSize);
        return 0;
    case ["--e2e", .. var rest]:
        return await EndToEndRun.RunAsync(rest);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(StageBenchmarks).Assembly).Run(args);
        return 0;
}
