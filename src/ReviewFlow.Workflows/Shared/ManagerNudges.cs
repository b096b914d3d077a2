using System.Text.Json.Nodes;
using ReviewFlow.Domain.People;
using ReviewFlow.Integrations.Email;

namespace ReviewFlow.Workflows.Shared;

/// <summary>Reminders to whoever is awaited, and escalation of a manager's silence to their own manager.</summary>
internal static class ManagerNudges
{
    /// <summary>A reminder to the manager, then (when configured) an escalation to the manager's manager.</summary>
    public static List<Nudge> For(CycleRun run, string about, string link, DateTime since)
    {
        var nudges = new List<Nudge> { Reminder(run, run.Manager, about, link, since + run.Policy.ReminderAfter) };
        if (run.Profile.Manager.EscalateTo is { } escalateTo)
        {
            var at = CycleRun.Opening(run.Manager, since + run.Policy.EscalateAfter);
            nudges.Add(new Nudge(at, () =>
            {
                var target = new Person("escalation", escalateTo, escalateTo, run.Manager.TimeZone, run.Manager.WorkingHours);
                var model = run.Model(target);
                model["recipientName"] = escalateTo;
                model["about"] = about;
                model["waitingSince"] = Texts.LocalTime(since, run.Manager);
                // The manager's manager follows up with the manager; the action link stays the manager's.
                model["link"] = run.DashboardLink();
                return run.EmailAsync(
                    EmailTemplates.Escalation,
                    target,
                    model,
                    cc: run.Manager,
                    alsoRecord: new PendingEntry("Escalated", new JsonObject { ["about"] = about, ["to"] = escalateTo }));
            }));
        }

        return nudges;
    }

    /// <summary>One gentle reminder to <paramref name="person"/>, inside their working hours.</summary>
    public static Nudge Reminder(CycleRun run, Person person, string about, string link, DateTime at)
        => new(CycleRun.Opening(person, at), () =>
        {
            var model = run.Model(person);
            model["about"] = about;
            model["dueText"] = "whenever you have a moment";
            model["link"] = link;
            return run.EmailAsync(
                EmailTemplates.Reminder,
                person,
                model,
                alsoRecord: new PendingEntry("ReminderSent", new JsonObject { ["about"] = about, ["to"] = person.Email }));
        });
}
