using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PartnershipMiner.Benchmarks;

/// <summary>Adds a throughput column: MB/s of sample text for the stage benchmarks, sentences/s for the classifier.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(new ThroughputColumn());

    private sealed class ThroughputColumn : IColumn
    {
        private static readonly Lazy<(long Bytes, int Sentences)> SampleSize = new(() =>
        {
            var sample = BenchCorpus.Sample;
            var sentences = ExtractionStages.Sentences(new ExtractionStages().Stage(sample)).Count;
            return (BenchCorpus.TotalBytes(sample), sentences);
        });

        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "Throughput";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "MB/s of sample text (stages) or sentences/s (classifier), from the mean";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (mean is not > 0)
            {
                return "-";
            }

            var seconds = mean.Value / 1e9;
            return benchmarkCase.Descriptor.Type == typeof(ClassifierBenchmarks)
                ? string.Create(CultureInfo.InvariantCulture, $"{SampleSize.Value.Sentences / seconds:N0} sentences/s")
                : string.Create(CultureInfo.InvariantCulture, $"{SampleSize.Value.Bytes / 1e6 / seconds:N1} MB/s");
        }
    }
}
