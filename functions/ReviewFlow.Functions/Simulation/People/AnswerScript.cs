using ReviewFlow.Domain.CheckIns;
using ReviewFlow.Functions.Simulation.Scenario;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Simulation.People;

/// <summary>
/// How the scenario's people answer the emails that ask them for something. Only the first request is
/// answered (reminders are not): a person who answers late in the script answers late, not twice.
/// </summary>
public static class AnswerScript
{
    /// <summary>The answer to <paramref name="message"/> sent at <paramref name="sentAt"/>, or null when the script has none.</summary>
    public static ScriptedAnswer? For(ScenarioSeller seller, EmailMessage message, DateTime sentAt)
    {
        ArgumentNullException.ThrowIfNull(seller);
        ArgumentNullException.ThrowIfNull(message);
        var script = seller.Script;
        var action = message.Action;
        if (action is null)
        {
            return null;
        }

        switch (message.Template)
        {
            case EmailTemplates.DefineRequest:
                return new(action.EventName, new ExpectationsSubmitted(seller.Proposed), sentAt.AddHours(script.DefineAfterHours));

            case EmailTemplates.AgreementProposal when Round(message) is var round && round <= script.Agreement.Count:
                var answer = script.Agreement[round - 1];
                return new(action.EventName, new TargetsAnswered(answer.Accept, answer.Counter, answer.Reason), sentAt.AddHours(answer.AfterHours));

            case EmailTemplates.CounterProposal when Round(message) is var round && round <= script.ManagerOnCounter.Count:
                var reply = script.ManagerOnCounter[round - 1];
                return new(action.EventName, new CounterAnswered(reply.Accept, reply.Revise, reply.Reason), sentAt.AddHours(reply.AfterHours));

            case EmailTemplates.CheckInRequest:
                var weeks = (action.Weeks ?? [])
                    .Select(week => (Week: week, Figures: script.WeekFigures(week)))
                    .Where(w => w.Figures is { Count: > 0 })
                    .Select(w => new WeeklyFigures(w.Week, w.Figures!))
                    .ToList();
                return weeks.Count == 0
                    ? null
                    : new(action.EventName, new CheckInSubmitted(new CheckIn(weeks, "Steady pipeline work.", "Some deals slipped a week.", "Nothing extra for now.")), sentAt.AddHours(script.CheckInAfterHours));

            case EmailTemplates.ReflectionRequest:
                return new(
                    action.EventName,
                    new ReflectionSubmitted(["Fewer first meetings than I planned.", "Two key accounts paused their buying.", "Help with prospecting in the new sector would help."]),
                    sentAt.AddHours(script.Coaching.ReflectionAfterHours));

            case EmailTemplates.CoachingPrompts:
                var after = action.NotBefore is { } notBefore && notBefore > sentAt ? notBefore : sentAt;
                return new(action.EventName, new CoachingNotesSubmitted(script.Coaching.Diagnosis, script.Coaching.Actions), after.AddHours(script.Coaching.NotesAfterHours));

            default:
                return null;
        }
    }

    private static int Round(EmailMessage message)
        => message.Model["round"] is { } round ? round.GetValue<int>() : 1;
}
