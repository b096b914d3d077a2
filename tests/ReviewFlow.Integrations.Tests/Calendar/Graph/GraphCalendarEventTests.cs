using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Tests.Support;

using TimeRange = ReviewFlow.Domain.Scheduling.TimeRange;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

/// <summary>Event creation, attendee answers and cancellation of <see cref="GraphCalendar"/> against <see cref="GraphStub"/>.</summary>
public sealed class GraphCalendarEventTests
{
    private const string Mark = "mark@example.test";
    private const string Priya = "priya@example.test";

    private static readonly DateTime Start = new(2027, 1, 5, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CreateEventAsync_Meeting_PostsSubjectEncodedHtmlAgendaUtcTimesRequiredAttendeesAndTransactionId()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);

        var created = await calendar.CreateEventAsync(Review("Pipeline <Q1> & wins\n\nSecond line"), "cycle-priya:1:7", CancellationToken.None);

        Assert.Empty(stub.Problems);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1.0/users/mark@example.test/events", request.Path);
        var body = request.Body!.AsObject();
        Assert.Equal("Review with Priya", (string?)body["subject"]);
        Assert.Equal("html", (string?)body["body"]!["contentType"]);
        Assert.Equal("<html><body><p>Pipeline &lt;Q1&gt; &amp; wins</p><p>Second line</p></body></html>", (string?)body["body"]!["content"]);
        Assert.Equal("2027-01-05T10:00:00.0000000", (string?)body["start"]!["dateTime"]);
        Assert.Equal("UTC", (string?)body["start"]!["timeZone"]);
        Assert.Equal("2027-01-05T10:20:00.0000000", (string?)body["end"]!["dateTime"]);
        Assert.Equal("UTC", (string?)body["end"]!["timeZone"]);
        var attendee = Assert.Single(body["attendees"]!.AsArray())!;
        Assert.Equal("required", (string?)attendee["type"]);
        Assert.Equal(Priya, (string?)attendee["emailAddress"]!["address"]);
        Assert.Equal(GraphEventBuilder.TransactionId("cycle-priya:1:7"), (string?)body["transactionId"]);
        Assert.False(body.ContainsKey("isOnlineMeeting"));
        Assert.False(body.ContainsKey("onlineMeetingProvider"));
        Assert.Equal(Assert.Single(stub.Events).Key, created.Id);
        Assert.Equal(
            (Mark, "Review with Priya", Start, Start.AddMinutes(20), "review"),
            (created.OrganizerEmail, created.Subject, created.StartUtc, created.EndUtc, created.Kind));
        Assert.Equal([Priya], created.AttendeeEmails);
    }

    [Fact]
    public async Task CreateEventAsync_OnlineMeetingOn_AsksForATeamsMeeting()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub, o => o.CreateOnlineMeeting = true);

        await calendar.CreateEventAsync(Review("Agenda"), "k-online", CancellationToken.None);

        var body = Assert.Single(stub.Requests).Body!.AsObject();
        Assert.True((bool?)body["isOnlineMeeting"]);
        Assert.Equal("teamsForBusiness", (string?)body["onlineMeetingProvider"]);
    }

    [Fact]
    public async Task CreateEventAsync_SameKeyTwice_SendsTheSameTransactionIdAndOneEventExists()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);

        var first = await calendar.CreateEventAsync(Review("Agenda"), "cycle-priya:1:7", CancellationToken.None);
        // A redelivered activity computes another slot; Graph recognises the transaction and keeps the first event.
        var second = await calendar.CreateEventAsync(Review("Agenda") with { StartUtc = Start.AddHours(2), EndUtc = Start.AddHours(2).AddMinutes(20) }, "cycle-priya:1:7", CancellationToken.None);

        Assert.Equal(2, stub.Requests.Count);
        Assert.Single(stub.Requests.Select(r => (string?)r.Body!["transactionId"]).Distinct());
        Assert.Single(stub.Events);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(Start, second.StartUtc);
        Assert.Equal(Start.AddMinutes(20), second.EndUtc);
    }

    [Fact]
    public void TransactionId_DifferentKeys_DifferAndStayShort()
    {
        string a = GraphEventBuilder.TransactionId("cycle-priya:1:7");
        string b = GraphEventBuilder.TransactionId("cycle-priya:1:8");

        Assert.NotEqual(a, b);
        Assert.Equal(a, GraphEventBuilder.TransactionId("cycle-priya:1:7"));
        Assert.True(a.Length <= 64);
    }

    [Theory]
    [InlineData("declined", AttendeeResponse.Declined)]
    [InlineData("accepted", AttendeeResponse.Accepted)]
    [InlineData("tentativelyAccepted", AttendeeResponse.TentativelyAccepted)]
    [InlineData("none", AttendeeResponse.None)]
    [InlineData("notResponded", AttendeeResponse.None)]
    public async Task GetAttendeeResponseAsync_GraphStatus_MapsToTheAnswer(string graphResponse, AttendeeResponse expected)
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);
        var created = await calendar.CreateEventAsync(Review("Agenda"), "k-1", CancellationToken.None);
        stub.SetAttendeeResponse(created.Id, Priya, graphResponse);

        var answer = await calendar.GetAttendeeResponseAsync(Mark, created.Id, "Priya@Example.test", CancellationToken.None);

        Assert.Equal(expected, answer);
        var read = stub.Requests[^1];
        Assert.Equal("GET", read.Method);
        Assert.Equal($"/v1.0/users/mark@example.test/events/{created.Id}", read.Path);
        Assert.Equal("$select=attendees", read.Query);
        Assert.Empty(stub.Problems);
    }

    [Fact]
    public async Task GetAttendeeResponseAsync_AddressNotAmongTheAttendees_ReturnsNone()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);
        var created = await calendar.CreateEventAsync(Review("Agenda"), "k-1", CancellationToken.None);
        stub.SetAttendeeResponse(created.Id, Priya, "declined");

        Assert.Equal(AttendeeResponse.None, await calendar.GetAttendeeResponseAsync(Mark, created.Id, "sam@example.test", CancellationToken.None));
    }

    [Fact]
    public async Task GetAttendeeResponseAsync_UnknownEvent_ThrowsNotFound()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);

        var error = await Assert.ThrowsAsync<CalendarEventNotFoundException>(() =>
            calendar.GetAttendeeResponseAsync(Mark, "AAMkAGI2TG93AAA=9999", Priya, CancellationToken.None));

        Assert.Equal("AAMkAGI2TG93AAA=9999", error.EventId);
        Assert.Equal(404, Assert.IsType<GraphCalendarException>(error.InnerException).StatusCode);
    }

    [Fact]
    public async Task CancelEventAsync_Event_PostsTheCommentToTheOrganisersEvent()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);
        var created = await calendar.CreateEventAsync(Review("Agenda"), "k-1", CancellationToken.None);

        await calendar.CancelEventAsync(Mark, created.Id, "Priya is on leave; we will pick a new time.", CancellationToken.None);

        Assert.Empty(stub.Problems);
        var cancel = stub.Requests[^1];
        Assert.Equal("POST", cancel.Method);
        Assert.Equal($"/v1.0/users/mark@example.test/events/{created.Id}/cancel", cancel.Path);
        Assert.Equal("Priya is on leave; we will pick a new time.", (string?)cancel.Body!["comment"]);
        Assert.Equal("Priya is on leave; we will pick a new time.", stub.CancelComments[created.Id]);
        Assert.Empty(stub.Events);
    }

    [Fact]
    public async Task CancelEventAsync_EventAlreadyGone_IsNotAnError()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);
        var created = await calendar.CreateEventAsync(Review("Agenda"), "k-1", CancellationToken.None);
        await calendar.CancelEventAsync(Mark, created.Id, "Cancelled", CancellationToken.None);

        // The stub answers 404 ErrorItemNotFound now, as Graph does for a cancelled (deleted) meeting.
        await calendar.CancelEventAsync(Mark, created.Id, "Cancelled again", CancellationToken.None);

        Assert.Equal(3, stub.Requests.Count);
        Assert.Equal("Cancelled", stub.CancelComments[created.Id]);
    }

    [Fact]
    public async Task AddBusyAsync_Block_PostsABusyEventWithoutAttendeesInTheOwnersCalendarOnce()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);
        var block = new TimeRange(Start, Start.AddHours(2));

        var first = await calendar.AddBusyAsync(Priya, block, "Busy", "simulation-busy|priya", CancellationToken.None);
        var again = await calendar.AddBusyAsync(Priya, block, "Busy", "simulation-busy|priya", CancellationToken.None);

        Assert.Empty(stub.Problems);
        Assert.Equal(first, again);
        Assert.Equal(first, Assert.Single(stub.Events).Key);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("/v1.0/users/priya@example.test/events", r.Path));
        var body = stub.Requests[0].Body!.AsObject();
        Assert.Equal("Busy", (string?)body["subject"]);
        Assert.Equal("busy", (string?)body["showAs"]);
        Assert.Empty(body["attendees"]!.AsArray());
        Assert.False((bool?)body["isReminderOn"]);
        Assert.Equal("2027-01-05T10:00:00.0000000", (string?)body["start"]!["dateTime"]);
        Assert.Equal("2027-01-05T12:00:00.0000000", (string?)body["end"]!["dateTime"]);
        Assert.Equal(GraphEventBuilder.TransactionId("simulation-busy|priya"), (string?)body["transactionId"]);
    }

    private static NewCalendarEvent Review(string agenda) =>
        new(Mark, [Priya], "Review with Priya", agenda, Start, Start.AddMinutes(20), "review");
}
