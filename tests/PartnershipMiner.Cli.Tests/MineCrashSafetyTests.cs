using System.Text.Json;
using PartnershipMiner.Cli.Tests.Support;
using Xunit.Abstractions;

namespace PartnershipMiner.Cli.Tests;

/// <summary>
/// <c>pminer mine</c> killed with SIGKILL at random moments of a run, then run again to its end: the store holds exactly
/// what one undisturbed run makes of the same inputs (every document once, the same records, none twice), and the last
/// run's <c>--out</c> reports all of them. mine writes a batch's documents and records in one transaction after their
/// analysis, so a kill loses only uncommitted batches, which the next run reads and analyses again.
/// </summary>
public sealed class MineCrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_261_122;
    private const int MaxKills = 6;
    private const int MinKills = 3;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly string work = Directory.CreateTempSubdirectory("pminer-mine-kill-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task Killing_mine_and_running_it_again_ends_with_the_records_of_an_undisturbed_run()
    {
        var documents = new DiplomaticTexts(Seed).Generate(6000, "doc");
        var inputs = Directory.CreateDirectory(Path.Combine(work, "inputs")).FullName;
        foreach (var document in documents)
        {
            File.WriteAllText(Path.Combine(inputs, $"{document.Name}.txt"), document.Text);
        }

        // Small batches on one thread: many commits for the kills to fall between.
        var settings = new Dictionary<string, string>
        {
            ["PMINER__Processing__BatchSize"] = "4",
            ["PMINER__Processing__Parallelism"] = "1",
        };

        var clean = new StoreFile(Path.Combine(work, "clean.db"));
        var cleanRun = await PminerProcess.RunAsync(work, settings, Generous, "mine", inputs, "--db", clean.Path, "--out", Path.Combine(work, "clean.jsonl"));
        Assert.True(cleanRun.ExitCode == 0, cleanRun.LastErrors());
        var cleanIds = await clean.RecordIdsAsync();
        Assert.True(cleanIds.Count > documents.Count / 3, "the generated texts should give records");

        var crashed = new StoreFile(Path.Combine(work, "crashed.db"));
        var random = new Random(Seed);
        var kills = new List<string>();
        async Task<long> DoneAsync() => await crashed.HasSchemaAsync() ? await crashed.DoneAsync() : 0;
        while (kills.Count < MaxKills)
        {
            await using var mine = PminerProcess.Start(work, settings, "mine", inputs, "--db", crashed.Path);

            // The moment: half the time a random delay after start (start-up, reading, the first batches), else when
            // a random share of what is left has been committed. The first kills wait for small steps of committed work
            // (a twentieth at most), so that enough land mid-run however fast mine is on the machine.
            var early = kills.Count < MinKills;
            string moment;
            if (!early && random.Next(2) == 0)
            {
                var delay = random.Next(300, 1500);
                await Task.Delay(delay);
                moment = $"+{delay} ms";
            }
            else
            {
                var from = await DoneAsync();
                var step = early ? documents.Count / 20 : (int)(documents.Count - from) / 3;
                var target = from + random.Next(1, Math.Max(2, step));
                await Poll.UntilAsync(
                    async () => await DoneAsync() >= target || mine.HasExited,
                    Generous,
                    () => $"done {DoneAsync().Result} of target {target}; mine:\n{mine.LastErrors()}",
                    TimeSpan.FromMilliseconds(5));
                moment = $"{target} done";
            }

            if (mine.HasExited)
            {
                break;
            }

            await mine.KillAsync();
            kills.Add($"at {moment}: {await DoneAsync()} done");
        }

        var last = await PminerProcess.RunAsync(work, settings, Generous, "mine", inputs, "--db", crashed.Path, "--out", Path.Combine(work, "last.jsonl"));
        Assert.True(last.ExitCode == 0, last.LastErrors());
        output.WriteLine($"{kills.Count} kills mid-run");
        kills.ForEach(k => output.WriteLine("  killed " + k));
        Assert.True(kills.Count >= MinKills, $"only {kills.Count} kills landed before the run ended; the test must kill mine mid-run");

        Assert.Equal(cleanIds, await crashed.RecordIdsAsync());
        Assert.Equal(documents.Count, await crashed.DoneAsync());
        Assert.Equal(documents.Count, await crashed.DocumentsAsync());
        Assert.Equal(0, await crashed.CountAsync("SELECT COUNT(*) FROM (SELECT document_id, parties, tier FROM records GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)"));
        Assert.Equal(0, await crashed.CountAsync("SELECT COUNT(*) FROM records r JOIN documents d ON d.id = r.document_id WHERE d.state <> 'done'"));
        Assert.Equal(cleanIds, RecordIds(Path.Combine(work, "last.jsonl")));
        Assert.Equal(cleanIds, RecordIds(Path.Combine(work, "clean.jsonl")));
    }

    /// <summary>The ids in a JSON-lines file of records, in order; each must appear once.</summary>
    private static List<string> RecordIds(string jsonLines)
    {
        var ids = new List<string>();
        foreach (var line in File.ReadLines(jsonLines))
        {
            using var record = JsonDocument.Parse(line);
            ids.Add(record.RootElement.GetProperty("id").GetString()!);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
