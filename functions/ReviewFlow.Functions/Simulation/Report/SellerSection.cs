using System.Text;

using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>One seller's detail: charts, agreement audit, meetings, coaching, reminders, emails, quarter close.</summary>
internal static class SellerSection
{
    public static void Write(StringBuilder sb, SellerModel seller, string anchor, ReportThresholds thresholds)
    {
        var meetings = 0;
        var emails = new Dictionary<string, int>(StringComparer.Ordinal);
        var emailCount = 0;
        foreach (var entry in seller.Entries)
        {
            if (entry.Type == "ReviewBooked")
            {
                meetings++;
            }
            else if (entry.Type == "EmailSent")
            {
                emailCount++;
                var template = JsonRead.Str(entry.Data, "template") ?? "(no template)";
                emails[template] = emails.GetValueOrDefault(template) + 1;
            }
        }

        sb.Append("\n<section class=\"seller\" id=\"").Append(anchor).Append("\"><h3>").AppendEnc(seller.Name);
        if (!string.Equals(seller.Name, seller.Id, StringComparison.Ordinal))
        {
            sb.Append(" <small>(").AppendEnc(seller.Id).Append(")</small>");
        }

        sb.Append("</h3><p class=\"sub\">");
        ReportWriter.PhaseChip(sb, seller.Phase);
        sb.Append(" · cadence ").AppendEnc(seller.Cadence ?? "–").Append(" · ").Append(Fmt.Int(seller.Reviews.Count)).Append(" reviews held · ")
          .Append(Fmt.Int(meetings)).Append(" meetings · ").Append(Fmt.Int(emailCount)).Append(" emails</p>");

        Charts(sb, seller, thresholds);
        Agreement(sb, seller);
        Meetings(sb, seller);
        Coaching(sb, seller);
        Follow(sb, seller);
        Emails(sb, emails, emailCount);
        QuarterClose(sb, seller);
        sb.Append("</section>");
    }

    private static void Charts(StringBuilder sb, SellerModel seller, ReportThresholds thresholds)
    {
        sb.Append("<h4>Plan vs actual</h4>");
        if (seller.MetricKeys.Count == 0)
        {
            sb.Append("<p class=\"muted\">No reviews with metrics yet.</p>");
            return;
        }

        var below = Fmt.Ratio(thresholds.BelowPlan);
        var above = Fmt.Ratio(thresholds.AbovePlan);
        sb.Append("<p class=\"legend\">Dashed outline = plan for the review's period; solid bar = actual, coloured by its ratio: red under ").Append(below)
          .Append(" (below plan), amber ").Append(below).Append('–').Append(above).Append(" (on track), green at least ").Append(above)
          .Append(" (above plan). The number above each review is the ratio.</p><div class=\"charts\">");
        foreach (var key in seller.MetricKeys)
        {
            var lower = SvgChart.LowerIsBetter(seller.Reviews, key);
            sb.Append("<figure><figcaption>").AppendEnc(key);
            if (lower)
            {
                sb.Append(" <span class=\"muted\">(lower is better: ratio = plan / actual)</span>");
            }

            sb.Append("</figcaption>");
            SvgChart.Write(sb, seller.Name, key, seller.Reviews, lower, thresholds);
            sb.Append("<details><summary>Data: ").AppendEnc(key).Append("</summary><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Review</th><th scope=\"col\">Held</th>")
              .Append("<th scope=\"col\">Plan</th><th scope=\"col\">Actual</th><th scope=\"col\">Ratio</th><th scope=\"col\">Metric band</th></tr></thead><tbody>");
            foreach (var review in seller.Reviews)
            {
                review.Metrics.TryGetValue(key, out var m);
                var noData = review.Status == "noData" || m?.Actual is null;
                sb.Append("<tr><td>").AppendEnc(review.WeeksLabel).Append("</td><td>").Append(Fmt.Date(review.At)).Append("</td><td class=\"num\">").Append(Fmt.Number(m?.Plan))
                  .Append("</td><td class=\"num\">").Append(noData ? "no check-in" : Fmt.Number(m?.Actual)).Append("</td><td class=\"num\">").Append(noData ? "–" : Fmt.Ratio(m?.Ratio))
                  .Append("</td><td>").Append(noData ? "no check-in" : Statuses.Of(Statuses.BandOf(m?.Ratio, thresholds)).Label).Append("</td></tr>");
            }

            sb.Append("</tbody></table></div></details></figure>");
        }

        sb.Append("</div>");
    }

    private static void Agreement(StringBuilder sb, SellerModel seller)
    {
        sb.Append("<h4>Agreement</h4>");
        var any = false;
        foreach (var entry in seller.Entries)
        {
            var d = entry.Data;
            switch (entry.Type)
            {
                case "ExpectationsRequested":
                    Item(sb, ref any, entry, "Expectations requested");
                    To(sb, d);
                    break;
                case "ExpectationsDefined":
                    Item(sb, ref any, entry, "Expectations defined: ");
                    Inline(sb, d);
                    break;
                case "AgreementRequested":
                    Item(sb, ref any, entry, "Agreement requested");
                    Round(sb, d);
                    sb.Append(": ");
                    Inline(sb, d);
                    break;
                case "CounterProposed":
                    Item(sb, ref any, entry, "Seller countered");
                    Round(sb, d);
                    sb.Append(": ");
                    Inline(sb, d);
                    if (JsonRead.Str(d, "reason") is { } reason)
                    {
                        sb.Append(" — reason: <q>").AppendEnc(reason).Append("</q>");
                    }

                    break;
                case "TargetsAgreed":
                    Item(sb, ref any, entry, "<b>Targets agreed</b>");
                    if (JsonRead.Int(d, "rounds") is { } rounds)
                    {
                        sb.Append(" after ").Append(Fmt.Int(rounds)).Append(rounds == 1 ? " round" : " rounds");
                    }

                    if (JsonRead.Str(d, "settled") is { } how)
                    {
                        sb.Append(" (").AppendEnc(SettledText(how)).Append(')');
                    }

                    sb.Append(": ");
                    Inline(sb, d);
                    break;
                default:
                    continue;
            }

            sb.Append("</li>");
        }

        sb.Append(any ? "</ol>" : "<p class=\"muted\">No agreement activity yet.</p>");
    }

    private static string SettledText(string how) => how switch
    {
        "SellerAccepted" => "the seller accepted",
        "ManagerAccepted" => "the manager accepted the seller's counter",
        "DeadlinePassed" => "no answer by the deadline: the proposal stands",
        "RoundsExhausted" => "the rounds ran out: the latest proposal stands",
        _ => how,
    };

    private static void Meetings(StringBuilder sb, SellerModel seller)
    {
        sb.Append("<h4>Meetings</h4>");
        var any = false;
        foreach (var entry in seller.Entries)
        {
            if (entry.Type != "ReviewBooked")
            {
                continue;
            }

            if (!any)
            {
                sb.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Start (UTC)</th><th scope=\"col\">End</th><th scope=\"col\">Kind</th><th scope=\"col\">Attendees</th></tr></thead><tbody>");
                any = true;
            }

            var d = entry.Data;
            var end = Fmt.IsoDateTime(JsonRead.Str(d, "end"));
            sb.Append("<tr><td>").AppendEnc(Fmt.IsoDateTime(JsonRead.Str(d, "start"))).Append("</td><td>").AppendEnc(end.Length > 11 ? end[11..] : end)
              .Append("</td><td>").AppendEnc(JsonRead.Str(d, "kind") ?? "review").Append("</td><td>").AppendEnc(string.Join(", ", JsonRead.Strings(d, "attendees"))).Append("</td></tr>");
        }

        sb.Append(any ? "</tbody></table></div>" : "<p class=\"muted\">No meetings booked.</p>");
    }

    private static void Coaching(StringBuilder sb, SellerModel seller)
    {
        sb.Append("<h4>Coaching</h4>");
        var any = false;
        foreach (var entry in seller.Entries)
        {
            var d = entry.Data;
            switch (entry.Type)
            {
                case "CoachingOpened":
                    Item(sb, ref any, entry, "<b>Coaching opened</b>");
                    if (JsonRead.Str(d, "reason") is { } reason)
                    {
                        sb.Append(": ").AppendEnc(reason);
                    }

                    var reviews = JsonRead.Strings(d, "reviews");
                    if (reviews.Count > 0)
                    {
                        sb.Append(" <span class=\"muted\">(after reviews of ").AppendEnc(string.Join(", ", reviews.Select(r => Fmt.ParseIso(r) is { } at ? Fmt.Date(at) : r))).Append(")</span>");
                    }

                    break;
                case "ReflectionRequested":
                    Item(sb, ref any, entry, "Reflection form sent to the seller");
                    break;
                case "ReflectionSubmitted":
                    Item(sb, ref any, entry, "Reflection submitted");
                    break;
                case "CoachingBooked":
                    Item(sb, ref any, entry, "Coaching conversation booked");
                    if (JsonRead.Str(d, "start") is { } start)
                    {
                        sb.Append(" for ").AppendEnc(Fmt.IsoDateTime(start)).Append(" UTC");
                    }

                    break;
                case "CoachingPlanRecorded":
                    Item(sb, ref any, entry, "Plan recorded");
                    sb.Append(" — diagnosis: <b>").AppendEnc(JsonRead.Str(d, "diagnosis") ?? "–").Append("</b>");
                    var actions = JsonRead.Strings(d, "actions");
                    if (actions.Count > 0)
                    {
                        sb.Append("<ul>");
                        foreach (var action in actions)
                        {
                            sb.Append("<li>").AppendEnc(action).Append("</li>");
                        }

                        sb.Append("</ul>");
                    }

                    break;
                case "CoachingClosed":
                    Item(sb, ref any, entry, "<b>Coaching closed</b> (back on track)");
                    break;
                default:
                    continue;
            }

            sb.Append("</li>");
        }

        sb.Append(any ? "</ol>" : "<p class=\"muted\">No coaching.</p>");
    }

    private static void Follow(StringBuilder sb, SellerModel seller)
    {
        sb.Append("<h4>Reminders, escalations, extra check-ins, recognition</h4>");
        var any = false;
        foreach (var entry in seller.Entries)
        {
            var d = entry.Data;
            switch (entry.Type)
            {
                case "ReminderSent" or "Escalated":
                    Item(sb, ref any, entry, entry.Type == "Escalated" ? "<b>Escalated</b>" : "Reminder");
                    if (JsonRead.Str(d, "about") is { } about)
                    {
                        sb.Append(" about ").AppendEnc(about);
                    }

                    To(sb, d);
                    break;
                case "ExtraCheckInBooked" or "ExtraCheckInRefused":
                    var booked = entry.Type == "ExtraCheckInBooked";
                    Item(sb, ref any, entry, booked ? "Extra check-in booked" : "<b>Extra check-in refused</b>");
                    if (JsonRead.Int(d, "week") is { } week)
                    {
                        sb.Append(" for week ").Append(Fmt.Int(week));
                    }

                    if (JsonRead.Str(d, "by") is { } by)
                    {
                        sb.Append(", asked by ").AppendEnc(by);
                    }

                    if (JsonRead.Str(d, "reason") is { } reason)
                    {
                        sb.Append(" — <q>").AppendEnc(reason).Append("</q>");
                    }

                    break;
                case "RecognitionSent":
                    Item(sb, ref any, entry, "<b>Recognition sent</b>");
                    break;
                default:
                    continue;
            }

            sb.Append("</li>");
        }

        sb.Append(any ? "</ol>" : "<p class=\"muted\">None.</p>");
    }

    private static void Emails(StringBuilder sb, Dictionary<string, int> byTemplate, int count)
    {
        sb.Append("<h4>Emails</h4><p>").Append(Fmt.Int(count)).Append(count == 1 ? " email" : " emails");
        if (count > 0)
        {
            sb.Append(": ");
            var first = true;
            foreach (var (template, n) in byTemplate.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sb.Append(first ? string.Empty : ", ").AppendEnc(template).Append(" ×").Append(Fmt.Int(n));
                first = false;
            }
        }

        sb.Append("</p>");
    }

    private static void QuarterClose(StringBuilder sb, SellerModel seller)
    {
        JournalEntry? closed = null;
        foreach (var entry in seller.Entries)
        {
            if (entry.Type == "QuarterClosed")
            {
                closed = entry;
            }
        }

        if (closed is null)
        {
            return;
        }

        sb.Append("<h4>Quarter closed ").Append(Fmt.Date(closed.At));
        if (JsonRead.Int(closed.Data, "reviewsHeld") is { } held)
        {
            sb.Append(" · ").Append(Fmt.Int(held)).Append(" reviews held");
        }

        sb.Append("</h4>");
        if (JsonRead.Obj(closed.Data, "metrics") is not { Count: > 0 } metrics)
        {
            return;
        }

        sb.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Target</th><th scope=\"col\">Actual</th><th scope=\"col\">Ratio</th></tr></thead><tbody>");
        foreach (var (key, node) in metrics)
        {
            var m = node as System.Text.Json.Nodes.JsonObject;
            sb.Append("<tr><td>").AppendEnc(key).Append("</td><td class=\"num\">").Append(Fmt.Number(JsonRead.Num(m, "target"))).Append("</td><td class=\"num\">")
              .Append(Fmt.Number(JsonRead.Num(m, "actual"))).Append("</td><td class=\"num\">").Append(Fmt.Ratio(JsonRead.Num(m, "ratio"))).Append("</td></tr>");
        }

        sb.Append("</tbody></table></div>");
    }

    /// <summary>Opens a list item with its time; <paramref name="label"/> is trusted markup (never data).</summary>
    private static void Item(StringBuilder sb, ref bool any, JournalEntry entry, string label)
    {
        if (!any)
        {
            sb.Append("<ol class=\"tl\">");
            any = true;
        }

        sb.Append("<li><time>").Append(Fmt.DateTime(entry.At)).Append("</time>").Append(label);
    }

    private static void To(StringBuilder sb, System.Text.Json.Nodes.JsonObject? d)
    {
        var to = JsonRead.Strings(d, "to");
        if (to.Count > 0)
        {
            sb.Append(" → ").AppendEnc(string.Join(", ", to));
        }
    }

    private static void Round(StringBuilder sb, System.Text.Json.Nodes.JsonObject? d)
    {
        if (JsonRead.Int(d, "round") is { } round)
        {
            sb.Append(" (round ").Append(Fmt.Int(round)).Append(')');
        }
    }

    private static void Inline(StringBuilder sb, System.Text.Json.Nodes.JsonObject? d)
    {
        var targets = JsonRead.NumberMap(d, "targets");
        if (targets.Count == 0)
        {
            sb.Append("<span class=\"muted\">no targets</span>");
            return;
        }

        for (var i = 0; i < targets.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").AppendEnc(targets[i].Key).Append(' ').Append(Fmt.Number(targets[i].Value));
        }
    }
}
