using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnershipMiner.Cli.Tests;

/// <summary>Precision and recall of predicted records against a gold file.</summary>
internal sealed record GoldScore(int Gold, int Predicted, int Matched, IReadOnlyList<string> Missed, IReadOnlyList<string> Spurious)
{
    public double Precision => Predicted == 0 ? 0 : (double)Matched / Predicted;

    public double Recall => Gold == 0 ? 0 : (double)Matched / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() =>
        $"P {Precision:0.000} R {Recall:0.000} F1 {F1:0.000} (gold {Gold}, predicted {Predicted}, matched {Matched})"
        + "\nmissed: " + string.Join("; ", Missed) + "\nspurious: " + string.Join("; ", Spurious);
}

/// <summary>
/// Scores records the way the project's evaluation does (same key: document id, sorted parties, tier after the same
/// normalisation: case, hyphens, punctuation, "new era" qualifiers and trailing purpose clauses ignored), so that the
/// test's bar and the README's figures mean the same thing.
/// </summary>
internal static partial class GoldRecords
{
    public static GoldScore Score(string goldFile, IEnumerable<string> predictionLines)
    {
        var gold = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(goldFile).Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            gold.Add(Key(root.GetProperty("doc").GetString()!, Parties(root), root.GetProperty("tier").GetString()!));
        }

        var predicted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in predictionLines.Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var parties = Parties(root);
            if (parties.Count < 2)
            {
                continue;
            }

            var doc = Path.GetFileNameWithoutExtension(root.GetProperty("document").GetString()!.TrimEnd('/'));
            var key = Key(doc, parties, root.GetProperty("tier").GetString()!);
            if (!gold.Contains(key) && root.TryGetProperty("phrase", out var phrase))
            {
                var alternative = Key(doc, parties, phrase.GetString()!);
                key = gold.Contains(alternative) ? alternative : key;
            }

            predicted.Add(key);
        }

        var matched = predicted.Intersect(gold).Count();
        return new GoldScore(gold.Count, predicted.Count, matched,
            [.. gold.Except(predicted).Order(StringComparer.Ordinal)], [.. predicted.Except(gold).Order(StringComparer.Ordinal)]);
    }

    private static List<string> Parties(JsonElement root) =>
        [.. root.GetProperty("parties").EnumerateArray().Select(p => p.GetString()!.ToUpperInvariant()).Order(StringComparer.Ordinal)];

    private static string Key(string doc, IReadOnlyList<string> parties, string tier) => $"{doc}|{string.Join(',', parties)}|{NormaliseTier(tier)}";

    public static string NormaliseTier(string tier)
    {
        var t = tier.ToLowerInvariant().Replace('-', ' ').Replace('_', ' ').Replace('\u2019', '\'');
        t = Punctuation().Replace(t, " ");
        foreach (var qualifier in Qualifiers)
        {
            t = qualifier.Replace(t, " ");
        }

        t = Spaces().Replace(t, " ").Trim();
        t = Tail().Replace(t, m => m.Groups[1].Value);
        t = Article().Replace(t, "");
        t = Partners().Replace(t, "partnership");
        t = Partnerships().Replace(t, "partnership");
        return Spaces().Replace(t, " ").Trim();
    }

    private static readonly Regex[] Qualifiers =
    [
        new(@"\bfor (a|the) new era\b"), new(@"\b(in|of|into) (a|the) new era\b"), new(@"\bnew era\b"),
        new(@"\brelationship\b"), new(@"\brelations\b"),
    ];

    [GeneratedRegex("[\"'\u201c\u201d.,;:()]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(partnership|partners?)\b(?!\s+of coordination)\s+(for|based on|of|with|towards|in)\b.*$")]
    private static partial Regex Tail();

    [GeneratedRegex(@"^(an?|the)\s+")]
    private static partial Regex Article();

    [GeneratedRegex(@"\bpartners?\b")]
    private static partial Regex Partners();

    [GeneratedRegex(@"partnerships\b")]
    private static partial Regex Partnerships();
}
