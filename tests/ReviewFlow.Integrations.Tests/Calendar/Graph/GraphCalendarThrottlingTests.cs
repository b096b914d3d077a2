using System.Net;

using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Tests.Support;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

/// <summary>Retries, failures and the per-mailbox concurrency limit of <see cref="GraphCalendar"/> against <see cref="GraphStub"/>.</summary>
public sealed class GraphCalendarThrottlingTests
{
    private const string Mark = "mark@example.test";
    private const string Lee = "lee@example.test";
    private const string Priya = "priya@example.test";
    private const string Sam = "sam@example.test";

    // A guard against a hang, not a timing assertion: every wait below completes at once when the code is right.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static readonly DateTime Day = new(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CreateEventAsync_429WithRetryAfterThenSuccess_RetriesOnceAfterTheWaitAndCreatesTheEvent()
    {
        await using var stub = GraphStub.Start();
        stub.FailNext(HttpStatusCode.TooManyRequests, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", retryAfter: "1");
        using var calendar = GraphStubCalendars.Create(stub);

        var created = await calendar.CreateEventAsync(Review(Mark, Priya), "k-1", CancellationToken.None);

        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(stub.Requests[0].Body!.ToJsonString(), stub.Requests[1].Body!.ToJsonString());
        Assert.Equal(created.Id, Assert.Single(stub.Events).Key);
        Assert.Empty(stub.Problems);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task GetSchedulesAsync_OneTransientFailure_IsRetried(HttpStatusCode status)
    {
        await using var stub = GraphStub.Start();
        stub.FailNext(status, "UnknownError", "The service is temporarily unavailable.");
        using var calendar = GraphStubCalendars.Create(stub);

        var schedules = await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None);

        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal(Mark, Assert.Single(schedules).Email);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task GetSchedulesAsync_Persistent503_FailsAfterMaxRetriesPlusOneRequests(int maxRetries)
    {
        await using var stub = GraphStub.Start();
        stub.FailNext(HttpStatusCode.ServiceUnavailable, "UnknownError", "The service is temporarily unavailable.", times: 50);
        using var calendar = GraphStubCalendars.Create(stub, o => o.MaxRetries = maxRetries);

        var error = await Assert.ThrowsAsync<GraphCalendarException>(() =>
            calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None));

        // Exactly one retry layer: the SDK's own retry handler would multiply this count.
        Assert.Equal(maxRetries + 1, stub.Requests.Count);
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("temporarily unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEventAsync_403_FailsAtOnceWithGraphsCodeAndMessage()
    {
        await using var stub = GraphStub.Start();
        stub.FailNext(HttpStatusCode.Forbidden, "ErrorAccessDenied", "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.", times: 5);
        using var calendar = GraphStubCalendars.Create(stub);

        var error = await Assert.ThrowsAsync<GraphCalendarException>(() =>
            calendar.CreateEventAsync(Review(Mark, Priya), "k-1", CancellationToken.None));

        Assert.Single(stub.Requests);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("ErrorAccessDenied", error.ErrorCode);
        Assert.Equal(Mark, error.Mailbox);
        Assert.Contains("ErrorAccessDenied", error.Message, StringComparison.Ordinal);
        Assert.Contains("Blocked by tenant configured AppOnly AccessPolicy settings", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GraphStub.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAttendeeResponseAsync_TenParallelCallsForOneMailbox_NeverMoreThanFourInFlightAndOtherMailboxesNotBlocked()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);
        var marks = await calendar.CreateEventAsync(Review(Mark, Priya), "k-mark", CancellationToken.None);
        var lees = await calendar.CreateEventAsync(Review(Lee, Sam), "k-lee", CancellationToken.None);
        stub.Hold(Mark);

        var calls = Enumerable.Range(0, 10)
            .Select(_ => calendar.GetAttendeeResponseAsync(Mark, marks.Id, Priya, CancellationToken.None))
            .ToList();
        await stub.WaitForInFlightAsync(Mark, 4).WaitAsync(Guard);

        // Mark's four are stuck at the stub and six wait in the client; Lee's mailbox has its own limit.
        var leeAnswer = await calendar.GetAttendeeResponseAsync(Lee, lees.Id, Sam, CancellationToken.None).WaitAsync(Guard);
        Assert.Equal(AttendeeResponse.None, leeAnswer);
        Assert.Equal(4, stub.InFlight(Mark));
        Assert.Equal(4, stub.RequestsFor(Mark).Count(r => r.Method == "GET"));

        stub.ReleaseAll(Mark);
        var answers = await Task.WhenAll(calls).WaitAsync(Guard);

        Assert.All(answers, a => Assert.Equal(AttendeeResponse.None, a));
        Assert.Equal(10, stub.RequestsFor(Mark).Count(r => r.Method == "GET"));
        Assert.Equal(4, stub.MaxInFlight(Mark));
        Assert.Empty(stub.Problems);
    }

    [Fact]
    public async Task GetAttendeeResponseAsync_LimitOfTwo_IsHonoured()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub, o => o.MaxConcurrentRequestsPerMailbox = 2);
        var marks = await calendar.CreateEventAsync(Review(Mark, Priya), "k-mark", CancellationToken.None);
        stub.Hold(Mark);

        var calls = Enumerable.Range(0, 5)
            .Select(_ => calendar.GetAttendeeResponseAsync("MARK@example.test", marks.Id, Priya, CancellationToken.None))
            .ToList();
        await stub.WaitForInFlightAsync(Mark, 2).WaitAsync(Guard);
        // Another mailbox's round trip, so Mark's waiting calls have had every chance to reach the stub.
        await calendar.GetSchedulesAsync([Lee], Day, Day.AddDays(1), CancellationToken.None).WaitAsync(Guard);

        Assert.Equal(2, stub.RequestsFor(Mark).Count(r => r.Method == "GET"));
        stub.ReleaseAll(Mark);
        await Task.WhenAll(calls).WaitAsync(Guard);
        Assert.Equal(2, stub.MaxInFlight(Mark));
    }

    private static NewCalendarEvent Review(string organizer, string attendee) =>
        new(organizer, [attendee], "Review", "Agenda", Day.AddHours(10), Day.AddHours(10).AddMinutes(20), "review");
}
