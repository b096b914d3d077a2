namespace ReviewFlow.Functions.Web.Html;

/// <summary>The one stylesheet, served from /assets/site.css (so the content security policy needs no inline styles).</summary>
internal static class SiteStyles
{
    public const string Css = """
        :root { color-scheme: light; --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --accent: #1d4ed8; --bad: #b91c1c; --good: #15803d; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f9fafb; }
        .top { background: #111827; color: #fff; padding: .6rem 1rem; }
        .brand { font-weight: 700; letter-spacing: .02em; }
        main { max-width: 46rem; margin: 0 auto; padding: 1rem; background: #fff; min-height: 100vh; }
        main.wide { max-width: 72rem; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        .lead { color: var(--muted); }
        table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; }
        th, td { text-align: left; padding: .45rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: .85rem; color: var(--muted); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .why { color: var(--muted); font-size: .9rem; }
        label { display: block; font-weight: 600; margin: .8rem 0 .25rem; }
        input[type=number], input[type=text], input[type=password], textarea, select { width: 100%; font: inherit; padding: .5rem; border: 1px solid #9ca3af; border-radius: 6px; }
        textarea { min-height: 5rem; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
        legend { font-weight: 700; padding: 0 .3rem; }
        button { font: inherit; font-weight: 600; padding: .65rem 1.2rem; border-radius: 6px; border: 0; background: var(--accent); color: #fff; cursor: pointer; margin-top: 1rem; }
        button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
        :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
        .problems { border: 2px solid var(--bad); border-radius: 8px; padding: .5rem 1rem; margin: 1rem 0; color: var(--bad); }
        .done { border-left: 4px solid var(--good); padding: .5rem 1rem; background: #f0fdf4; }
        .up { color: var(--good); font-weight: 600; }
        .down { color: var(--bad); font-weight: 600; }
        .hint { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
        summary { font-weight: 700; font-size: 1.1rem; margin: 1.5rem 0 .5rem; cursor: pointer; }
        /* Action pages: counter diff, check-in weeks, diagnosis choices, trend charts (appended for issue 5's pages). */
        .same { color: var(--muted); }
        blockquote.said { margin: .5rem 0 1rem; padding: .5rem 1rem; border-left: 4px solid var(--line); background: #f9fafb; white-space: pre-wrap; overflow-wrap: anywhere; }
        .notice { border-left: 4px solid var(--accent); padding: .5rem 1rem; background: #eff6ff; }
        fieldset.week legend { font-size: 1.05rem; }
        .choice { display: grid; grid-template-columns: auto 1fr; gap: 0 .6rem; align-items: start; margin: .7rem 0; }
        .choice input { width: 1.2rem; height: 1.2rem; margin: .2rem 0 0; }
        .choice label { margin: 0; }
        .choice .hint { grid-column: 2; }
        figure.trend { margin: .75rem 0 1.25rem; }
        figure.trend figcaption { font-weight: 600; margin-bottom: .25rem; }
        figure.trend svg { display: block; width: 100%; max-width: 28rem; height: auto; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        figure.trend svg .plan { fill: none; stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 5 3; }
        figure.trend svg .actual.below { fill: var(--bad); }
        figure.trend svg .actual.ontrack { fill: var(--accent); }
        figure.trend svg .actual.above { fill: var(--good); }
        figure.trend svg .grid line { stroke: #e5e7eb; }
        figure.trend svg .tick, figure.trend svg .legend text { fill: var(--muted); }
        figure.trend svg .axis-title { fill: var(--muted); font-style: italic; }
        figure.trend svg .ratio { fill: var(--ink); font-weight: 700; }
        figure.trend svg .gap { fill: var(--muted); font-size: 10px; }
        figure.trend svg .base { stroke: #6b7280; }
        .easier { color: var(--bad); font-size: .85rem; display: block; }
        .harder { color: var(--good); font-size: .85rem; display: block; }
        @media (max-width: 30rem) { table.diff th, table.diff td { padding: .35rem .2rem; font-size: .9rem; } }
        """;
}
