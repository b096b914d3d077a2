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
        main { max-width: 46rem; margin: 0 auto; padding: 1rem; background: #fff; }
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
        /* Dashboard: team board, seller cycle page, RevOps roll-up (issue 5). Chips always carry their words; colour only repeats them. */
        .dash-nav { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem; margin: 0 0 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--line); }
        .dash-nav .who { margin-left: auto; color: var(--muted); font-size: .9rem; }
        .dash-nav form.signout { margin: 0; }
        .dash-nav form.signout button { margin: 0; padding: .3rem .8rem; }
        nav.quarters { display: flex; flex-wrap: wrap; gap: .3rem .8rem; margin: .25rem 0 .75rem; }
        .summary { font-weight: 600; }
        .crumbs { margin: 0 0 .5rem; }
        .scroll { overflow-x: auto; }
        table caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        main.wide td .hint, main.wide th .hint { display: block; font-weight: 400; }
        table.board th[scope=row] a { font-weight: 600; }
        ul.chips { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; }
        .chip { display: inline-block; padding: .05rem .5rem; border-radius: 999px; border: 1px solid; font-size: .85rem; font-weight: 600; white-space: nowrap; }
        .st-below { background: #fee2e2; color: #991b1b; border-color: #fca5a5; }
        .st-ontrack { background: #dbeafe; color: #1e3a8a; border-color: #93c5fd; }
        .st-above { background: #dcfce7; color: #14532d; border-color: #86efac; }
        .st-nodata { background: #f3f4f6; color: #374151; border-color: #9ca3af; border-style: dashed; }
        .ph-define, .ph-agree { background: #fef3c7; color: #78350f; border-color: #fcd34d; }
        .ph-review { background: #e0e7ff; color: #312e81; border-color: #a5b4fc; }
        .ph-develop { background: #fce7f3; color: #831843; border-color: #f9a8d4; }
        .ph-closed { background: #f3f4f6; color: #374151; border-color: #d1d5db; }
        ul.pending, ul.teams { margin: 0; padding-left: 1.1rem; }
        ul.pending li { margin: .1rem 0; }
        .alert { border-left: 4px solid var(--bad); padding: .4rem .8rem; background: #fef2f2; color: #7f1d1d; margin: .25rem 0; }
        dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem 1rem; margin: .5rem 0 1rem; }
        dl.facts dt { font-size: .85rem; color: var(--muted); }
        dl.facts dd { margin: 0; font-weight: 600; }
        ol.timeline { padding-left: 1.2rem; }
        ol.timeline li { margin: .3rem 0; }
        ol.timeline time { color: var(--muted); font-size: .9rem; }
        table.audit td { font-size: .95rem; }
        figure.plan-actual { margin: .75rem 0 1.5rem; }
        figure.plan-actual figcaption { font-weight: 700; margin-bottom: .25rem; }
        figure.plan-actual svg { display: block; max-width: 100%; height: auto; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        figure.plan-actual svg .plan { fill: none; stroke: var(--ink); stroke-width: 2; stroke-dasharray: 6 3; }
        figure.plan-actual svg .actual.below { fill: var(--bad); }
        figure.plan-actual svg .actual.ontrack { fill: var(--accent); }
        figure.plan-actual svg .actual.above { fill: var(--good); }
        figure.plan-actual svg .grid line { stroke: #e5e7eb; }
        figure.plan-actual svg .tick, figure.plan-actual svg .legend text { fill: var(--ink); }
        figure.plan-actual svg .axis-title { fill: var(--muted); font-style: italic; }
        figure.plan-actual svg .ratio { fill: var(--ink); font-weight: 700; }
        figure.plan-actual svg .gap { fill: var(--muted); font-size: 10px; }
        figure.plan-actual svg .base { stroke: #6b7280; }
        figure.plan-actual summary.data { font-size: .9rem; font-weight: 600; margin: .25rem 0; }
        table.rollup th, table.rollup td { padding: .35rem .3rem; font-size: .85rem; }
        table.rollup td.num, table.rollup tfoot th.num { white-space: nowrap; }
        table.rollup tfoot th { border-top: 2px solid var(--ink); }
        """;
}
