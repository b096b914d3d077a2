using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Workflows.Close;
using ReviewFlow.Workflows.Cycle;
using Xunit;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>A seller declines the review invitation: the cycle books a new time once and tells both people.</summary>
public sealed class ReviewDeclineTests : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task DeclinedReviewInvite_IsRebookedOnceCancelledAndBothAreTold()
    {
        var cycle = (await _service.StartQuarterAsync("lee")).Single();
        await _service.ActionLinksAsync(EmailTemplates.DefineRequest, "mark@example.test");
        await _service.Client.RaiseEventAsync(cycle, nameof(ExpectationsSubmitted), new ExpectationsSubmitted(new Dictionary<string, double> { ["revenue"] = 120000 }));
        await _service.ActionLinksAsync(EmailTemplates.AgreementProposal, "lee@example.test");
        await _service.Client.RaiseEventAsync(cycle, nameof(TargetsAnswered), new TargetsAnswered(true, null, null));
        var booked = await _service.WaitForAsync(cycle, "ReviewBooked");
        var firstId = booked.Data["eventId"]!.GetValue<string>();
        var firstStart = DateTime.Parse(booked.Data["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var calendar = _service.Services.GetRequiredService<DevCalendar>();
        await calendar.SetAttendeeResponseAsync("mark@example.test", firstId, "lee@example.test", AttendeeResponse.Declined, CancellationToken.None);

        // The answer is read when the check-in is due, a day before the review (inside both working days, so the
        // emails that tell them go out at once).
        _service.Clock.SetUtcNow(new DateTimeOffset(firstStart.AddDays(-1).AddMinutes(1), TimeSpan.Zero));
        var rebooked = await _service.WaitForAsync(cycle, "ReviewRebooked");

        var entries = await _service.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        var bookings = entries.Where(e => e.Type == "ReviewBooked").ToList();
        Assert.Equal(2, bookings.Count);
        var secondId = bookings[1].Data["eventId"]!.GetValue<string>();
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(secondId, rebooked.Data["eventId"]!.GetValue<string>());
        Assert.NotEqual(rebooked.Data["from"]!.GetValue<string>(), rebooked.Data["to"]!.GetValue<string>());
        await _service.ActionLinksAsync(EmailTemplates.ReviewRebooked, "lee@example.test");
        await _service.ActionLinksAsync(EmailTemplates.ReviewRebooked, "mark@example.test");

        var marks = new List<CalendarEvent>();
        await foreach (var e in calendar.ListAsync("mark@example.test", CancellationToken.None))
        {
            marks.Add(e);
        }

        Assert.DoesNotContain(marks, e => e.Id == firstId);
        Assert.Contains(marks, e => e.Id == secondId);

        // The check-in request goes out once, for the new time: the answer was read as it was about to go out for the
        // declined one, and stopped it.
        var secondStart = DateTime.Parse(rebooked.Data["to"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        _service.Clock.SetUtcNow(new DateTimeOffset(secondStart.AddMinutes(-1), TimeSpan.Zero));
        await _service.WaitForAsync(cycle, "CheckInRequested");
        var requested = (await _service.Journal.ReadCycleAsync(cycle, CancellationToken.None)).Where(e => e.Type == "CheckInRequested").ToList();
        Assert.Single(requested);
        Assert.True(requested[0].At >= rebooked.At);

        // Cancelling the cycle (a seller leaving) clears what is still ahead from both calendars.
        var meetings = new CycleMeetings(_service.Journal, calendar);
        Assert.Equal(2, await meetings.CancelFutureAsync(cycle, _service.Clock.GetUtcNow().UtcDateTime, "Lee has left the team.", CancellationToken.None));
        Assert.Empty(await EventsAsync(calendar, "mark@example.test"));
        Assert.Empty(await EventsAsync(calendar, "lee@example.test"));
    }

    private static async Task<List<CalendarEvent>> EventsAsync(DevCalendar calendar, string mailbox)
    {
        var events = new List<CalendarEvent>();
        await foreach (var e in calendar.ListAsync(mailbox, CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }
}
