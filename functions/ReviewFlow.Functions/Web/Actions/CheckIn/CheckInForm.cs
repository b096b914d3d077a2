using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.CheckIns;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using static ReviewFlow.Functions.Web.Html.Html;
using DomainCheckIn = ReviewFlow.Domain.CheckIns.CheckIn;

namespace ReviewFlow.Functions.Web.Actions.CheckIn;

/// <summary>
/// The seller's check-in before a review: the period's figures week by week and three short answers, the same format
/// every time, with the seller's own trend so far. It becomes the agenda the manager and the seller both see.
/// </summary>
internal sealed class CheckInForm : IActionForm
{
    private static readonly (string Name, string Label, string Hint)[] Answers =
    [
        ("working", "What is working?", "A line or two is plenty: what is going well, that you would like to keep doing."),
        ("notWorking", "What is not working yet?", "What is getting in the way, so the review can focus on it."),
        ("supportNeeded", "What support would help?", "From your manager or anyone else: time, a contact, a second pair of eyes."),
    ];

    public IReadOnlyList<string> Actions { get; } = [ActionNames.CheckIn];

    public string Title(ActionContext context) =>
        CheckInRequest.Open(context) is { } request ? $"Your check-in for {request.WeeksText}" : "Your check-in";

    public string? Closed(ActionContext context)
    {
        if (CheckInRequest.Open(context) is not { } request)
        {
            return "There is no check-in open for you right now. The next one comes by email the day before your next review.";
        }

        if (request.AnsweredBy(context, "CheckInSubmitted"))
        {
            return $"Your check-in for {request.WeeksText} is in: {context.Manager.Name} has it as the agenda for your review, and you have a copy.";
        }

        return request.AnsweredBy(context, "ReviewHeld")
            ? $"The review for {request.WeeksText} has been held, so this check-in is closed. The next one comes by email the day before your next review."
            : null;
    }

    public string Fields(ActionContext context, IFormCollection? posted)
    {
        var request = CheckInRequest.Open(context)!;
        var html = new StringBuilder()
            .Append("<p class=\"lead\">How did ").Append(E(request.WeeksText)).Append(" go? ").Append(E(ReviewAt(context)))
            .Append("We ask so the review can focus on what would help you, and so ").Append(E(context.Manager.Name)).Append(" sees the same picture you do. <a href=\"#trend\">Your trend so far</a> is below the form.</p>")
            .Append("<h2>Your figures</h2>")
            .Append(CheckInFields.Inputs(request, context.Cycle.Profile.Quarter, posted))
            .Append("<h2>In a line or two each</h2>");
        foreach (var (name, label, hint) in Answers)
        {
            html.Append("<label for=\"").Append(name).Append("\">").Append(E(label)).Append("</label>")
                .Append("<p class=\"hint\" id=\"").Append(name).Append("-hint\">").Append(E(hint)).Append(" Optional; at most ")
                .Append(FieldText.Count(DomainCheckIn.MaxAnswerLength)).Append(" characters.</p>")
                .Append("<textarea id=\"").Append(name).Append("\" name=\"").Append(name).Append("\" maxlength=\"")
                .Append(DomainCheckIn.MaxAnswerLength.ToString(CultureInfo.InvariantCulture)).Append("\" aria-describedby=\"").Append(name).Append("-hint\">")
                .Append(E(posted is null ? "" : FieldText.Value(posted, name))).Append("</textarea>");
        }

        return html.Append("<button type=\"submit\">Send my check-in</button>")
            .Append(TrendCharts.Section(context, request))
            .ToString();
    }

    public bool Accepts(string fieldName) => CheckInFields.IsFigureField(fieldName) || Answers.Any(a => a.Name == fieldName);

    public FormResult Read(ActionContext context, IFormCollection form)
    {
        var request = CheckInRequest.Open(context)!;
        var problems = new List<string>();
        FieldText.RefuseRepeated(form, problems);
        var weeks = CheckInFields.Read(form, request, problems);
        string? Answer(string name) => FieldText.Value(form, name) is { Length: > 0 } text ? text : null;
        var checkIn = new DomainCheckIn(
            [.. weeks.Select(w => new WeeklyFigures(w.Key, w.Value))],
            Answer("working"),
            Answer("notWorking"),
            Answer("supportNeeded"));

        // The rules the cycle applies (ReviewPeriodStep): only these weeks, only these figures, answers within the limit.
        foreach (var problem in checkIn.Validate(request.Weeks, request.ReportedKeys))
        {
            if (!problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        return problems.Count > 0
            ? FormResult.Refused(problems)
            : FormResult.Raise(nameof(CheckInSubmitted), new CheckInSubmitted(checkIn), $"You sent your check-in for {request.WeeksText}.");
    }

    public string NextSteps(ActionContext context, FormResult result) =>
        $"{context.Manager.Name} gets your figures and answers as the agenda for your review, and you get a copy. {ReviewAt(context)}" +
        "The review starts from what you wrote, so it can focus on what would help.";

    /// <summary>"Your review is on Thu 14 Jan 2027, 09:00 (Europe/London). " when it is booked, else "".</summary>
    private static string ReviewAt(ActionContext context)
    {
        var booked = context.Journal.LastOrDefault(e => e.Type == "ReviewBooked" && e.Data["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k == "review");
        return booked?.Data["start"] is JsonValue start && start.TryGetValue<string>(out var iso)
            && DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? $"Your review with {context.Manager.Name} is on {Time(at, context.Actor.Zone)} ({context.Actor.TimeZone}). "
            : "";
    }
}
