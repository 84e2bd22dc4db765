using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage;
using PartnershipMiner.Web.Html;

namespace PartnershipMiner.Web.Pages;

/// <summary>The state of the store at a glance: records by review status, the queue, the last errors.</summary>
internal static class DashboardPage
{
    public static Markup Render(PageContext page, StoreStatus status, DateTimeOffset now)
    {
        var records = Enum.GetValues<ReviewStatus>().Select(s => Markup.Of($"""
            <li class="figure status-{s.ToWireName()}"><a href="/records?status={s.ToWireName()}"><strong>{status.Records.GetValueOrDefault(s)}</strong> {s.ToWireName()}</a></li>
            """));
        var documents = Enum.GetValues<DocumentState>().Select(s => Markup.Of($"""
            <li class="figure"><strong>{status.Documents.GetValueOrDefault(s)}</strong> {s.ToString().ToLowerInvariant()}</li>
            """));
        var oldest = status.OldestWaiting is { } waiting
            ? Markup.Of($"""{waiting.ToUniversalTime():yyyy-MM-dd HH:mm} UTC ({(now - waiting).TotalMinutes:0} min ago)""")
            : Markup.Of($"none");
        var errors = status.RecentErrors.Count == 0
            ? Markup.Of($"""<p class="empty">No errors.</p>""")
            : Markup.Of($"""
                <table><thead><tr><th>When</th><th>Document</th><th>Source</th><th>Error</th></tr></thead><tbody>
                {status.RecentErrors.Select(e => Markup.Of($"<tr><td>{e.At.ToUniversalTime():yyyy-MM-dd HH:mm} UTC</td><td>{e.DocumentId}</td><td>{e.Source}</td><td>{e.Error}</td></tr>"))}
                </tbody></table>
                """);
        return PageLayout.Render(page, "Dashboard", Markup.Of($"""
            <h1>Review dashboard</h1>
            <section><h2>Records by review status</h2><ul class="figures">{records}</ul></section>
            <section><h2>Documents in the queue</h2><ul class="figures">{documents}</ul>
            <p>Done in the last hour: <strong>{status.DoneLastHour}</strong>. Oldest waiting: {oldest}.</p></section>
            <section><h2>Recent errors</h2>{errors}</section>
            """));
    }
}
