using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Core.Classification;

/// <summary>
/// The model file, format <see cref="RhetoricModel.FormatVersion"/>: one UTF-8 JSON object, header fields first
/// (format, createdBy, trainingData, featurizer, hyperParameters, optimisation, crossValidation), then "weights".
/// Weights are sparse: "indices" is base64 of the gaps between successive non-zero indices (the first from 0) as
/// unsigned LEB128 varints, "values" base64 of the matching IEEE-754 single-precision values, little-endian, and
/// "bias" a JSON number written round-trippably. No timestamps and a fixed property order, so the same model always
/// serialises to the same bytes.
/// </summary>
internal static class RhetoricModelFile
{
    private const string CreatedBy = "PartnershipMiner.Core RhetoricModel (logistic regression, L-BFGS)";
    private const string WeightEncoding = "sparse: indices delta-leb128/base64, values f32le/base64";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Stream destination, RhetoricModel model)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var json = new Utf8JsonWriter(destination, WriterOptions);
        var p = model.Provenance;
        var f = model.Featurizer;
        json.WriteStartObject();
        json.WriteString("format", RhetoricModel.FormatVersion);
        json.WriteString("createdBy", CreatedBy);

        json.WriteStartObject("trainingData");
        json.WriteString("sha256", p.TrainingDataSha256);
        json.WriteNumber("sentences", p.Sentences);
        json.WriteNumber("rhetorical", p.Rhetorical);
        json.WriteNumber("substantive", p.Substantive);
        json.WriteEndObject();

        json.WriteStartObject("featurizer");
        json.WriteString("scheme", FeaturizerSettings.Scheme);
        json.WriteNumber("hashBits", f.HashBits);
        json.WriteNumber("seed", f.Seed);
        json.WriteBoolean("wordBigrams", f.WordBigrams);
        json.WriteBoolean("charNgrams", f.CharNgrams);
        json.WriteNumber("charNgramMin", f.CharNgramMin);
        json.WriteNumber("charNgramMax", f.CharNgramMax);
        json.WriteNumber("dimension", f.Dimension);
        json.WriteStartArray("cues");
        foreach (var cue in CueLexicon.Names)
        {
            json.WriteStringValue(cue);
        }

        json.WriteEndArray();
        json.WriteEndObject();

        var optimiser = p.Trainer.Optimiser;
        json.WriteStartObject("hyperParameters");
        json.WriteNumber("l2", p.Trainer.L2);
        json.WriteNumber("lbfgsMemory", optimiser.Memory);
        json.WriteNumber("maxIterations", optimiser.MaxIterations);
        json.WriteNumber("gradientTolerance", optimiser.GradientTolerance);
        json.WriteNumber("functionTolerance", optimiser.FunctionTolerance);
        json.WriteNumber("armijo", optimiser.Armijo);
        json.WriteNumber("maxLineSearchSteps", optimiser.MaxLineSearchSteps);
        json.WriteNumber("folds", p.Folds);
        json.WriteNumber("seed", p.Seed);
        json.WriteNumber("companionCopies", p.CompanionCopies);
        json.WriteEndObject();

        json.WriteStartObject("optimisation");
        json.WriteNumber("iterations", p.Iterations);
        json.WriteBoolean("converged", p.Converged);
        json.WriteString("stopReason", p.StopReason);
        json.WriteEndObject();

        WriteMetrics(json, p.CrossValidated);
        WriteWeights(json, model);
        json.WriteEndObject();
        json.Flush();
        destination.WriteByte((byte)'\n');
    }

    public static RhetoricModel Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a {RhetoricModel.FormatVersion} model file: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"not a {RhetoricModel.FormatVersion} model file: the top level is not an object");
            }

            var format = root.TryGetProperty("format", out var formatElement) && formatElement.ValueKind == JsonValueKind.String
                ? formatElement.GetString()
                : null;
            if (format != RhetoricModel.FormatVersion)
            {
                throw new InvalidDataException(
                    $"model file format is \"{format ?? "(none)"}\" but this build reads \"{RhetoricModel.FormatVersion}\"; " +
                    "retrain with `pminer train` or use a matching build");
            }

            try
            {
                var featurizer = ReadFeaturizer(Get(root, "featurizer"));
                var (weights, bias) = ReadWeights(Get(root, "weights"), featurizer.Dimension);
                return new RhetoricModel(featurizer, weights, bias, ReadProvenance(root));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
            {
                // A field of the wrong JSON type: the file is damaged or hand-edited, not a usage error of ours.
                throw new InvalidDataException($"model file has a malformed field: {e.Message}", e);
            }
        }
    }

    private static void WriteMetrics(Utf8JsonWriter json, ClassificationMetrics m)
    {
        json.WriteStartObject("crossValidation");
        json.WriteNumber("sentences", m.Count);
        json.WriteNumber("accuracy", Round(m.Accuracy));
        json.WriteNumber("macroF1", Round(m.MacroF1));
        foreach (var c in (ClassMetrics[])[m.Rhetorical, m.Substantive])
        {
            json.WriteStartObject(c.Label.ToWireName());
            json.WriteNumber("support", c.Support);
            json.WriteNumber("precision", Round(c.Precision));
            json.WriteNumber("recall", Round(c.Recall));
            json.WriteNumber("f1", Round(c.F1));
            json.WriteEndObject();
        }

        json.WriteStartObject("confusion");
        json.WriteNumber("rhetoricalAsRhetorical", m.Confusion.RhetoricalAsRhetorical);
        json.WriteNumber("rhetoricalAsSubstantive", m.Confusion.RhetoricalAsSubstantive);
        json.WriteNumber("substantiveAsRhetorical", m.Confusion.SubstantiveAsRhetorical);
        json.WriteNumber("substantiveAsSubstantive", m.Confusion.SubstantiveAsSubstantive);
        json.WriteEndObject();
        json.WriteNumber("meanPredictedRhetoric", Round(m.MeanPredictedRhetoric));
        json.WriteNumber("observedRhetoricRate", Round(m.ObservedRhetoricRate));
        json.WriteNumber("logLoss", Round(m.LogLoss));
        json.WriteEndObject();
    }

    private static void WriteWeights(Utf8JsonWriter json, RhetoricModel model)
    {
        var weights = model.Weights;
        var indices = new List<byte>();
        var values = new List<byte>();
        Span<byte> single = stackalloc byte[4];
        var previous = 0;
        var nonZero = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            // Exact zeros are features no training sentence had; -0 is dropped too, as it predicts the same.
            if (weights[i] == 0f)
            {
                continue;
            }

            AppendVarint(indices, (uint)(i - previous));
            previous = i;
            BinaryPrimitives.WriteSingleLittleEndian(single, weights[i]);
            values.AddRange(single);
            nonZero++;
        }

        json.WriteStartObject("weights");
        json.WriteString("encoding", WeightEncoding);
        json.WriteNumber("dimension", weights.Length);
        json.WriteNumber("nonZero", nonZero);
        json.WriteNumber("bias", model.Bias);
        json.WriteBase64String("indices", indices.ToArray());
        json.WriteBase64String("values", values.ToArray());
        json.WriteEndObject();
    }

    private static FeaturizerSettings ReadFeaturizer(JsonElement element)
    {
        var scheme = Get(element, "scheme").GetString();
        if (scheme != FeaturizerSettings.Scheme)
        {
            throw new InvalidDataException(
                $"model featurizer scheme is \"{scheme}\" but this build computes \"{FeaturizerSettings.Scheme}\"");
        }

        var cues = Get(element, "cues").EnumerateArray().Select(c => c.GetString()).ToArray();
        if (!cues.SequenceEqual(CueLexicon.Names))
        {
            throw new InvalidDataException(
                $"model cue features [{string.Join(", ", cues)}] differ from this build's [{string.Join(", ", CueLexicon.Names)}]");
        }

        var settings = new FeaturizerSettings
        {
            HashBits = Get(element, "hashBits").GetInt32(),
            Seed = Get(element, "seed").GetUInt32(),
            WordBigrams = Get(element, "wordBigrams").GetBoolean(),
            CharNgrams = Get(element, "charNgrams").GetBoolean(),
            CharNgramMin = Get(element, "charNgramMin").GetInt32(),
            CharNgramMax = Get(element, "charNgramMax").GetInt32(),
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"model featurizer settings are invalid: {e.Message}", e);
        }

        return settings;
    }

    private static (float[] Weights, float Bias) ReadWeights(JsonElement element, int dimension)
    {
        var declared = Get(element, "dimension").GetInt32();
        if (declared != dimension)
        {
            throw new InvalidDataException($"model weights cover {declared} features, its featurizer {dimension}");
        }

        var indices = Get(element, "indices").GetBytesFromBase64();
        var values = Get(element, "values").GetBytesFromBase64();
        var nonZero = Get(element, "nonZero").GetInt32();
        if (values.Length != 4 * nonZero)
        {
            throw new InvalidDataException($"model declares {nonZero} weights but stores {values.Length / 4}");
        }

        var weights = new float[dimension];
        var position = 0;
        var index = 0;
        for (var k = 0; k < nonZero; k++)
        {
            var gap = ReadVarint(indices, ref position);
            index = checked(index + (int)gap);
            if ((k > 0 && gap == 0) || index >= dimension)
            {
                throw new InvalidDataException($"model weight index {index} is out of order or beyond {dimension}");
            }

            weights[index] = BinaryPrimitives.ReadSingleLittleEndian(values.AsSpan(4 * k, 4));
            if (!float.IsFinite(weights[index]))
            {
                // A NaN or infinite weight would score sentences NaN or all alike, and the records could not be written.
                throw new InvalidDataException($"model weight {index} is not a finite number ({weights[index]})");
            }
        }

        if (position != indices.Length)
        {
            throw new InvalidDataException("model weight indices run past the declared number of weights");
        }

        var bias = Get(element, "bias").GetSingle();
        return float.IsFinite(bias) ? (weights, bias) : throw new InvalidDataException($"model bias is not a finite number ({bias})");
    }

    private static TrainingProvenance ReadProvenance(JsonElement root)
    {
        var data = Get(root, "trainingData");
        var hyper = Get(root, "hyperParameters");
        var optimisation = Get(root, "optimisation");
        var trainer = new LogisticRegressionOptions
        {
            L2 = Get(hyper, "l2").GetDouble(),
            Optimiser = new LbfgsOptions
            {
                Memory = Get(hyper, "lbfgsMemory").GetInt32(),
                MaxIterations = Get(hyper, "maxIterations").GetInt32(),
                GradientTolerance = Get(hyper, "gradientTolerance").GetDouble(),
                FunctionTolerance = Get(hyper, "functionTolerance").GetDouble(),
                Armijo = Get(hyper, "armijo").GetDouble(),
                MaxLineSearchSteps = Get(hyper, "maxLineSearchSteps").GetInt32(),
            },
        };
        return new TrainingProvenance(
            Get(data, "sha256").GetString() ?? "",
            Get(data, "sentences").GetInt32(),
            Get(data, "rhetorical").GetInt32(),
            Get(data, "substantive").GetInt32(),
            trainer,
            Get(hyper, "folds").GetInt32(),
            Get(hyper, "seed").GetUInt64(),
            Get(hyper, "companionCopies").GetInt32(),
            Get(optimisation, "iterations").GetInt32(),
            Get(optimisation, "converged").GetBoolean(),
            Get(optimisation, "stopReason").GetString() ?? "",
            ReadMetrics(Get(root, "crossValidation")));
    }

    private static ClassificationMetrics ReadMetrics(JsonElement element)
    {
        ClassMetrics Class(RhetoricLabel label)
        {
            var c = Get(element, label.ToWireName());
            return new ClassMetrics(
                label,
                Get(c, "support").GetInt32(),
                Get(c, "precision").GetDouble(),
                Get(c, "recall").GetDouble(),
                Get(c, "f1").GetDouble());
        }

        var confusion = Get(element, "confusion");
        return new ClassificationMetrics(
            Get(element, "sentences").GetInt32(),
            Get(element, "accuracy").GetDouble(),
            Class(RhetoricLabel.Rhetorical),
            Class(RhetoricLabel.Substantive),
            Get(element, "macroF1").GetDouble(),
            new ConfusionMatrix(
                Get(confusion, "rhetoricalAsRhetorical").GetInt32(),
                Get(confusion, "rhetoricalAsSubstantive").GetInt32(),
                Get(confusion, "substantiveAsRhetorical").GetInt32(),
                Get(confusion, "substantiveAsSubstantive").GetInt32()),
            Get(element, "meanPredictedRhetoric").GetDouble(),
            Get(element, "observedRhetoricRate").GetDouble(),
            Get(element, "logLoss").GetDouble());
    }

    private static JsonElement Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value
            : throw new InvalidDataException($"model file lacks the field \"{name}\"");

    /// <summary>Metrics are for people; six decimals keep the header readable and are stable under re-saving.</summary>
    private static double Round(double value) => Math.Round(value, 6, MidpointRounding.ToEven);

    private static void AppendVarint(List<byte> output, uint value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static uint ReadVarint(byte[] input, ref int position)
    {
        var value = 0u;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= input.Length)
            {
                throw new InvalidDataException("model weight indices end inside a number");
            }

            var b = input[position++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("model weight indices hold a number longer than 32 bits");
    }
}
