using System.ComponentModel.DataAnnotations;

namespace PartnershipMiner.Cli.Processing;

/// <summary>How the queue is worked. Bound from the "Processing" section (PMINER__Processing__...), validated at start.</summary>
public sealed class ProcessingOptions
{
    public const string Section = "Processing";

    /// <summary>
    /// Documents claimed and committed together: one transaction per batch. Each commit rewrites the index pages its
    /// rows touch (content hashes and record ids are random keys), so fewer, larger commits cost the store less: 256
    /// rather than 64 saved about 0.25 CPU s per 100 MB of mine for about 20 MB more peak memory (bench/README.md).
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Documents analysed at once; 0 means one per core.</summary>
    [Range(0, 256)]
    public int Parallelism { get; set; }

    /// <summary>How long a claim protects a document; a worker killed mid-batch gives its documents back after this.</summary>
    [Range(1, 86_400)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Failures after which a document is parked as failed and the worker goes on.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Seconds a batch waits for more documents before it is stored as it is. Files fill a batch long before; a crawl
    /// fetching a page a second stores its pages every few seconds rather than every few minutes, and a stop loses
    /// no more than this much of its work (the lost pages are fetched again next time).
    /// </summary>
    [Range(1, 3_600)]
    public int MaxBatchWaitSeconds { get; set; } = 5;

    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan MaxBatchWait => TimeSpan.FromSeconds(MaxBatchWaitSeconds);
}
