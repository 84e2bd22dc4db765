using System.Xml.Linq;

namespace PartnershipMiner.Cli.Tests;

/// <summary>The exports, end to end from mined documents: the GraphML network and the CSV table.</summary>
public sealed class ExportTests : IDisposable
{
    private static readonly XNamespace GraphMl = "http://graphml.graphdrawing.org/xmlns";
    private readonly string work = Directory.CreateTempSubdirectory("pminer-export-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task One_edge_per_pair_carries_the_highest_tier_and_the_latest_year()
    {
        var db = await MineAsync(
            "Date: 2008-05-30\n\nChina, Vietnam set up strategic partnership\n\nChina and Vietnam established a strategic partnership in 2008.\n",
            "Date: 2013-07-20\n\nVietnam, China lift ties\n\nVietnam and China upgraded their ties to a comprehensive strategic cooperative partnership in 2013. Separately, Kenya and Ethiopia reaffirmed their strategic partnership.\n");

        var graphFile = Path.Combine(work, "net.graphml");
        Assert.Equal(PminerCommandLine.Ok, await PminerCommandLine.RunAsync(["export", "--db", db, "--format", "graphml", "--out", graphFile]));

        var graph = XDocument.Load(graphFile).Root!.Element(GraphMl + "graph")!;
        Assert.Equal(["CHN", "ETH", "KEN", "VNM"], graph.Elements(GraphMl + "node").Select(n => (string)n.Attribute("id")!));
        Assert.Equal("Vietnam", Data(graph.Elements(GraphMl + "node").Single(n => (string)n.Attribute("id")! == "VNM"), "name"));
        var edges = graph.Elements(GraphMl + "edge").ToList();
        Assert.Equal(2, edges.Count);
        var sinoVietnamese = edges.Single(e => (string)e.Attribute("source")! == "CHN");
        Assert.Equal("VNM", (string)sinoVietnamese.Attribute("target")!);
        Assert.Equal("comprehensive strategic cooperative partnership", Data(sinoVietnamese, "tier"));
        Assert.Equal("upgraded", Data(sinoVietnamese, "event"));
        Assert.Equal("2013", Data(sinoVietnamese, "year"));
        Assert.Equal("2", Data(sinoVietnamese, "records"));
        Assert.Equal("false", Data(sinoVietnamese, "approved"));
    }

    private static string? Data(XElement element, string key) =>
        element.Elements(GraphMl + "data").SingleOrDefault(d => (string)d.Attribute("key")! == key)?.Value;

    [Fact]
    public async Task Evidence_a_spreadsheet_would_run_as_a_formula_is_written_as_text()
    {
        var db = await MineAsync(
            "Date: 2002-04-10\n\nGermany, Brazil partnership\n\n@SUM(1+1) Germany and Brazil established a strategic partnership in 2002.\n",
            "Date: 2019-06-05\n\nChina, Russia ties\n\n=HYPERLINK(\"http://evil.example/\") China and Russia established a strategic partnership in 1996.\n");

        var csvFile = Path.Combine(work, "records.csv");
        Assert.Equal(PminerCommandLine.Ok, await PminerCommandLine.RunAsync(["export", "--db", db, "--format", "csv", "--out", csvFile]));

        var text = await File.ReadAllTextAsync(csvFile);
        Assert.Contains(",\"'@SUM(1+1) Germany and Brazil established a strategic partnership in 2002.\",", text, StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example/\"\") China and Russia established a strategic partnership in 1996.\",", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",@SUM", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", text, StringComparison.Ordinal);
    }

    /// <summary>Mines the texts (a.txt, b.txt, ...) into a new store; returns its path.</summary>
    private async Task<string> MineAsync(params string[] texts)
    {
        var inputs = Directory.CreateDirectory(Path.Combine(work, "in")).FullName;
        for (var i = 0; i < texts.Length; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(inputs, $"{(char)('a' + i)}.txt"), texts[i]);
        }

        var db = Path.Combine(work, "store.db");
        Assert.Equal(PminerCommandLine.Ok, await PminerCommandLine.RunAsync(["mine", inputs, "--db", db]));
        return db;
    }
}
