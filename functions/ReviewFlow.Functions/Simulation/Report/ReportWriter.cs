using System.Text;

using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>
/// Renders <c>report.html</c> for the <c>simulate</c> command: one self-contained page (inline CSS, no script, no external
/// resources) with a phase board per team and, per seller, plan-vs-actual charts, meetings, coaching and the agreement audit.
/// </summary>
public static class ReportWriter
{
    /// <summary>Above this many teams, per-seller detail is rendered for the first this-many teams only (phase boards for all).</summary>
    public const int MaxDetailedTeams = 50;

    /// <summary>Renders the page. Pure: the same input gives the same output; unexpected entry data is shown as far as it makes sense, never thrown on.</summary>
    /// <param name="input">The timeline and the run's figures.</param>
    /// <returns>The complete HTML document.</returns>
    public static string Write(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var timeline = input.Timeline ?? [];
        var model = ReportModel.Build(timeline);
        var sb = new StringBuilder(16_384 + Math.Min(timeline.Count, 100_000) * 160);

        WriteHead(sb, input);
        sb.Append("<body><main>");
        WriteHeader(sb, input, model, timeline.Count);

        var detailed = Math.Min(model.Teams.Count, MaxDetailedTeams);
        for (var t = 0; t < model.Teams.Count; t++)
        {
            WriteTeam(sb, model.Teams[t], t, t < detailed, input.Thresholds ?? ReportThresholds.Default);
        }

        sb.Append("<footer><p>Generated from ").Append(Fmt.Int(timeline.Count)).Append(" timeline entries. All times are UTC.</p></footer>");
        sb.Append("</main></body></html>\n");
        return sb.ToString();
    }

    private static void WriteHead(StringBuilder sb, ReportInput input)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").AppendEnc(input.Title).Append(" – ").AppendEnc(input.QuarterLabel).Append("</title><style>").Append(Css).Append("</style></head>\n");
    }

    private static void WriteHeader(StringBuilder sb, ReportInput input, ReportModel model, int entries)
    {
        var sellers = 0;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var team in model.Teams)
        {
            sellers += team.Sellers.Count;
            foreach (var seller in team.Sellers)
            {
                foreach (var review in seller.Reviews)
                {
                    var css = Statuses.Of(review.Status).Css;
                    counts[css] = counts.GetValueOrDefault(css) + 1;
                }
            }
        }

        var run = input.Run ?? new ReportRun(TimeSpan.Zero, 0, 0, 0);
        sb.Append("<header><h1>").AppendEnc(input.Title).Append("</h1>")
          .Append("<p class=\"sub\">Quarter <b>").AppendEnc(input.QuarterLabel).Append("</b> · ").Append(Fmt.Int(input.QuarterWeeks)).Append(" weeks</p>")
          .Append("<dl class=\"figs\">");
        Fig(sb, "cycles", Fmt.Int(run.Cycles));
        Fig(sb, "emails", Fmt.Int(run.Emails));
        Fig(sb, "meetings", Fmt.Int(run.Meetings));
        Fig(sb, "wall time", Fmt.Duration(run.WallTime));
        Fig(sb, "teams", Fmt.Int(model.Teams.Count));
        Fig(sb, "sellers", Fmt.Int(sellers));
        Fig(sb, "timeline entries", Fmt.Int(entries));
        sb.Append("</dl><p class=\"legend\"><b>Review status:</b> ")
          .Append("<span class=\"chip below\">below plan</span> any metric's ratio under ").Append(Fmt.Ratio((input.Thresholds ?? ReportThresholds.Default).BelowPlan)).Append(" · ")
          .Append("<span class=\"chip ontrack\">on track</span> otherwise · ")
          .Append("<span class=\"chip above\">above plan</span> every ratio at least ").Append(Fmt.Ratio((input.Thresholds ?? ReportThresholds.Default).AbovePlan)).Append(" · ")
          .Append("<span class=\"chip nodata\">no check-in</span> no data, no status.")
          .Append(" Ratio = actual / plan (plan / actual for lower-is-better metrics).</p>")
          .Append("<p class=\"legend\"><b>Reviews held:</b> ");
        foreach (var (css, label) in new[] { ("below", "below plan"), ("ontrack", "on track"), ("above", "above plan"), ("nodata", "no check-in"), ("unknown", "other") })
        {
            if (counts.TryGetValue(css, out var c))
            {
                sb.Append("<span class=\"chip ").Append(css).Append("\">").Append(label).Append(' ').Append(Fmt.Int(c)).Append("</span> ");
            }
        }

        if (counts.Count == 0)
        {
            sb.Append("none yet");
        }

        sb.Append("</p></header>");

        if (model.Teams.Count > 1)
        {
            sb.Append("<nav><b>Teams:</b> ");
            for (var t = 0; t < model.Teams.Count; t++)
            {
                sb.Append("<a href=\"#t-").Append(Fmt.Int(t)).Append("\">").AppendEnc(model.Teams[t].Name).Append("</a> ");
            }

            sb.Append("</nav>");
        }

        if (model.Teams.Count > MaxDetailedTeams)
        {
            sb.Append("<p class=\"note\">This run has ").Append(Fmt.Int(model.Teams.Count)).Append(" teams: phase boards are shown for all of them, per-seller detail (charts, meetings, coaching) for the first ")
              .Append(Fmt.Int(MaxDetailedTeams)).Append(" teams only. The complete data is in timeline.json.</p>");
        }

        if (model.Teams.Count == 0)
        {
            sb.Append("<p class=\"note\">The timeline is empty.</p>");
        }
    }

    private static void Fig(StringBuilder sb, string name, string value) =>
        sb.Append("<div><dt>").Append(name).Append("</dt><dd>").AppendEnc(value).Append("</dd></div>");

    private static void WriteTeam(StringBuilder sb, TeamModel team, int t, bool detailed, ReportThresholds thresholds)
    {
        sb.Append("\n<section class=\"team\" id=\"t-").Append(Fmt.Int(t)).Append("\"><h2>Team ").AppendEnc(team.Name);
        if (!string.Equals(team.Name, team.Id, StringComparison.Ordinal))
        {
            sb.Append(" <small>(").AppendEnc(team.Id).Append(")</small>");
        }

        sb.Append("</h2><p class=\"sub\">").Append(Fmt.Int(team.Sellers.Count)).Append(team.Sellers.Count == 1 ? " seller" : " sellers");
        if (team.TeamEntries.Count > 0)
        {
            sb.Append(" · ").Append(Fmt.Int(team.TeamEntries.Count)).Append(" team-level entries");
        }

        sb.Append("</p>");
        WriteBoard(sb, team, t, detailed);
        if (detailed)
        {
            for (var s = 0; s < team.Sellers.Count; s++)
            {
                SellerSection.Write(sb, team.Sellers[s], SellerAnchor(t, s), thresholds);
            }
        }
        else
        {
            sb.Append("<p class=\"note\">Per-seller detail not rendered for this team (only the first ").Append(Fmt.Int(MaxDetailedTeams)).Append(" teams of a large run).</p>");
        }

        sb.Append("</section>");
    }

    private static string SellerAnchor(int t, int s) => "s-" + Fmt.Int(t) + "-" + Fmt.Int(s);

    private static void WriteBoard(StringBuilder sb, TeamModel team, int t, bool detailed)
    {
        sb.Append("<div class=\"scroll\"><table class=\"board\"><caption>Phase board</caption><thead><tr><th scope=\"col\">Seller</th><th scope=\"col\">Cadence</th><th scope=\"col\">Phase</th>")
          .Append("<th scope=\"col\">Agreed targets</th><th scope=\"col\">Reviews</th><th scope=\"col\">Coaching</th><th scope=\"col\">Recognition</th><th scope=\"col\">Extra check-ins</th></tr></thead><tbody>");
        for (var s = 0; s < team.Sellers.Count; s++)
        {
            var seller = team.Sellers[s];
            sb.Append("<tr><th scope=\"row\">");
            if (detailed)
            {
                sb.Append("<a href=\"#").Append(SellerAnchor(t, s)).Append("\">").AppendEnc(seller.Name).Append("</a>");
            }
            else
            {
                sb.AppendEnc(seller.Name);
            }

            sb.Append("</th><td>").AppendEnc(seller.Cadence ?? "–").Append("</td><td>");
            PhaseChip(sb, seller.Phase);
            sb.Append("</td><td>");
            TargetsCell(sb, seller);
            sb.Append("</td><td><div class=\"strip\">");
            foreach (var review in seller.Reviews)
            {
                var (css, label) = Statuses.Of(review.Status);
                sb.Append("<span class=\"chip ").Append(css).Append("\">").AppendEnc(review.WeeksLabel).Append(' ').AppendEnc(label).Append("</span>");
            }

            if (seller.Reviews.Count == 0)
            {
                sb.Append("–");
            }

            sb.Append("</div></td><td>");
            CoachingCell(sb, seller);
            var recognitions = 0;
            var booked = 0;
            var refused = 0;
            foreach (var entry in seller.Entries)
            {
                switch (entry.Type)
                {
                    case "RecognitionSent":
                        recognitions++;
                        break;
                    case "ExtraCheckInBooked":
                        booked++;
                        break;
                    case "ExtraCheckInRefused":
                        refused++;
                        break;
                    default:
                        break;
                }
            }

            sb.Append("</td><td class=\"num\">").Append(Fmt.Int(recognitions)).Append("</td><td>")
              .Append(Fmt.Int(booked)).Append(" booked, ").Append(Fmt.Int(refused)).Append(" refused</td></tr>");
        }

        if (team.Sellers.Count == 0)
        {
            sb.Append("<tr><td colspan=\"8\">No seller entries.</td></tr>");
        }

        sb.Append("</tbody></table></div>");
    }

    internal static void PhaseChip(StringBuilder sb, ReportPhase phase)
    {
        var (css, label) = Statuses.Phase(phase);
        sb.Append("<span class=\"chip ").Append(css).Append("\">").Append(label).Append("</span>");
    }

    private static void TargetsCell(StringBuilder sb, SellerModel seller)
    {
        JournalEntry? agreed = null;
        JournalEntry? proposed = null;
        var counters = 0;
        foreach (var entry in seller.Entries)
        {
            switch (entry.Type)
            {
                case "TargetsAgreed":
                    agreed = entry;
                    break;
                case "ExpectationsDefined" or "AgreementRequested" or "CounterProposed":
                    proposed = entry;
                    counters += entry.Type == "CounterProposed" ? 1 : 0;
                    break;
                default:
                    break;
            }
        }

        var shown = agreed ?? proposed;
        if (shown is null)
        {
            sb.Append('–');
            return;
        }

        Targets(sb, JsonRead.NumberMap(shown.Data, "targets"));
        if (agreed is null)
        {
            sb.Append(" <span class=\"chip mark\">proposed, not agreed yet</span>");
        }
        else if (JsonRead.Bool(agreed.Data, "settled") == false)
        {
            sb.Append(" <span class=\"chip mark\">not settled</span>");
        }

        if (counters > 0)
        {
            sb.Append(" <span class=\"chip mark\">countered");
            if (counters > 1)
            {
                sb.Append(" ×").Append(Fmt.Int(counters));
            }

            sb.Append("</span>");
        }
    }

    internal static void Targets(StringBuilder sb, List<KeyValuePair<string, double>> targets)
    {
        if (targets.Count == 0)
        {
            sb.Append("<span class=\"muted\">no targets</span>");
            return;
        }

        for (var i = 0; i < targets.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : "<br>").Append("<span class=\"t\">").AppendEnc(targets[i].Key).Append(" <b>").Append(Fmt.Number(targets[i].Value)).Append("</b></span>");
        }
    }

    private static void CoachingCell(StringBuilder sb, SellerModel seller)
    {
        var any = false;
        DateTime? opened = null;
        string? diagnosis = null;
        foreach (var entry in seller.Entries)
        {
            switch (entry.Type)
            {
                case "CoachingOpened":
                    if (opened is not null)
                    {
                        Episode(sb, ref any, opened.Value, null, diagnosis);
                    }

                    opened = entry.At;
                    diagnosis = null;
                    break;
                case "CoachingPlanRecorded":
                    diagnosis = JsonRead.Str(entry.Data, "diagnosis") ?? diagnosis;
                    break;
                case "CoachingClosed":
                    if (opened is not null)
                    {
                        Episode(sb, ref any, opened.Value, entry.At, diagnosis);
                        opened = null;
                        diagnosis = null;
                    }

                    break;
                default:
                    break;
            }
        }

        if (opened is not null)
        {
            Episode(sb, ref any, opened.Value, null, diagnosis);
        }

        if (!any)
        {
            sb.Append('–');
        }

        static void Episode(StringBuilder sb, ref bool any, DateTime opened, DateTime? closed, string? diagnosis)
        {
            sb.Append(any ? "<br>" : string.Empty).Append("opened ").Append(Fmt.Date(opened));
            sb.Append(closed is { } c ? ", closed " + Fmt.Date(c) : ", <b>open</b>");
            if (!string.IsNullOrWhiteSpace(diagnosis))
            {
                sb.Append("; diagnosis: ").AppendEnc(diagnosis);
            }

            any = true;
        }
    }

    private const string Css =
        ":root{--below:#c62828;--ontrack:#8a6d00;--above:#2e7d32;--nodata:#757575;--ink:#1f2328;--muted:#59636e;--line:#d0d7de}"
        + "*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:var(--ink);background:#fff}"
        + "main{max-width:1200px;margin:0 auto;padding:16px}h1{margin:0 0 4px;font-size:1.6em}h2{margin:0;font-size:1.3em}h3{margin:0 0 4px;font-size:1.1em}"
        + "h4{margin:14px 0 6px;font-size:1em}small,.muted,.sub{color:var(--muted)}.sub{margin:2px 0 8px}"
        + "header{border-bottom:2px solid var(--line);padding-bottom:8px;margin-bottom:12px}"
        + ".figs{display:flex;flex-wrap:wrap;gap:8px 20px;margin:8px 0}.figs div{min-width:90px}.figs dt{font-size:.8em;color:var(--muted)}.figs dd{margin:0;font-weight:600;font-size:1.15em}"
        + ".legend{margin:4px 0;font-size:.9em}nav{margin:8px 0;font-size:.9em}nav a{margin-right:6px}"
        + ".note{background:#fff8c5;border:1px solid #d4a72c;padding:6px 10px;border-radius:4px}"
        + ".team{border-top:3px solid var(--ink);margin-top:24px;padding-top:10px}"
        + ".seller{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:14px 0}"
        + ".scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:.9em;margin:4px 0}"
        + "caption{text-align:left;font-weight:600;padding:4px 0}th,td{border:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}"
        + "thead th{background:#f6f8fa}td.num{text-align:right}.t{white-space:nowrap}"
        + ".chip{display:inline-block;padding:0 6px;margin:1px 2px 1px 0;border-radius:9px;font-size:.8em;white-space:nowrap;border:1px solid;color:#fff}"
        + ".chip.below{background:var(--below);border-color:var(--below)}.chip.ontrack{background:#fff3c4;color:#5c4800;border-color:var(--ontrack)}"
        + ".chip.above{background:var(--above);border-color:var(--above)}.chip.nodata{background:#fff;color:var(--nodata);border-style:dashed}"
        + ".chip.unknown,.chip.mark{background:#eef1f4;color:var(--ink);border-color:var(--line)}"
        + ".chip.ph-define,.chip.ph-agree{background:#eef1f4;color:var(--ink);border-color:#8c959f}.chip.ph-review{background:#ddf4ff;color:#0a3069;border-color:#54aeff}"
        + ".chip.ph-develop{background:#fbefff;color:#6e2b8b;border-color:#c297ff}.chip.ph-closed{background:#fff;color:var(--muted);border-color:var(--line)}"
        + ".strip{display:flex;flex-wrap:wrap;max-width:420px}"
        + ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,580px),1fr));gap:12px}figure{margin:0}figcaption{font-weight:600;font-size:.9em}"
        + "svg.chart{max-width:100%;height:auto;font:10px system-ui,Arial,sans-serif}"
        + "svg .plan{fill:none;stroke:#24292f;stroke-width:1.2;stroke-dasharray:4 2}svg .b-below{fill:var(--below)}svg .b-ontrack{fill:#d4a72c}"
        + "svg .b-above{fill:var(--above)}svg .b-unknown,svg .b-neutral{fill:#8c959f}svg .ax line{stroke:#eaeef2}svg .ax text,svg .xl,svg .lg text{fill:var(--muted)}"
        + "svg .base{stroke:#57606a}svg .gap{fill:#f6f8fa;stroke:#afb8c1;stroke-dasharray:2 2}svg .gapt{fill:var(--nodata);font-size:9px}svg .rt{fill:var(--ink);font-weight:600}"
        + "ol.tl,ul.tl{margin:4px 0;padding-left:20px}.tl li{margin:2px 0}.tl time{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:6px}"
        + "details{margin-top:2px;font-size:.85em}summary{cursor:pointer;color:var(--muted)}"
        + "@media (max-width:600px){main{padding:8px}.charts{grid-template-columns:1fr}}"
        + "@media print{main{max-width:none;padding:0}nav{display:none}.team{break-before:page;border-top:none}.seller,figure,tr{break-inside:avoid}"
        + "a{color:inherit;text-decoration:none}.chip{print-color-adjust:exact;-webkit-print-color-adjust:exact}svg{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
        + "details::details-content{content-visibility:visible;display:block}.scroll{overflow:visible}}";
}
