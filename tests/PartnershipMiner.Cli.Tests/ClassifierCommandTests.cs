using System.Text;
using PartnershipMiner.Cli.Tests.Support;

namespace PartnershipMiner.Cli.Tests;

/// <summary>The classifier verbs as processes: bad settings and bad training files refused without touching the model.</summary>
public sealed class ClassifierCommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("pminer-classifier-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task A_bad_penalty_or_a_training_file_that_is_not_utf8_leaves_the_model_as_it_was()
    {
        var data = Directory.CreateDirectory(Path.Combine(work, "training")).FullName;
        var model = Path.Combine(work, "model.json");
        File.WriteAllText(model, "the model in use");

        // Windows-1252: "Côte d'Ivoire" and a euro sign, which UTF-8 decoding would turn into U+FFFD.
        File.WriteAllBytes(Path.Combine(data, "a.tsv"), Encoding.Latin1.GetBytes("label\ttext\nsubstantive\tC\u00f4te d'Ivoire and Ghana signed a 12 million loan.\n"));
        await using var latin = await PminerProcess.RunAsync(work, new Dictionary<string, string>(), Poll.Generous, "train", "--data", data, "--out", model);
        await using var negative = await PminerProcess.RunAsync(work, new Dictionary<string, string>(), Poll.Generous, "train", "--data", data, "--out", model, "--l2", "-1");

        Assert.Equal(PminerCommandLine.InputsFailed, latin.ExitCode);
        Assert.Contains("a.tsv: not valid UTF-8", latin.Errors, StringComparison.Ordinal);
        Assert.Equal(PminerCommandLine.UsageError, negative.ExitCode);
        Assert.Contains("--l2 must be a number from 0 to 1000000, not -1", negative.Errors, StringComparison.Ordinal);
        Assert.Equal("the model in use", File.ReadAllText(model));
        Assert.Equal(["model.json", "training"], Directory.GetFileSystemEntries(work).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_line_far_longer_than_a_sentence_is_scored_on_its_start()
    {
        var input = Path.Combine(work, "lines.txt");
        File.WriteAllText(input, "Ghana and Kenya signed a loan agreement of 300 million dollars.\n" + string.Concat(Enumerable.Repeat("cooperation and friendship ", 40_000)) + "\n");

        await using var classify = await PminerProcess.RunAsync(work, new Dictionary<string, string>(), Poll.Generous, "classify", input);

        Assert.Equal(PminerCommandLine.Ok, classify.ExitCode);
        var lines = classify.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Contains("\"label\":", line, StringComparison.Ordinal));
    }
}
