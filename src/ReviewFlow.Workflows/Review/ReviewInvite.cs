using System.Text.Json.Nodes;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Review;

/// <summary>
/// When the seller declined the review invitation (read as the check-in request was about to go out): book a new time
/// once, cancel the declined one, and tell both people. A second decline is left to the two of them: ReviewFlow does
/// not chase.
/// </summary>
internal static class ReviewInvite
{
    /// <summary>The new meeting, or the declined one when no other time is free (recorded as such).</summary>
    public static async Task<BookedMeeting> RebookAsync(CycleRun run, BookedMeeting meeting, int week, string subject, string body)
    {
        // The declined event still blocks the manager's calendar, so the new time is a different one.
        var rebooked = await run.BookAsync("review", run.Now, meeting.Start.AddDays(7), null, run.Policy.ReviewLength, subject, body);
        if (rebooked is null)
        {
            run.Record(new PendingEntry("ReviewDeclined", new JsonObject { ["start"] = Texts.Iso(meeting.Start), ["kept"] = true }));
            return meeting;
        }

        await run.Context.CallActivityAsync<bool>(
            nameof(CancelMeeting),
            new CancelCommand(run.Manager.Email, meeting.EventId, $"{run.Seller.Name} could not make this time; ReviewFlow booked a new one."));
        run.Record(new PendingEntry("ReviewRebooked", new JsonObject
        {
            ["from"] = Texts.Iso(meeting.Start),
            ["to"] = Texts.Iso(rebooked.Start),
            ["eventId"] = rebooked.EventId,
        }));
        await Task.WhenAll(
            Tell(run, run.Seller, meeting, rebooked, week),
            Tell(run, run.Manager, meeting, rebooked, week));
        return rebooked;
    }

    private static Task Tell(CycleRun run, Domain.People.Person person, BookedMeeting was, BookedMeeting now, int week)
    {
        var model = run.Model(person);
        model["week"] = week;
        model["oldStart"] = Texts.LocalTime(was.Start, person);
        model["newStart"] = Texts.LocalTime(now.Start, person);
        return run.EmailAsync(EmailTemplates.ReviewRebooked, person, model);
    }
}
