using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PartnershipMiner.Cli.Tests;

/// <summary>The mine verb end to end, in-process through the real command line, on the project's corpus and on bad input.</summary>
public sealed class MineCommandTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("pminer-mine-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task Mining_the_corpus_reaches_the_precision_and_recall_bar()
    {
        var output = Path.Combine(work, "corpus.jsonl");
        var exit = await PminerCommandLine.RunAsync(["mine", RepositoryFiles.PathOf("corpus", "docs"), "--db", Path.Combine(work, "c.db"), "--out", output]);

        Assert.Equal(PminerCommandLine.Ok, exit);
        var score = GoldRecords.Score(RepositoryFiles.PathOf("corpus", "gold.jsonl"), File.ReadLines(output));
        Assert.True(score.Precision >= 0.90, score.ToString());
        Assert.True(score.Recall >= 0.88, score.ToString());
        Assert.True(score.F1 >= 0.90, score.ToString());
    }

    [Fact]
    public async Task Running_twice_on_the_same_files_adds_no_record()
    {
        var db = Path.Combine(work, "twice.db");
        var docs = RepositoryFiles.PathOf("corpus", "docs");
        Assert.Equal(0, await PminerCommandLine.RunAsync(["mine", docs, "--db", db, "--out", Path.Combine(work, "first.jsonl")]));
        var first = RecordIds(db);
        Assert.Equal(0, await PminerCommandLine.RunAsync(["mine", docs, "--db", db, "--out", Path.Combine(work, "second.jsonl")]));

        Assert.NotEmpty(first);
        Assert.Equal(first, RecordIds(db));
        Assert.Equal(
            File.ReadLines(Path.Combine(work, "first.jsonl")).Select(Id).Order(StringComparer.Ordinal),
            File.ReadLines(Path.Combine(work, "second.jsonl")).Select(Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bad_files_are_reported_the_rest_is_mined_and_the_exit_code_is_one()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(work, "inputs")).FullName;
        File.Copy(RepositoryFiles.PathOf("corpus", "docs", "001.txt"), Path.Combine(inputs, "good.txt"));
        File.WriteAllBytes(Path.Combine(inputs, "image.txt"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        File.WriteAllBytes(Path.Combine(inputs, "binary.md"), [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 256))]);
        var db = Path.Combine(work, "bad.db");
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        int exit;
        try
        {
            exit = await PminerCommandLine.RunAsync(["mine", inputs, "--db", db]);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(PminerCommandLine.InputsFailed, exit);
        Assert.Contains("image.txt", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("binary.md", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Scalar(db, "SELECT count(*) FROM documents WHERE state = 'done'"));
        Assert.True(Scalar(db, "SELECT count(*) FROM records") > 0);
    }

    [Fact]
    public async Task Copies_of_a_document_in_later_batches_of_one_run_are_not_reported_again()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(work, "copies")).FullName;
        for (var i = 0; i < 12; i++)
        {
            File.WriteAllText(Path.Combine(inputs, $"copy-{i:00}.txt"), "Date: 2019-06-05\n\nChina and Russia upgraded their ties to a comprehensive strategic partnership of coordination.\n");
        }

        File.WriteAllText(Path.Combine(inputs, "other.txt"), "Date: 2002-04-10\n\nGermany and Brazil established a strategic partnership.\n");
        var output = Path.Combine(work, "copies.jsonl");

        // One document a batch: the copies are looked up after the first one was committed.
        await using var mine = await Support.PminerProcess.RunAsync(
            work, new Dictionary<string, string> { ["PMINER__Processing__BatchSize"] = "1" }, Support.Poll.Generous,
            "mine", inputs, "--db", Path.Combine(work, "copies.db"), "--out", output);

        Assert.Equal(PminerCommandLine.Ok, mine.ExitCode);
        var ids = File.ReadLines(output).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Contains("records:   2 (2 new, 0 already stored)", mine.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_model_file_is_a_usage_error_naming_the_file_and_the_field()
    {
        var models = Directory.CreateDirectory(Path.Combine(work, "models")).FullName;
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf("models")))
        {
            File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        }

        var gazetteer = Path.Combine(models, "gazetteer.v1.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(gazetteer))!;
        json["parties"]![0]!["kind"] = "organization";
        File.WriteAllText(gazetteer, json.ToJsonString());
        File.WriteAllText(Path.Combine(work, "a.txt"), "China and India established a strategic partnership.");

        await using var mine = await Support.PminerProcess.RunAsync(
            work, new Dictionary<string, string>(), Support.Poll.Generous, "mine", Path.Combine(work, "a.txt"), "--models", models, "--db", Path.Combine(work, "m.db"));

        Assert.Equal(PminerCommandLine.UsageError, mine.ExitCode);
        Assert.Contains($"model file {gazetteer} cannot be used: gazetteer: parties[0] (", mine.Errors, StringComparison.Ordinal);
        Assert.Contains("kind 'organization' is none of country, organisation, observer, territory", mine.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", mine.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error()
    {
        Assert.Equal(PminerCommandLine.UsageError, await PminerCommandLine.RunAsync(["mine", Path.Combine(work, "nowhere"), "--db", Path.Combine(work, "x.db")]));
        Assert.Equal(PminerCommandLine.UsageError, await PminerCommandLine.RunAsync(["mine"]));
        Assert.Equal(PminerCommandLine.UsageError, await PminerCommandLine.RunAsync(["mine", work, "--no-such-option"]));
    }

    private static string Id(string jsonLine)
    {
        using var json = JsonDocument.Parse(jsonLine);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static List<string> RecordIds(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM records ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
