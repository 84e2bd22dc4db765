using System.Text;
using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Tests.Classification;

public sealed class RhetoricModelTests
{
    private static readonly IReadOnlyList<LabelledSentence> Training = ToySentences.Generate(160, 1);
    private static readonly IReadOnlyList<LabelledSentence> Unseen = ToySentences.Generate(80, 2);
    private static readonly Lazy<RhetoricModel> Trained = new(() => RhetoricModel.Train(Training, ToySentences.SmallOptions));

    private static byte[] Bytes(RhetoricModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void A_model_trained_on_toy_data_separates_unseen_toy_sentences()
    {
        var model = Trained.Value;
        var predictions = Unseen.Select(s => new LabelledPrediction(s.Label, model.ProbabilityOfRhetoric(s.Text))).ToArray();
        Assert.True(ClassificationMetrics.From(predictions).MacroF1 >= 0.95);
        Assert.Equal(RhetoricLabel.Substantive, model.Classify("Atlantis signed a contract for 12 frigates in March 2021.").Label);
        Assert.Equal(RhetoricLabel.Rhetorical, model.Classify("Both sides cherish their friendship and mutual trust.").Label);
    }

    [Fact]
    public void Save_then_load_predicts_exactly_the_same_and_saves_the_same_bytes()
    {
        var model = Trained.Value;
        var bytes = Bytes(model);
        var loaded = RhetoricModel.Load(new MemoryStream(bytes));
        foreach (var sentence in Unseen)
        {
            Assert.Equal(model.ProbabilityOfRhetoric(sentence.Text), loaded.ProbabilityOfRhetoric(sentence.Text));
        }

        Assert.Equal(bytes, Bytes(loaded));
        Assert.Equal(model.Provenance.TrainingDataSha256, loaded.Provenance.TrainingDataSha256);
        Assert.Equal(model.Provenance.CrossValidated.Confusion, loaded.Provenance.CrossValidated.Confusion);
    }

    [Fact]
    public void Training_twice_on_the_same_data_writes_identical_bytes()
    {
        var again = RhetoricModel.Train(Training, ToySentences.SmallOptions);
        Assert.Equal(Bytes(Trained.Value), Bytes(again));
    }

    [Fact]
    public void A_file_of_another_format_version_is_refused_naming_both_versions()
    {
        var text = Encoding.UTF8.GetString(Bytes(Trained.Value)).Replace(
            "\"pminer-rhetoric/1\"", "\"pminer-rhetoric/2\"", StringComparison.Ordinal);
        var error = Assert.Throws<InvalidDataException>(
            () => RhetoricModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        Assert.Contains("pminer-rhetoric/2", error.Message, StringComparison.Ordinal);
        Assert.Contains("pminer-rhetoric/1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_files_are_refused_as_invalid_data()
    {
        var text = Encoding.UTF8.GetString(Bytes(Trained.Value));
        Assert.Throws<InvalidDataException>(() => RhetoricModel.Load(new MemoryStream("not json"u8.ToArray())));
        var withoutWeights = text[..text.IndexOf("\"weights\"", StringComparison.Ordinal)].TrimEnd().TrimEnd(',') + "}";
        var error = Assert.Throws<InvalidDataException>(
            () => RhetoricModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(withoutWeights))));
        Assert.Contains("weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_whose_bias_or_weights_are_not_finite_is_refused()
    {
        var text = Encoding.UTF8.GetString(Bytes(Trained.Value));
        var infinite = System.Text.RegularExpressions.Regex.Replace(text, "\"bias\": [-0-9.eE+]+", "\"bias\": 1e39");
        Assert.NotEqual(text, infinite);
        var error = Assert.Throws<InvalidDataException>(() => RhetoricModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(infinite))));
        Assert.Equal("model bias is not a finite number (Infinity)", error.Message);
    }

    [Fact]
    public void The_header_records_data_hash_hyper_parameters_and_cross_validation()
    {
        var text = Encoding.UTF8.GetString(Bytes(Trained.Value));
        Assert.Contains($"\"sha256\": \"{TrainingSet.Sha256Of(Training)}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"l2\": 0.001", text, StringComparison.Ordinal);
        Assert.Contains("\"crossValidation\"", text, StringComparison.Ordinal);
        Assert.Contains("\"hashBits\": 14", text, StringComparison.Ordinal);
        Assert.Equal(3, Trained.Value.Provenance.Folds);
        Assert.Equal(Training.Count, Trained.Value.Provenance.CrossValidated.Count);
    }

    [Fact]
    public void Classifying_from_many_threads_agrees_with_one_thread()
    {
        var model = Trained.Value;
        var texts = Unseen.Select(s => s.Text).ToArray();
        var sequential = texts.Select(t => model.ProbabilityOfRhetoric(t)).ToArray();
        var parallel = new double[texts.Length];
        Parallel.For(0, texts.Length, i => parallel[i] = model.ProbabilityOfRhetoric(texts[i]));
        Assert.Equal(sequential, parallel);
    }
}
