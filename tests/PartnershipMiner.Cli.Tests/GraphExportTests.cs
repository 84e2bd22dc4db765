using System.Xml.Linq;

namespace PartnershipMiner.Cli.Tests;

/// <summary>The GraphML export of the partnership network, end to end from mined documents.</summary>
public sealed class GraphExportTests : IDisposable
{
    private static readonly XNamespace GraphMl = "http://graphml.graphdrawing.org/xmlns";
    private readonly string work = Directory.CreateTempSubdirectory("pminer-graph-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task One_edge_per_pair_carries_the_highest_tier_and_the_latest_year()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(work, "in")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inputs, "a.txt"),
            "Date: 2008-05-30\n\nChina, Vietnam set up strategic partnership\n\nChina and Vietnam established a strategic partnership in 2008.\n");
        await File.WriteAllTextAsync(Path.Combine(inputs, "b.txt"),
            "Date: 2013-07-20\n\nVietnam, China lift ties\n\nVietnam and China upgraded their ties to a comprehensive strategic cooperative partnership in 2013. Separately, Kenya and Ethiopia reaffirmed their strategic partnership.\n");
        var db = Path.Combine(work, "g.db");
        Assert.Equal(PminerCommandLine.Ok, await PminerCommandLine.RunAsync(["mine", inputs, "--db", db]));

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
}
