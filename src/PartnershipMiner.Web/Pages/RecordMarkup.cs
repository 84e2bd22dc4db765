using PartnershipMiner.Core.Domain;
using PartnershipMiner.Web.Html;

namespace PartnershipMiner.Web.Pages;

/// <summary>The parts of a record that the list and the record page show alike.</summary>
internal static class RecordMarkup
{
    public static string Url(string recordId) => "/records/" + Uri.EscapeDataString(recordId);

    public static Markup Parties(IReadOnlyList<string> parties, ReviewVocabulary vocabulary) =>
        Markup.Join(parties.Select((code, i) => Markup.Of($"{Markup.When(i > 0, Markup.Of($" – "))}{Party(code, vocabulary)}")));

    /// <summary>The evidence sentence with the tier phrase marked where it occurs (case aside, whitespace folded).</summary>
    public static Markup Evidence(PartnershipRecord record)
    {
        var evidence = record.Evidence;
        foreach (var candidate in new[] { record.Phrase, record.Tier })
        {
            var phrase = string.Join(' ', candidate.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var at = phrase.Length == 0 ? -1 : evidence.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return Markup.Of($"{evidence[..at]}<mark>{evidence.Substring(at, phrase.Length)}</mark>{evidence[(at + phrase.Length)..]}");
            }
        }

        return Markup.Text(evidence);
    }

    public static Markup Status(ReviewStatus status) =>
        Markup.Of($"""<span class="status status-{status.ToWireName()}">{status.ToWireName()}</span>""");

    public static Markup Year(int? year) =>
        year is null ? Markup.Of($"""<span class="year none">no year</span>""") : Markup.Of($"""<span class="year">{year}</span>""");

    public static Markup Rhetoric(RhetoricScore? rhetoric) => rhetoric is { } r
        ? Markup.Of($"""<span class="rhetoric rhetoric-{r.Label.ToWireName()}" title="the classifier's probability that the evidence sentence is rhetorical">{r.Label.ToWireName()} sentence (rhetoric {r.Score:0.00})</span>""")
        : Markup.Of($"""<span class="rhetoric none">not scored</span>""");

    public static Markup Substance(SubstanceSummary? substance) => substance is { } s
        ? Markup.Of($"""<span class="substance">{s.Substantive} of {s.Sentences} sentences substantive</span>""")
        : Markup.Of($"""<span class="substance none">no substance figures</span>""");

    public static Markup Examples(SubstanceSummary? substance) => substance is { Examples.Count: > 0 } s
        ? Markup.Of($"""<ul class="examples">{s.Examples.Select(e => Markup.Of($"<li>{e}</li>"))}</ul>""")
        : Markup.Empty;

    private static Markup Party(string code, ReviewVocabulary vocabulary) => vocabulary.NameOf(code) is { } name
        ? Markup.Of($"""<span class="party"><abbr>{code}</abbr> {name}</span>""")
        : Markup.Of($"""<span class="party"><abbr>{code}</abbr></span>""");
}
