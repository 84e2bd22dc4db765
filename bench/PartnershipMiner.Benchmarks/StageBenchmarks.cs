using BenchmarkDotNet.Attributes;

namespace PartnershipMiner.Benchmarks;

/// <summary>
/// Each extraction stage over the sample (the first 4 MB of the generated corpus), one invocation = the whole sample.
/// The MB/s column is sample bytes over the mean time: the stages' MB/s combine (1/Σ 1/x) to about Extract's.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class StageBenchmarks
{
    private ExtractionStages stages = null!;
    private List<ExtractionStages.Staged> documents = null!;

    [GlobalSetup]
    public void Setup()
    {
        stages = new ExtractionStages();
        documents = stages.Stage(BenchCorpus.Sample);
    }

    [Benchmark]
    public int Normalise() => ExtractionStages.Normalise(documents);

    [Benchmark]
    public int Segment() => ExtractionStages.Segment(documents);

    [Benchmark]
    public int Tokenise() => ExtractionStages.Tokenise(documents);

    [Benchmark]
    public int SpotParties() => stages.SpotParties(documents);

    [Benchmark]
    public int SpotTiers() => stages.SpotTiers(documents);

    [Benchmark]
    public int Relate() => stages.Relate(documents);

    [Benchmark]
    public int Extract() => stages.Extract(documents);
}

/// <summary>The committed rhetoric model on every content sentence of the sample, one at a time as the pipeline calls it.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ClassifierBenchmarks
{
    private ExtractionStages stages = null!;
    private List<string> sentences = null!;

    [GlobalSetup]
    public void Setup()
    {
        stages = new ExtractionStages();
        sentences = ExtractionStages.Sentences(stages.Stage(BenchCorpus.Sample));
    }

    [Benchmark]
    public double Classify()
    {
        var sum = 0.0;
        foreach (var sentence in sentences)
        {
            sum += stages.Classifier.Classify(sentence).Score;
        }

        return sum;
    }
}
