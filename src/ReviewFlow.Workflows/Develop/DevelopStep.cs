using System.Text.Json.Nodes;
using ReviewFlow.Domain.Coaching;
using ReviewFlow.Domain.Trends;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Develop;

/// <summary>
/// Develop: on a sustained gap, diagnose before prescribing. The seller reflects first, the manager gets
/// open question prompts (with the reflection), one coaching conversation is booked, and the manager records
/// the diagnosis and the agreed actions afterwards. Follow-up happens in the normal reviews; the plan closes
/// on the exit rule.
/// </summary>
internal static class DevelopStep
{
    public static async Task OpenAsync(CycleRun run, CoachingOpened opened)
    {
        var plan = CoachingPlan.Open(run.Now, opened.Reason);
        run.Progress = run.Progress with { Coaching = plan, CoachingOpenings = run.Progress.CoachingOpenings + 1 };
        run.Record(new PendingEntry("CoachingOpened", new JsonObject
        {
            ["reason"] = opened.Reason,
            ["reviews"] = Texts.Strings(opened.Reviews.Select(Texts.Iso)),
        }));

        var reflectionModel = run.Model(run.Seller);
        reflectionModel["questions"] = Texts.Strings(CoachingPlan.ReflectionQuestions);
        reflectionModel["link"] = run.Link(ActionNames.Reflection, run.Seller);
        var reflectionSent = run.EmailAsync(
            EmailTemplates.ReflectionRequest,
            run.Seller,
            reflectionModel,
            nameof(ReflectionSubmitted),
            alsoRecord: new PendingEntry("ReflectionRequested", []));
        var windowStart = run.Now.Date.AddDays(1);
        var booking = run.BookAsync(
            "coaching",
            windowStart,
            windowStart.AddDays(run.Policy.CoachingWithinDays),
            preferred: null,
            run.Policy.ReviewLength * 2,
            $"Coaching conversation: {run.Seller.Name} and {run.Manager.Name}",
            "A conversation to understand what is getting in the way and agree a few actions together.",
            new PendingEntry("CoachingBooked", []));
        await Task.WhenAll(reflectionSent, booking);
        var meeting = await booking;
        var meetingStart = meeting?.Start ?? windowStart.AddDays(run.Policy.CoachingWithinDays);
        var meetingEnd = meeting?.End ?? meetingStart + (run.Policy.ReviewLength * 2);

        // The reflection is the seller's to give: wait for it until shortly before the conversation, no chasing.
        var reflection = await run.AwaitAsync<ReflectionSubmitted>(nameof(ReflectionSubmitted), [], meetingStart.AddHours(-2));
        var prompts = new JsonArray();
        foreach (var (category, questions) in CoachingPlan.ManagerPrompts)
        {
            prompts.Add(new JsonObject { ["category"] = category.ToString(), ["questions"] = Texts.Strings(questions) });
        }

        var promptModel = run.Model(run.Manager);
        promptModel["reason"] = opened.Reason;
        promptModel["reflection"] = reflection is null ? string.Empty : string.Join("\n", reflection.Answers);
        promptModel["prompts"] = prompts;
        promptModel["meetingAt"] = Texts.LocalTime(meetingStart, run.Manager);
        promptModel["link"] = run.Link(ActionNames.CoachingNotes, run.Manager);
        await run.EmailAsync(
            EmailTemplates.CoachingPrompts,
            run.Manager,
            promptModel,
            action: new AwaitedAction(run.Context.InstanceId, nameof(CoachingNotesSubmitted), run.Manager.Id, NotBefore: meetingEnd),
            alsoRecord: reflection is null ? [] : [new PendingEntry("ReflectionSubmitted", [])]);

        var about = $"the notes from your coaching conversation with {run.Seller.Name}";
        var notes = await run.AwaitAsync<CoachingNotesSubmitted>(
            nameof(CoachingNotesSubmitted),
            [ManagerNudges.Reminder(run, run.Manager, about, run.Link(ActionNames.CoachingNotes, run.Manager), meetingEnd + run.Policy.ReminderAfter)],
            meetingEnd + run.Policy.EscalateAfter,
            answer => CycleRun.ProblemWith(() => plan.Diagnose(answer.Diagnosis, answer.Actions ?? [])));
        if (notes is null || run.Progress.Coaching is not { IsOpen: true } open)
        {
            return;
        }

        run.Progress = run.Progress with { Coaching = open.Diagnose(notes.Diagnosis, notes.Actions) };
        run.Record(new PendingEntry("CoachingPlanRecorded", new JsonObject
        {
            ["diagnosis"] = notes.Diagnosis.ToString().ToLowerInvariant(),
            ["actions"] = Texts.Strings(notes.Actions),
        }));
    }

    public static async Task CloseAsync(CycleRun run, CoachingClosed closed)
    {
        var plan = run.Progress.Coaching;
        run.Progress = run.Progress with { Coaching = plan?.Close(run.Now) };
        var model = run.Model(run.Seller);
        model["actions"] = Texts.Strings(plan?.Actions ?? []);
        await run.EmailAsync(
            EmailTemplates.CoachingClosed,
            run.Seller,
            model,
            cc: run.Manager,
            alsoRecord: new PendingEntry("CoachingClosed", new JsonObject
            {
                ["reviews"] = Texts.Strings(closed.Reviews.Select(Texts.Iso)),
            }));
    }
}
