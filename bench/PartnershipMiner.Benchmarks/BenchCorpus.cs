using System.Text;

namespace PartnershipMiner.Benchmarks;

/// <summary>One generated document: where it lies and its decoded text.</summary>
public sealed record BenchDocument(string Path, string Text, int Bytes);

/// <summary>
/// The generated corpus (bench/generate_corpus.py). The micro-benchmarks read its first few megabytes from the folder
/// named by PMINER_BENCH_CORPUS (default /tmp/pminer-bench/10/files), always the same files in the same order.
/// </summary>
public static class BenchCorpus
{
    public const string FolderVariable = "PMINER_BENCH_CORPUS";
    public const string DefaultFolder = "/tmp/pminer-bench/10/files";
    public const long SampleBytes = 4_000_000;

    private static readonly Lazy<IReadOnlyList<BenchDocument>> LazySample = new(() => Load(SampleFolder, SampleBytes));

    public static string SampleFolder => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : DefaultFolder;

    /// <summary>The micro-benchmarks' documents, loaded once per process.</summary>
    public static IReadOnlyList<BenchDocument> Sample => LazySample.Value;

    /// <summary>The .txt files under <paramref name="folder"/> in ordinal path order.</summary>
    public static string[] Files(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"no corpus at {folder}: generate one with `python3 bench/generate_corpus.py {Path.GetDirectoryName(folder)} 10` (or set {FolderVariable})");
        }

        var files = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>Documents in path order until <paramref name="maxBytes"/> have been read.</summary>
    public static IReadOnlyList<BenchDocument> Load(string folder, long maxBytes)
    {
        var documents = new List<BenchDocument>();
        var total = 0L;
        foreach (var file in Files(folder))
        {
            var bytes = File.ReadAllBytes(file);
            documents.Add(new BenchDocument(file, Encoding.UTF8.GetString(bytes), bytes.Length));
            total += bytes.Length;
            if (total >= maxBytes)
            {
                break;
            }
        }

        return documents;
    }

    public static long TotalBytes(IReadOnlyList<BenchDocument> documents) => documents.Sum(d => (long)d.Bytes);
}
