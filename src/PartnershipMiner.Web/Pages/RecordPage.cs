using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;
using PartnershipMiner.Web.Html;

namespace PartnershipMiner.Web.Pages;

/// <summary>One record in full, the reviewer's decisions on it, and its review history.</summary>
internal static class RecordPage
{
    public const string SeenField = "seen";

    /// <param name="seen">The decision count the forms send back: the history's, or, when a correction is shown again
    /// with its problems, the count the reviewer's first page showed (the values typed were judged against that page).</param>
    public static Markup Render(
        PageContext page, PartnershipRecord record, IReadOnlyList<RecordReview> history, string back, CorrectionForm correction, IReadOnlyList<string> problems, int? seen = null)
    {
        var title = $"{string.Join('–', record.Parties)} · {record.Tier}";
        return PageLayout.Render(page, title, Markup.Of($"""
            <p class="back"><a href="{back}">← back to the list</a></p>
            <h1>{RecordMarkup.Parties(record.Parties, page.Vocabulary)} <span class="tier">{record.Tier}</span></h1>
            {Markup.When(problems.Count > 0, Markup.Of($"""<div class="problems" role="alert"><p>The correction was not saved:</p><ul>{problems.Select(p => Markup.Of($"<li>{p}</li>"))}</ul></div>"""))}
            <blockquote class="evidence">{RecordMarkup.Evidence(record)}</blockquote>
            <dl class="fields">
            <dt>Status</dt><dd>{RecordMarkup.Status(record.Status)}</dd>
            <dt>Event</dt><dd class="event">{record.Event.ToWireName()}</dd>
            <dt>Year</dt><dd>{RecordMarkup.Year(record.Year)}</dd>
            <dt>Tier</dt><dd class="tier">{record.Tier} <span class="rank">(rank {Rank(page, record)})</span></dd>
            <dt>Phrase</dt><dd>{record.Phrase}</dd>
            <dt>Confidence</dt><dd>{record.Confidence:0.00}</dd>
            <dt>Rhetoric</dt><dd>{RecordMarkup.Rhetoric(record.Rhetoric)}</dd>
            <dt>Substance</dt><dd>{RecordMarkup.Substance(record.Substance)}{RecordMarkup.Examples(record.Substance)}</dd>
            <dt>Document</dt><dd class="document">{record.Document}{Markup.When(record.DocumentDate is not null, Markup.Of($", dated {record.DocumentDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"))}</dd>
            <dt>Record id</dt><dd><code>{record.Id}</code></dd>
            </dl>
            {Decisions(page, record, seen ?? history.Count, back, correction)}
            {History(history)}
            """));
    }

    private static int Rank(PageContext page, PartnershipRecord record) =>
        page.Vocabulary.Tiers.FirstOrDefault(t => t.Name == record.Tier)?.Rank ?? record.TierRank;

    /// <param name="seen">The decisions in the record's history as shown: sent back with each form, so that a decision
    /// taken on this page after someone else's is refused instead of undoing it.</param>
    private static Markup Decisions(PageContext page, PartnershipRecord record, int seen, string back, CorrectionForm correction)
    {
        var url = RecordMarkup.Url(record.Id);
        var disabled = Markup.When(page.Reviewer is null, Markup.Of($" disabled"));
        var who = page.Reviewer is { } reviewer
            ? Markup.Of($"""<p class="who">Deciding as <strong>{reviewer}</strong>.</p>""")
            : Markup.Of($"""<p class="who warning">Enter your name in the Reviewer field at the top of the page to review.</p>""");
        return Markup.Of($"""
            <section class="decide">
            <h2>Decide</h2>
            {who}
            <form class="verdict" method="post" action="{url}/approve">
            {page.AntiforgeryField}
            <input type="hidden" name="back" value="{back}">
            <input type="hidden" name="{SeenField}" value="{seen}">
            <label>Comment (optional) <input name="comment" maxlength="{CorrectionForm.MaxCommentLength}"></label>
            <button type="submit" class="approve"{disabled}>Approve</button>
            <button type="submit" class="reject" formaction="{url}/reject"{disabled}>Reject</button>
            </form>
            <form class="correct" method="post" action="{url}/correct">
            <h3>Correct</h3>
            {page.AntiforgeryField}
            <input type="hidden" name="back" value="{back}">
            <input type="hidden" name="{SeenField}" value="{seen}">
            <label>Parties <input name="parties" value="{correction.Parties}" required title="codes separated by spaces, for example CHN RUS"></label>
            <label>Tier {TierField(page, correction.Tier)}</label>
            <label>Event <select name="event">{Enum.GetValues<PartnershipEvent>().Select(e => Option(e.ToWireName(), e.ToWireName() == correction.Event))}</select></label>
            <label>Year <input name="year" value="{correction.Year}" inputmode="numeric" size="6" placeholder="none"></label>
            <label class="wide">Comment <input name="comment" value="{correction.Comment}" maxlength="{CorrectionForm.MaxCommentLength}"></label>
            <button type="submit"{disabled}>Save correction</button>
            </form>
            </section>
            """);
    }

    private static Markup TierField(PageContext page, string current)
    {
        if (page.Vocabulary.Tiers.Count == 0)
        {
            return Markup.Of($"""<input name="tier" value="{current}" required>""");
        }

        var options = page.Vocabulary.Tiers.Select(t => Markup.Of($"""<option value="{t.Name}"{Markup.When(t.Name == current, Markup.Of($" selected"))}>{t.Rank} · {t.Name}</option>"""));
        return Markup.Of($"""<select name="tier">{options}</select>""");
    }

    private static Markup Option(string value, bool selected) =>
        Markup.Of($"""<option value="{value}"{Markup.When(selected, Markup.Of($" selected"))}>{value}</option>""");

    private static Markup History(IReadOnlyList<RecordReview> history)
    {
        if (history.Count == 0)
        {
            return Markup.Of($"""<section class="history"><h2>History</h2><p class="empty">Not reviewed yet.</p></section>""");
        }

        var rows = history.Reverse().Select(r => Markup.Of($"""
            <tr><td>{r.At.ToUniversalTime():yyyy-MM-dd HH:mm} UTC</td><td>{r.Reviewer}</td><td>{RecordMarkup.Status(r.FromStatus)} → {RecordMarkup.Status(r.ToStatus)}</td><td>{Changes(r)}</td><td>{r.Comment}</td></tr>
            """));
        return Markup.Of($"""
            <section class="history">
            <h2>History</h2>
            <table><thead><tr><th>When</th><th>Reviewer</th><th>Status</th><th>Changes</th><th>Comment</th></tr></thead>
            <tbody>{rows}</tbody></table>
            </section>
            """);
    }

    /// <summary>The fields a correction changed, old value struck through.</summary>
    private static Markup Changes(RecordReview review)
    {
        var (before, after) = (review.Before, review.After);
        var changes = new List<(string Field, string From, string To)>();
        if (!before.Parties.SequenceEqual(after.Parties, StringComparer.Ordinal))
        {
            changes.Add(("parties", string.Join(' ', before.Parties), string.Join(' ', after.Parties)));
        }

        if (before.Tier != after.Tier)
        {
            changes.Add(("tier", before.Tier, after.Tier));
        }

        if (before.Event != after.Event)
        {
            changes.Add(("event", before.Event.ToWireName(), after.Event.ToWireName()));
        }

        if (before.Year != after.Year)
        {
            changes.Add(("year", before.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", after.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
        }

        return Markup.Join(changes.Select(c => Markup.Of($"""<span class="change">{c.Field}: <del>{c.From}</del> → <ins>{c.To}</ins></span>""")));
    }
}
