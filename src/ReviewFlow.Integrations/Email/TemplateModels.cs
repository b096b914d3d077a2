using System.Text.Json.Nodes;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// The model each template expects, with a sample per template for previews and tests. Every model has
/// <c>recipientName</c>, <c>sellerName</c>, <c>managerName</c> and <c>quarter</c>; values are strings unless
/// marked (number) or (array). A "target" is <c>{key, value, unit, why}</c> with <c>value</c> pre-formatted.
/// <list type="bullet">
/// <item><description><c>define-request</c>: targets (array), prefilledFrom, link.</description></item>
/// <item><description><c>agreement-proposal</c>: targets (array), round (number), acceptLink, proposeLink.</description></item>
/// <item><description><c>counter-proposal</c>: changes (array of {key, unit, from, to}), reason, round (number), link.</description></item>
/// <item><description><c>targets-agreed</c>: targets (array), rounds (number), settled (a sentence on how it was settled).</description></item>
/// <item><description><c>checkin-request</c>: weeks, reviewAt (pre-formatted local time), targets (array), link.</description></item>
/// <item><description><c>review-agenda</c>: weeks, reviewAt, figures (array of {key, unit, actual, plan}), working, notWorking, supportNeeded (each may be empty), coachingActions (array of strings, may be empty).</description></item>
/// <item><description><c>review-rebooked</c>: week (number), oldStart, newStart (both pre-formatted local times).</description></item>
/// <item><description><c>reminder</c>: about, dueText, link.</description></item>
/// <item><description><c>escalation</c>: about, waitingSince, link.</description></item>
/// <item><description><c>extra-checkin-refused</c>: week (number), reason.</description></item>
/// <item><description><c>reflection-request</c>: questions (array of strings), link.</description></item>
/// <item><description><c>coaching-prompts</c>: reason, reflection (may be empty), prompts (array of {category, questions: array of strings}), meetingAt, link.</description></item>
/// <item><description><c>coaching-closed</c>: actions (array of strings).</description></item>
/// <item><description><c>recognition</c>: reviews (number), highlights (array of {key, unit, ratioPercent}).</description></item>
/// <item><description><c>quarter-summary</c>: metrics (array of {key, unit, target, actual, ratioPercent}), reviewsHeld (number), nextQuarter.</description></item>
/// </list>
/// </summary>
public static class TemplateModels
{
    /// <summary>A fresh sample model for <paramref name="template"/>, addressed to the person the template is for.</summary>
    /// <exception cref="ArgumentException">The template name is unknown.</exception>
    public static JsonObject Sample(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template switch
        {
            EmailTemplates.DefineRequest => With("Mark", new JsonObject
            {
                ["targets"] = Targets(),
                ["prefilledFrom"] = "last quarter's agreed targets",
                ["link"] = "https://reviewflow.example.test/a/define?token=sample",
            }),
            EmailTemplates.AgreementProposal => With("Priya", new JsonObject
            {
                ["targets"] = Targets(),
                ["round"] = 1,
                ["acceptLink"] = "https://reviewflow.example.test/a/accept?token=sample",
                ["proposeLink"] = "https://reviewflow.example.test/a/propose?token=sample",
            }),
            EmailTemplates.CounterProposal => With("Mark", new JsonObject
            {
                ["changes"] = new JsonArray(new JsonObject { ["key"] = "Revenue", ["unit"] = "GBP", ["from"] = "90,000", ["to"] = "80,000" }),
                ["reason"] = "Two of my accounts moved to the key accounts team.",
                ["round"] = 1,
                ["link"] = "https://reviewflow.example.test/a/counter?token=sample",
            }),
            EmailTemplates.TargetsAgreed => With("Priya", new JsonObject
            {
                ["targets"] = Targets(),
                ["rounds"] = 2,
                ["settled"] = "Mark accepted Priya's proposal on 5 January.",
            }),
            EmailTemplates.CheckInRequest => With("Priya", new JsonObject
            {
                ["weeks"] = "weeks 3–4",
                ["reviewAt"] = "Tuesday 26 January, 10:00 (Europe/London)",
                ["targets"] = Targets(),
                ["link"] = "https://reviewflow.example.test/a/checkin?token=sample",
            }),
            EmailTemplates.ReviewAgenda => With("Mark", new JsonObject
            {
                ["weeks"] = "weeks 3–4",
                ["reviewAt"] = "Tuesday 26 January, 10:00 (Europe/London)",
                ["figures"] = new JsonArray(
                    new JsonObject { ["key"] = "Revenue", ["unit"] = "GBP", ["actual"] = "12,000", ["plan"] = "13,846" },
                    new JsonObject { ["key"] = "New conversations", ["unit"] = "a week", ["actual"] = "9.5", ["plan"] = "10" }),
                ["working"] = "Follow-ups within a day are converting well.",
                ["notWorking"] = "",
                ["supportNeeded"] = "An intro to the logistics lead at Northwind.",
                ["coachingActions"] = new JsonArray("Practise discovery questions before first calls"),
            }),
            EmailTemplates.ReviewRebooked => With("Priya", new JsonObject
            {
                ["week"] = 3,
                ["oldStart"] = "Tue 19 Jan 2027, 10:00 (Europe/London)",
                ["newStart"] = "Thu 21 Jan 2027, 14:30 (Europe/London)",
            }),
            EmailTemplates.Reminder => With("Priya", new JsonObject
            {
                ["about"] = "your check-in for weeks 3–4",
                ["dueText"] = "ideally before your review on Tuesday 26 January, 10:00",
                ["link"] = "https://reviewflow.example.test/a/checkin?token=sample",
            }),
            EmailTemplates.Escalation => With("Dana", new JsonObject
            {
                ["about"] = "Mark's expectation set for Priya",
                ["waitingSince"] = "Monday 4 January",
                ["link"] = "https://reviewflow.example.test/team/mark",
            }),
            EmailTemplates.ExtraCheckInRefused => With("Mark", new JsonObject
            {
                ["week"] = 4,
                ["reason"] = "An extra check-in was already held in week 3, and the policy allows one every 4 weeks.",
            }),
            EmailTemplates.ReflectionRequest => With("Priya", new JsonObject
            {
                ["questions"] = new JsonArray(
                    "How do you feel the last few weeks have gone?",
                    "What has got in the way, at work or outside it?",
                    "What would help most right now?"),
                ["link"] = "https://reviewflow.example.test/a/reflect?token=sample",
            }),
            EmailTemplates.CoachingPrompts => With("Mark", new JsonObject
            {
                ["reason"] = "3 of the last 4 reviews were below plan on revenue.",
                ["reflection"] = "New conversations are fine, but proposals stall at procurement.",
                ["prompts"] = new JsonArray(
                    new JsonObject { ["category"] = "Skill", ["questions"] = new JsonArray("Which part of the proposal stage feels hardest?") },
                    new JsonObject { ["category"] = "External conditions", ["questions"] = new JsonArray("What has changed with your accounts this quarter?") }),
                ["meetingAt"] = "Thursday 11 February, 14:00 (Europe/London)",
                ["link"] = "https://reviewflow.example.test/a/coaching-notes?token=sample",
            }),
            EmailTemplates.CoachingClosed => With("Priya", new JsonObject
            {
                ["actions"] = new JsonArray("Pair with Sam on two procurement negotiations", "Send proposals within 2 days"),
            }),
            EmailTemplates.Recognition => With("Priya", new JsonObject
            {
                ["reviews"] = 3,
                ["highlights"] = new JsonArray(new JsonObject { ["key"] = "Revenue", ["unit"] = "GBP", ["ratioPercent"] = "118" }),
            }),
            EmailTemplates.QuarterSummary => With("Priya", new JsonObject
            {
                ["metrics"] = new JsonArray(new JsonObject
                {
                    ["key"] = "Revenue", ["unit"] = "GBP", ["target"] = "80,000", ["actual"] = "84,500", ["ratioPercent"] = "106",
                }),
                ["reviewsHeld"] = 6,
                ["nextQuarter"] = "2027-Q2",
            }),
            _ => throw new ArgumentException($"Unknown email template '{template}'.", nameof(template)),
        };
    }

    private static JsonArray Targets() => new(
        new JsonObject { ["key"] = "Revenue", ["value"] = "90,000", ["unit"] = "GBP", ["why"] = "it is the outcome the team plan rests on" },
        new JsonObject { ["key"] = "New conversations", ["value"] = "10", ["unit"] = "a week", ["why"] = "they are the earliest sign of next quarter's pipeline" },
        new JsonObject { ["key"] = "Proposal turnaround", ["value"] = "3", ["unit"] = "days", ["why"] = "fast proposals win more often" });

    private static JsonObject With(string recipientName, JsonObject model)
    {
        model["recipientName"] = recipientName;
        model["sellerName"] = "Priya";
        model["managerName"] = "Mark";
        model["quarter"] = "2027-Q1";
        return model;
    }
}
