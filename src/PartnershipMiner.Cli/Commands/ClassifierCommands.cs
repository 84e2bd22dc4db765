using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PartnershipMiner.Core.Classification;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Cli.Commands;

/// <summary>
/// The rhetoric classifier's verbs: train, classify, evaluate. Exit codes: 0 ok, 1 some inputs failed,
/// 2 usage error (a missing file or folder, an unreadable model).
/// </summary>
public static class ClassifierCommands
{
    private const int Ok = 0;
    private const int InputsFailed = 1;
    private const int UsageError = 2;
    private const string DefaultModel = "models/rhetoric.v1.model";
    private const string DefaultTrainingData = "models/training";

    private static readonly JsonWriterOptions JsonLineOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static IEnumerable<Command> Create() => [Train(), Classify(), Evaluate()];

    private static Command Train()
    {
        var data = new Option<string?>("--data") { Description = $"folder of *.tsv training files (default {DefaultTrainingData})" };
        var output = new Option<string?>("--out") { Description = $"model file to write (default {DefaultModel})" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the cross-validation folds" };
        var l2 = new Option<double?>("--l2") { Description = "L2 penalty λ of the logistic regression" };
        var command = new Command("train", "Train the rhetorical-vs-substantive classifier, cross-validate it, write the model")
        {
            data, output, seed, l2,
        };
        command.SetAction((ParseResult r) =>
            RunTrain(r.GetValue(data), r.GetValue(output), r.GetValue(seed), r.GetValue(l2)));
        return command;
    }

    private static Command Classify()
    {
        // Optional to the parser so that its absence is our usage error (exit 2), not the parser's generic exit 1.
        var input = new Argument<string?>("input")
        {
            Description = "file of sentences, one a line, or - for standard input",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var model = ModelOption();
        var command = new Command("classify", "Label each input line rhetorical or substantive, as JSON lines") { input, model };
        command.SetAction((ParseResult r, CancellationToken ct) => RunClassify(r.GetValue(input), r.GetValue(model), ct));
        return command;
    }

    private static Command Evaluate()
    {
        var gold = new Option<string?>("--gold") { Description = "folder holding sentences.jsonl (required)" };
        var model = ModelOption();
        var command = new Command("evaluate", "Score the classifier against labelled sentences") { gold, model };
        command.SetAction((ParseResult r) => RunEvaluate(r.GetValue(gold), r.GetValue(model)));
        return command;
    }

    /// <summary>Characters of one line that classify and evaluate score (the extractor's default sentence cap).</summary>
    private const int MaxScoredCharacters = 10_000;

    private static Option<string?> ModelOption() =>
        new("--model") { Description = $"model file (default {DefaultModel}: the models folder pminer uses)" };

    private static int RunTrain(string? dataOption, string? outOption, ulong? seedOption, double? l2Option)
    {
        var dataDir = dataOption ?? Path.Combine(ModelCatalog.Locate(null).Directory, "training");
        var outPath = outOption ?? ModelCatalog.Locate(null).PathOf(ModelCatalog.RhetoricModelFile);
        if (!Directory.Exists(dataDir))
        {
            return Usage($"training data folder not found: {dataDir}");
        }

        var files = Directory.GetFiles(dataDir, "*.tsv").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            return Usage($"no *.tsv files in {dataDir}");
        }

        if (l2Option is { } l2 && (!double.IsFinite(l2) || l2 < 0 || l2 > 1e6))
        {
            return Usage($"--l2 must be a number from 0 to 1000000, not {l2.ToString(CultureInfo.InvariantCulture)}");
        }

        var sentences = new List<LabelledSentence>();
        foreach (var file in files)
        {
            try
            {
                // Strict UTF-8: a file in another encoding would train on U+FFFD where its accents and currency signs were.
                using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
                sentences.AddRange(TrainingSet.Parse(reader, file));
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"pminer train: {e.Message}");
                return InputsFailed;
            }
            catch (DecoderFallbackException e)
            {
                Console.Error.WriteLine($"pminer train: {file}: not valid UTF-8 ({e.Message})");
                return InputsFailed;
            }
        }

        var defaults = new RhetoricTrainingOptions();
        var options = defaults with
        {
            Seed = seedOption ?? defaults.Seed,
            Trainer = defaults.Trainer with { L2 = l2Option ?? defaults.Trainer.L2 },
        };
        var model = RhetoricModel.Train(sentences, options);
        var p = model.Provenance;
        var output = Console.Out;
        output.WriteLine(
            $"trained on {p.Sentences} sentences ({p.Rhetorical} rhetorical, {p.Substantive} substantive) from {files.Length} file(s)");
        output.WriteLine(
            $"L-BFGS: {p.Iterations} iterations, {(p.Converged ? "converged" : "not converged")} ({p.StopReason}); " +
            $"λ = {p.Trainer.L2.ToString("g3", CultureInfo.InvariantCulture)}; {p.CompanionCopies} padded cop(ies) of each sentence");
        output.WriteLine($"{p.Folds}-fold stratified cross-validation (seed {p.Seed}):");
        WriteMetrics(output, p.CrossValidated);
        if (!p.Converged)
        {
            // A model the optimiser gave up on is not one to replace the working one with.
            Console.Error.WriteLine($"pminer train: training did not converge ({p.StopReason}); {outPath} left as it was");
            return InputsFailed;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Written aside and renamed into place: a failure while saving must not leave the working model half-written.
        var partial = Path.Combine(directory ?? ".", $".{Path.GetFileName(outPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = File.Create(partial))
            {
                model.Save(file);
            }

            File.Move(partial, outPath, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        output.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length} bytes, training data sha256 {p.TrainingDataSha256})");
        return Ok;
    }

    private static async Task<int> RunClassify(string? input, string? modelOption, CancellationToken ct)
    {
        if (input is null)
        {
            return Usage("classify needs an input: a file of sentences, or - for standard input");
        }

        if (input != "-" && !File.Exists(input))
        {
            return Usage($"input file not found: {input}");
        }

        if (!TryLoadModel(modelOption, out var model, out var failure))
        {
            return failure;
        }

        using var reader = input == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(input, Encoding.UTF8);
        await using var stdout = Console.OpenStandardOutput();
        await using var buffered = new BufferedStream(stdout, 1 << 16);
        await using var json = new Utf8JsonWriter(buffered, JsonLineOptions);

        // Synchronous line by line: the buffers make it cheap, and an await per sentence would cost more than scoring it.
        while (reader.ReadLine() is { } line)
        {
            ct.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // As the extractor cuts a sentence past Extraction:MaxSentenceCharacters, a line is scored on its first
            // 10,000 characters: the featuriser's buffer grows with the text, and a minified dump on one line would
            // take it past the memory there is.
            var score = model.Classify(line.AsSpan(0, Math.Min(line.Length, MaxScoredCharacters)));
            json.WriteStartObject();
            json.WriteString("text", line);
            json.WriteString("label", score.Label.ToWireName());
            json.WriteNumber("score", Math.Round(score.Score, 6));
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffered.WriteByte((byte)'\n');
        }

        await buffered.FlushAsync(ct);
        return Ok;
    }

    private static int RunEvaluate(string? goldDir, string? modelOption)
    {
        if (goldDir is null)
        {
            return Usage("evaluate needs --gold DIR, a folder holding sentences.jsonl");
        }

        var path = Path.Combine(goldDir, "sentences.jsonl");
        if (!File.Exists(path))
        {
            return Usage($"gold sentences not found: {path}");
        }

        if (!TryLoadModel(modelOption, out var model, out var failure))
        {
            return failure;
        }

        var scored = new List<(int Line, string Text, LabelledPrediction Prediction)>();
        var failed = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!TryReadGoldLine(line, out var text, out var label, out var problem))
            {
                Console.Error.WriteLine($"pminer evaluate: {path}:{lineNumber}: {problem}");
                failed++;
                continue;
            }

            scored.Add((lineNumber, text, new LabelledPrediction(label, model.ProbabilityOfRhetoric(text))));
        }

        var output = Console.Out;
        output.WriteLine($"{scored.Count} labelled sentences from {path}");
        WriteMetrics(output, ClassificationMetrics.From([.. scored.Select(s => s.Prediction)]));
        var worst = scored
            .Where(s => s.Prediction.Predicted != s.Prediction.Actual)
            .OrderByDescending(s => Math.Abs(s.Prediction.ProbabilityOfRhetoric - 0.5))
            .ThenBy(s => s.Line)
            .Take(10)
            .ToArray();
        output.WriteLine($"worst mistakes ({worst.Length} shown, most confident first):");
        foreach (var (line, text, prediction) in worst)
        {
            output.WriteLine(
                $"  line {line}: gold {prediction.Actual.ToWireName()}, P(rhetorical) = {Number(prediction.ProbabilityOfRhetoric)}: {text}");
        }

        return failed == 0 ? Ok : InputsFailed;
    }

    private static bool TryReadGoldLine(string line, out string text, out RhetoricLabel label, out string problem)
    {
        text = "";
        label = default;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("label", out var labelElement) || labelElement.ValueKind != JsonValueKind.String)
            {
                problem = "expected an object with string fields \"text\" and \"label\"";
                return false;
            }

            text = textElement.GetString()!;
            var name = labelElement.GetString();
            if (name is not ("rhetorical" or "substantive"))
            {
                problem = $"label \"{name}\" is neither \"rhetorical\" nor \"substantive\"";
                return false;
            }

            label = name == "rhetorical" ? RhetoricLabel.Rhetorical : RhetoricLabel.Substantive;
            problem = "";
            return true;
        }
        catch (JsonException e)
        {
            problem = $"not JSON: {e.Message}";
            return false;
        }
    }

    private static bool TryLoadModel(string? modelOption, out RhetoricModel model, out int failure)
    {
        var path = modelOption ?? ModelCatalog.Locate(null).PathOf(ModelCatalog.RhetoricModelFile);
        model = null!;
        failure = Ok;
        if (!File.Exists(path))
        {
            failure = Usage($"model file not found: {path} (run `pminer train` first)");
            return false;
        }

        try
        {
            using var stream = File.OpenRead(path);
            model = RhetoricModel.Load(stream);
            return true;
        }
        catch (InvalidDataException e)
        {
            failure = Usage($"cannot use model {path}: {e.Message}");
            return false;
        }
    }

    private static void WriteMetrics(TextWriter output, ClassificationMetrics m)
    {
        output.WriteLine($"  accuracy {Number(m.Accuracy)}  macro-F1 {Number(m.MacroF1)}  (n = {m.Count})");
        output.WriteLine("  class        precision  recall     F1         support");
        foreach (var c in (ClassMetrics[])[m.Rhetorical, m.Substantive])
        {
            output.WriteLine(
                $"  {c.Label.ToWireName(),-12} {Number(c.Precision),-10} {Number(c.Recall),-10} {Number(c.F1),-10} {c.Support}");
        }

        var k = m.Confusion;
        output.WriteLine("  confusion (rows actual, columns predicted):");
        output.WriteLine("                 rhetorical  substantive");
        output.WriteLine($"    rhetorical   {k.RhetoricalAsRhetorical,10}  {k.RhetoricalAsSubstantive,11}");
        output.WriteLine($"    substantive  {k.SubstantiveAsRhetorical,10}  {k.SubstantiveAsSubstantive,11}");
        output.WriteLine(
            $"  calibration: mean P(rhetorical) {Number(m.MeanPredictedRhetoric)} vs observed rate {Number(m.ObservedRhetoricRate)}; log loss {Number(m.LogLoss)}");
    }

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"pminer: {message}");
        return UsageError;
    }
}
