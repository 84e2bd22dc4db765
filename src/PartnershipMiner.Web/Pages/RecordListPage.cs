using PartnershipMiner.Core.Domain;
using PartnershipMiner.Web.Html;

namespace PartnershipMiner.Web.Pages;

/// <summary>One page of records under a filter, each with what a reviewer needs to decide at a glance.</summary>
internal static class RecordListPage
{
    public static Markup Render(PageContext page, RecordListFilter filter, IReadOnlyList<PartnershipRecord> fetched)
    {
        var shown = fetched.Take(RecordListFilter.PageSize).ToList();
        var hasNext = fetched.Count > RecordListFilter.PageSize;
        var heading = filter.Status is { } status ? $"{Capitalised(status.ToWireName())} records" : "All records";
        if (filter.Party is not null)
        {
            heading += $" with {filter.Party}";
        }

        var list = shown.Count == 0
            ? Markup.Of($"""<p class="empty">No records match this filter.</p>""")
            : Markup.Of($"""<ol class="records" start="{filter.Offset + 1}">{shown.Select(r => Item(page, filter, r))}</ol>""");
        return PageLayout.Render(page, heading, Markup.Of($"""
            <h1>{heading}</h1>
            {Filters(page, filter)}
            {Pager(filter, shown.Count, hasNext)}
            {list}
            {Pager(filter, shown.Count, hasNext)}
            """));
    }

    private static string Capitalised(string word) => string.Concat(word[..1].ToUpperInvariant(), word[1..]);

    private static Markup Filters(PageContext page, RecordListFilter filter) => Markup.Of($"""
        <form class="filters" method="get" action="/records">
        <label>Status <select name="status">{StatusFilter.Names.Select(name => Option(name, name == StatusFilter.NameOf(filter.Status)))}</select></label>
        <label>Party <input name="party" value="{filter.Party}" list="party-codes" placeholder="any, e.g. CHN" size="12"></label>
        <button type="submit">Show</button>
        </form>
        <datalist id="party-codes">{page.Vocabulary.PartyCodes.Select(code => Markup.Of($"""<option value="{code}">{page.Vocabulary.NameOf(code)}</option>"""))}</datalist>
        """);

    private static Markup Option(string value, bool selected) =>
        Markup.Of($"""<option value="{value}"{Markup.When(selected, Markup.Of($" selected"))}>{value}</option>""");

    private static Markup Pager(RecordListFilter filter, int shown, bool hasNext)
    {
        if (shown == 0 && filter.Offset == 0)
        {
            return Markup.Empty;
        }

        var previous = filter.Offset > 0
            ? Markup.Of($"""<a rel="prev" href="{filter.UrlAt(Math.Max(0, filter.Offset - RecordListFilter.PageSize))}">← previous</a>""")
            : Markup.Empty;
        var next = hasNext ? Markup.Of($"""<a rel="next" href="{filter.UrlAt(filter.Offset + RecordListFilter.PageSize)}">next →</a>""") : Markup.Empty;
        var range = shown == 0 ? Markup.Of($"nothing here") : Markup.Of($"records {filter.Offset + 1}–{filter.Offset + shown}");
        return Markup.Of($"""<nav class="pager">{previous} <span>{range}</span> {next}</nav>""");
    }

    private static Markup Item(PageContext page, RecordListFilter filter, PartnershipRecord record) => Markup.Of($"""
        <li class="record" data-record-id="{record.Id}">
        <div class="summary">
        <a class="open-record" href="{RecordMarkup.Url(record.Id)}?back={Uri.EscapeDataString(filter.Url)}">{RecordMarkup.Parties(record.Parties, page.Vocabulary)}</a>
        <span class="tier">{record.Tier}</span>
        <span class="event">{record.Event.ToWireName()}</span>
        {RecordMarkup.Year(record.Year)}
        {RecordMarkup.Status(record.Status)}
        </div>
        <blockquote class="evidence">{RecordMarkup.Evidence(record)}</blockquote>
        <div class="scores">
        <span class="confidence">confidence {record.Confidence:0.00}</span>
        {RecordMarkup.Rhetoric(record.Rhetoric)}
        {RecordMarkup.Substance(record.Substance)}
        <span class="document" title="document">{record.Document}</span>
        </div>
        {Markup.When(record.Substance is { Examples.Count: > 0 }, Markup.Of($"<details><summary>substantive examples</summary>{RecordMarkup.Examples(record.Substance)}</details>"))}
        </li>
        """);
}
