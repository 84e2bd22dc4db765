namespace PartnershipMiner.Web;

/// <summary>The one style sheet, served from memory: no file on disk, nothing fetched from elsewhere.</summary>
internal static class StyleSheet
{
    public const string Path = "/review.css";

    public const string Text = """
        :root { --ink: #1d2330; --muted: #5c6473; --line: #d9dde5; --paper: #f6f7f9; --card: #fff; --accent: #24508f;
                --pending: #8a6d00; --approved: #1d7a3e; --rejected: #a52a2a; --corrected: #5b3fa0; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--paper); }
        a { color: var(--accent); }
        header.site { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; padding: .6rem 1.5rem; background: var(--ink); color: #fff; }
        header.site a { color: #fff; text-decoration: none; }
        header.site nav a { margin-right: 1rem; opacity: .85; }
        header.site nav a:hover { opacity: 1; text-decoration: underline; }
        .brand { font-weight: 700; font-size: 1.1rem; }
        .brand span { font-weight: 400; opacity: .7; }
        form.reviewer { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
        form.reviewer input { width: 11rem; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.5rem; margin: .6rem 0 1rem; }
        h1 .tier { font-weight: 400; color: var(--muted); }
        h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
        input, select, button { font: inherit; padding: .25rem .45rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; color: var(--ink); }
        button { cursor: pointer; background: var(--accent); color: #fff; border-color: var(--accent); }
        button:disabled { opacity: .45; cursor: not-allowed; }
        button.approve { background: var(--approved); border-color: var(--approved); }
        button.reject { background: var(--rejected); border-color: var(--rejected); }
        form.filters { display: flex; gap: 1rem; align-items: end; margin-bottom: .8rem; }
        ol.records { list-style: none; padding: 0; margin: 0; }
        li.record { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .7rem 1rem; margin-bottom: .7rem; }
        .summary { display: flex; flex-wrap: wrap; gap: .3rem .8rem; align-items: baseline; }
        .summary .open-record { font-weight: 600; font-size: 1.05rem; text-decoration: none; }
        .summary .open-record:hover { text-decoration: underline; }
        .party abbr { text-decoration: none; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; background: #eef1f6; padding: 0 .25rem; border-radius: 3px; margin-right: .2rem; }
        .tier { font-style: italic; }
        .event, .year { color: var(--muted); }
        .year.none { font-style: italic; }
        .status { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; padding: .05rem .45rem; border-radius: 999px; border: 1px solid currentColor; }
        .status-pending { color: var(--pending); } .status-approved { color: var(--approved); }
        .status-rejected { color: var(--rejected); } .status-corrected { color: var(--corrected); }
        blockquote.evidence { margin: .5rem 0; padding: .4rem .8rem; border-left: 3px solid var(--accent); background: #f9fafc; }
        mark { background: #ffe98f; padding: 0 .1rem; border-radius: 2px; }
        .scores { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; color: var(--muted); font-size: .9rem; }
        .rhetoric-rhetorical { color: #9a5b00; } .rhetoric-substantive { color: var(--approved); }
        .document { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .82rem; }
        details { margin-top: .3rem; font-size: .9rem; }
        ul.examples { margin: .3rem 0; padding-left: 1.3rem; }
        nav.pager { display: flex; gap: 1rem; margin: .6rem 0; color: var(--muted); }
        p.empty { color: var(--muted); font-style: italic; }
        dl.fields { display: grid; grid-template-columns: 9rem 1fr; gap: .25rem 1rem; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
        dl.fields dt { color: var(--muted); } dl.fields dd { margin: 0; }
        section.decide { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .2rem 1rem 1rem; margin-top: 1.2rem; }
        section.decide h2 { margin-top: .8rem; } section.decide h3 { width: 100%; margin: 1rem 0 0; font-size: 1rem; }
        form.verdict, form.correct { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; }
        form.verdict label, form.correct label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        form.verdict label input { width: 24rem; } form.correct label.wide input { width: 24rem; }
        .who.warning, .problems { color: var(--rejected); }
        .problems { border: 1px solid var(--rejected); border-radius: 6px; padding: .2rem 1rem; background: #fff5f5; }
        table { border-collapse: collapse; width: 100%; background: var(--card); }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: .85rem; color: var(--muted); font-weight: 600; }
        .change { display: block; } del { color: var(--rejected); } ins { color: var(--approved); text-decoration: none; }
        ul.figures { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .8rem; }
        li.figure { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; min-width: 9rem; }
        li.figure a { text-decoration: none; color: inherit; }
        li.figure strong { display: block; font-size: 1.6rem; }
        p.message { font-size: 1.05rem; }
        """;
}
