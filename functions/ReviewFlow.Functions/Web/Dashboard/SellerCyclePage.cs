using System.Text;

using ReviewFlow.Durable;

using static ReviewFlow.Functions.Web.Dashboard.DashboardHtml;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>
/// The HTML of one seller's cycle: where it stands and what is awaited, the targets and how they were agreed, a
/// plan-vs-actual chart per metric with its figures, the reviews, meetings, coaching, other follow-ups and emails.
/// </summary>
internal static class SellerCyclePage
{
    public static string Body(SellerCycleView view, TimeZoneInfo zone, DateTime now, OrchestrationMetadata? instance)
    {
        var facts = view.Facts;
        var html = new StringBuilder();
        html.Append("<p class=\"crumbs\"><a href=\"").Append(E(BoardLink(facts.Quarter, null))).Append("\">← Team board</a></p>");
        Summary(html, view, zone, instance);
        Waiting(html, facts, zone);
        Targets(html, view, zone);
        Charts(html, view);
        Reviews(html, facts, zone);
        Meetings(html, facts, zone, now);
        Timeline(html, "Coaching plan and follow-ups", view.Coaching, zone, "No coaching this quarter.");
        Timeline(html, "Reminders, extra check-ins and recognition", view.FollowUps, zone, "None.");
        Emails(html, view, zone);
        Close(html, view);
        return html.ToString();
    }

    private static void Summary(StringBuilder html, SellerCycleView view, TimeZoneInfo zone, OrchestrationMetadata? instance)
    {
        var facts = view.Facts;
        html.Append("<dl class=\"facts\"><div><dt>Manager</dt><dd>").Append(E(facts.ManagerName)).Append("</dd></div>")
            .Append("<div><dt>Quarter</dt><dd>").Append(E(facts.Quarter ?? "–")).Append("</dd></div>")
            .Append("<div><dt>Cadence</dt><dd>").Append(E(facts.Cadence ?? "–")).Append("</dd></div>")
            .Append("<div><dt>Phase</dt><dd>").Append(PhaseChip(facts.Phase, facts.End)).Append("</dd></div>")
            .Append("<div><dt>Next review</dt><dd>").Append(facts.NextMeeting is { } next ? When(next.Start, zone) + (next.Kind == "review" ? "" : $" ({E(next.Kind)})") : "none booked").Append("</dd></div>")
            .Append("<div><dt>Recognitions</dt><dd>").Append(facts.Recognitions).Append("</dd></div></dl>");
        if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
        {
            html.Append("<p class=\"alert\">ReviewFlow stopped on an error for this cycle: ").Append(E(instance.FailureDetails?.ErrorMessage ?? "no detail recorded"))
                .Append(". RevOps can retry it through the API.</p>");
        }

        html.Append(ZoneNote(zone));
    }

    private static void Waiting(StringBuilder html, CycleFacts facts, TimeZoneInfo zone)
    {
        html.Append("<h2>What ReviewFlow is waiting for</h2>");
        if (facts.Pending.Count == 0)
        {
            html.Append("<p class=\"hint\">Nothing: no one owes an answer right now.</p>");
            return;
        }

        html.Append("<ul class=\"pending\">");
        foreach (var wait in facts.Pending)
        {
            html.Append("<li>").Append(E(wait.Text)).Append(", asked ").Append(When(wait.Since, zone));
            if (wait.Reminders > 0)
            {
                html.Append(wait.Reminders == 1 ? "; reminded once" : $"; reminded {wait.Reminders} times");
            }

            html.Append(wait.Escalated ? "; <strong>escalated</strong>" : "").Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void Targets(StringBuilder html, SellerCycleView view, TimeZoneInfo zone)
    {
        html.Append("<h2>Targets</h2>");
        switch (view.TargetsState)
        {
            case "agreed":
                html.Append("<p>Agreed ").Append(view.AgreedAt is { } at ? When(at, zone) : "").Append(view.Rounds is { } rounds ? $" after {Count(rounds, "round", "rounds")}" : "")
                    .Append(view.Settled is { } how ? ": " + E(how) : "").Append(".</p>");
                break;
            case "proposed":
                html.Append("<p>Proposed, not agreed yet. The latest proposal:</p>");
                break;
            default:
                html.Append("<p class=\"hint\">Not defined yet.</p>");
                break;
        }

        if (view.Targets.Count > 0)
        {
            html.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Target</th><th scope=\"col\">Read as</th><th scope=\"col\">Why it matters</th></tr></thead><tbody>");
            foreach (var target in view.Targets)
            {
                html.Append("<tr><th scope=\"row\">").Append(E(target.Label)).Append("</th><td class=\"num\">").Append(E(target.Amount)).Append("</td><td>").Append(E(target.Kind))
                    .Append("</td><td class=\"why\">").Append(E(target.Why)).Append("</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        html.Append("<h3>How they were agreed</h3>");
        if (view.Audit.Count == 0)
        {
            html.Append("<p class=\"hint\">Nothing proposed yet.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table class=\"audit\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\" class=\"num\">Round</th><th scope=\"col\">Who</th><th scope=\"col\">What</th>")
            .Append("<th scope=\"col\">Targets</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
        foreach (var step in view.Audit)
        {
            html.Append("<tr><td>").Append(step.At is { } at ? When(at, zone) : "–").Append("</td><td class=\"num\">").Append(step.Round?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–")
                .Append("</td><td>").Append(E(step.By)).Append("</td><td>").Append(E(step.Step)).Append("</td><td>").Append(E(step.Targets)).Append("</td><td>")
                .Append(string.IsNullOrEmpty(step.Reason) ? "–" : "<q>" + E(step.Reason) + "</q>").Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void Charts(StringBuilder html, SellerCycleView view)
    {
        html.Append("<h2 id=\"charts\">Plan vs actual</h2>");
        if (view.Charts.Count == 0)
        {
            html.Append("<p class=\"hint\">The charts appear once targets are agreed and the first review is held.</p>");
            return;
        }

        html.Append("<p class=\"hint\" id=\"charts-how\">One group per review, labelled with the weeks it covered. The dashed line is the plan for those weeks; the bar is the actual, ")
            .Append("its colour the band (named in the legend). The percentage above each bar is the actual against the plan (the plan against the actual where lower is better), ")
            .Append("the same ratio the review's status comes from. Each chart's figures are in the table under it.</p>");
        foreach (var series in view.Charts)
        {
            html.Append("<figure class=\"plan-actual\" aria-describedby=\"charts-how\"><figcaption>").Append(E(series.Title)).Append("</figcaption>");
            PlanActualChart.Write(html, series, PlanActualChart.Summary(view.Facts.SellerName, series));
            html.Append("<details><summary class=\"data\">Figures: ").Append(E(series.Key)).Append("</summary><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Review</th>")
                .Append("<th scope=\"col\" class=\"num\">Plan</th><th scope=\"col\" class=\"num\">Actual</th><th scope=\"col\" class=\"num\">Actual vs plan</th><th scope=\"col\">Band</th></tr></thead><tbody>");
            foreach (var point in series.Points)
            {
                html.Append("<tr><td>").Append(E(point.Weeks)).Append("</td><td class=\"num\">").Append(point.Plan is { } plan ? Number(plan) : "–").Append("</td><td class=\"num\">")
                    .Append(point.Actual is { } actual ? Number(actual) : "no check-in").Append("</td><td class=\"num\">").Append(point.Actual is null ? "–" : Percent(point.Ratio))
                    .Append("</td><td>").Append(PlanActualChart.BandName(point.Band)).Append("</td></tr>");
            }

            html.Append("</tbody></table></div></details></figure>");
        }
    }

    private static void Reviews(StringBuilder html, CycleFacts facts, TimeZoneInfo zone)
    {
        html.Append("<h2>Reviews held</h2>");
        if (facts.Reviews.Count == 0)
        {
            html.Append("<p class=\"hint\">None yet.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Held</th><th scope=\"col\">Weeks</th><th scope=\"col\">Status</th><th scope=\"col\">Figures (actual against plan)</th></tr></thead><tbody>");
        foreach (var review in facts.Reviews)
        {
            html.Append("<tr><td>").Append(When(review.At, zone)).Append("</td><td>").Append(E(review.WeeksLabel)).Append("</td><td>").Append(StatusChip(review.Status)).Append("</td><td>");
            html.Append(review.Metrics.Count == 0 || review.Status == "noData"
                ? "<span class=\"hint\">no check-in</span>"
                : string.Join("; ", review.Metrics.Select(m => $"{E(m.Key)} {(m.Value.Actual is { } a ? Number(a) : "–")} / {(m.Value.Plan is { } p ? Number(p) : "–")} ({Percent(m.Value.Ratio)})")));
            html.Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void Meetings(StringBuilder html, CycleFacts facts, TimeZoneInfo zone, DateTime now)
    {
        html.Append("<h2>Meetings</h2>");
        if (facts.Meetings.Count == 0)
        {
            html.Append("<p class=\"hint\">None booked yet.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Kind</th><th scope=\"col\">Status</th></tr></thead><tbody>");
        foreach (var meeting in facts.Meetings.OrderBy(m => m.Start))
        {
            var status = meeting.MovedTo is { } moved ? "moved to " + When(moved, zone) + " (the seller could not make it)"
                : meeting.Declined ? "the seller declined; the time was kept"
                : meeting.Start > now ? (facts.End == CycleEnd.None ? "upcoming" : "cancelled with the cycle")
                : "past";
            html.Append("<tr><td>").Append(When(meeting.Start, zone)).Append("</td><td>").Append(E(MeetingKind(meeting.Kind))).Append("</td><td>").Append(status).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void Timeline(StringBuilder html, string title, IReadOnlyList<TimelineItem> items, TimeZoneInfo zone, string empty)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>");
        if (items.Count == 0)
        {
            html.Append("<p class=\"hint\">").Append(E(empty)).Append("</p>");
            return;
        }

        html.Append("<ol class=\"timeline\">");
        foreach (var item in items)
        {
            html.Append("<li>").Append(When(item.At, zone)).Append(' ').Append(E(item.Text));
            if (item.When is { } when)
            {
                html.Append(' ').Append(When(when, zone));
            }

            if (item.Details is { Count: > 0 } details)
            {
                html.Append("<ul>");
                foreach (var line in details)
                {
                    html.Append("<li>").Append(E(line)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
    }

    private static void Emails(StringBuilder html, SellerCycleView view, TimeZoneInfo zone)
    {
        html.Append("<h2>Emails sent</h2>");
        if (view.Emails.Count == 0)
        {
            html.Append("<p class=\"hint\">None yet.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Sent</th><th scope=\"col\">To</th><th scope=\"col\">Subject</th></tr></thead><tbody>");
        foreach (var email in view.Emails)
        {
            html.Append("<tr><td>").Append(When(email.At, zone)).Append("</td><td>").Append(E(email.To));
            if (email.Cc.Count > 0)
            {
                html.Append("<span class=\"hint\">copy: ").Append(E(string.Join(", ", email.Cc))).Append("</span>");
            }

            html.Append("</td><td>").Append(E(email.Subject)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void Close(StringBuilder html, SellerCycleView view)
    {
        if (view.Close.Count == 0)
        {
            return;
        }

        html.Append("<h2>Quarter close</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">Actual</th>")
            .Append("<th scope=\"col\" class=\"num\">Actual vs target</th></tr></thead><tbody>");
        foreach (var row in view.Close)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(row.Label)).Append("</th><td class=\"num\">").Append(row.Target is { } t ? Number(t) : "–").Append("</td><td class=\"num\">")
                .Append(row.Actual is { } a ? Number(a) : "–").Append("</td><td class=\"num\">").Append(Percent(row.Ratio)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static string MeetingKind(string kind) => kind switch
    {
        "coaching" => "coaching conversation",
        "extra" => "extra check-in",
        _ => "review",
    };
}
