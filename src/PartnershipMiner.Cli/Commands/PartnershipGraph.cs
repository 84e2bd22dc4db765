using System.Globalization;
using System.Xml;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Spotting;

namespace PartnershipMiner.Cli.Commands;

/// <summary>
/// The partnership network: one node per party, one undirected edge per pair, carrying the pair's highest tier (lowest
/// rank) and how much stands behind it. Written as GraphML, which Gephi, networkx and igraph read.
/// </summary>
internal sealed class PartnershipGraph
{
    private readonly SortedDictionary<string, PairEdge> edges = new(StringComparer.Ordinal);

    public int Records { get; private set; }

    public void Add(PartnershipRecord record)
    {
        if (record.Parties.Count != 2 || record.Status == ReviewStatus.Rejected)
        {
            return;
        }

        Records++;
        var key = record.Parties[0] + "|" + record.Parties[1];
        if (!edges.TryGetValue(key, out var edge))
        {
            edge = new PairEdge(record.Parties[0], record.Parties[1]);
            edges[key] = edge;
        }

        edge.Add(record);
    }

    public void Write(TextWriter output, Gazetteer gazetteer)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Async = false });
        const string ns = "http://graphml.graphdrawing.org/xmlns";
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", ns);
        Key(xml, "name", "node", "name", "string");
        Key(xml, "kind", "node", "kind", "string");
        Key(xml, "tier", "edge", "tier", "string");
        Key(xml, "tierRank", "edge", "tierRank", "int");
        Key(xml, "event", "edge", "event", "string");
        Key(xml, "year", "edge", "year", "int");
        Key(xml, "records", "edge", "records", "int");
        Key(xml, "substantive", "edge", "substantive", "int");
        Key(xml, "approved", "edge", "approved", "boolean");
        xml.WriteStartElement("graph", ns);
        xml.WriteAttributeString("id", "partnerships");
        xml.WriteAttributeString("edgedefault", "undirected");
        foreach (var code in edges.Values.SelectMany(e => new[] { e.First, e.Second }).Distinct().Order(StringComparer.Ordinal))
        {
            xml.WriteStartElement("node", ns);
            xml.WriteAttributeString("id", code);
            var info = gazetteer.Parties.GetValueOrDefault(code);
            Data(xml, "name", info?.Name ?? code);
            Data(xml, "kind", (info?.Kind ?? PartyKind.Country).ToString().ToLowerInvariant());
            xml.WriteEndElement();
        }

        foreach (var edge in edges.Values)
        {
            xml.WriteStartElement("edge", ns);
            xml.WriteAttributeString("source", edge.First);
            xml.WriteAttributeString("target", edge.Second);
            Data(xml, "tier", edge.Top!.Tier);
            Data(xml, "tierRank", edge.Top.TierRank.ToString(CultureInfo.InvariantCulture));
            Data(xml, "event", edge.Top.Event.ToWireName());
            if (edge.LatestYear is { } year)
            {
                Data(xml, "year", year.ToString(CultureInfo.InvariantCulture));
            }

            Data(xml, "records", edge.Count.ToString(CultureInfo.InvariantCulture));
            Data(xml, "substantive", edge.Substantive.ToString(CultureInfo.InvariantCulture));
            Data(xml, "approved", edge.Approved ? "true" : "false");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Key(XmlWriter xml, string id, string target, string name, string type)
    {
        xml.WriteStartElement("key", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("for", target);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    private sealed class PairEdge(string first, string second)
    {
        public string First { get; } = first;

        public string Second { get; } = second;

        /// <summary>The record of the pair's highest tier; of equal tiers, the latest.</summary>
        public PartnershipRecord? Top { get; private set; }

        public int Count { get; private set; }

        /// <summary>Records whose evidence sentence the classifier judged substantive.</summary>
        public int Substantive { get; private set; }

        public int? LatestYear { get; private set; }

        public bool Approved { get; private set; }

        public void Add(PartnershipRecord record)
        {
            Count++;
            Substantive += record.Rhetoric?.Label == RhetoricLabel.Substantive ? 1 : 0;
            Approved |= record.Status is ReviewStatus.Approved or ReviewStatus.Corrected;
            LatestYear = record.Year is { } y && (LatestYear is null || y > LatestYear) ? y : LatestYear;
            if (Top is null || record.TierRank < Top.TierRank || (record.TierRank == Top.TierRank && (record.Year ?? 0) > (Top.Year ?? 0)))
            {
                Top = record;
            }
        }
    }
}
