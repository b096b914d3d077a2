using System.Net;
using System.Net.Http.Headers;

using ReviewFlow.Integrations.Calendar.Graph;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

public sealed class GraphRetryTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void IsRetryable_Status_OnlyThrottlingAndUnavailability(HttpStatusCode status, bool expected) =>
        Assert.Equal(expected, GraphRetry.IsRetryable(status));

    [Fact]
    public void RetryAfterDelay_NoHeader_LeavesTheBackoffToDecide()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(GraphRetry.RetryAfterDelay(response, 0.5));
    }

    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(1, 0.5, 1125)]
    [InlineData(1, 0.999, 1249.75)]
    [InlineData(20, 0.5, 20500)]
    [InlineData(0, 0.9, 0)]
    public void RetryAfterDelay_Seconds_WaitsThemPlusJitterOfAQuarterUpToOneSecond(int seconds, double random, double expectedMs)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), GraphRetry.RetryAfterDelay(response, random));
    }

    [Fact]
    public void RetryAfterDelay_HttpDate_WaitsUntilThenMeasuredFromTheAnswersDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        var now = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero);
        response.Headers.Date = now;
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(8));

        Assert.Equal(TimeSpan.FromSeconds(8), GraphRetry.RetryAfterDelay(response, 0.0));
    }

    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/users/Mark%40Example.test/calendar/getSchedule", "mark@example.test")]
    [InlineData("https://graph.microsoft.com/v1.0/users/mark@example.test/events/AAMk%3D/cancel", "mark@example.test")]
    [InlineData("http://127.0.0.1:5000/v1.0/Users/lee%40example.test/events", "lee@example.test")]
    [InlineData("https://graph.microsoft.com/v1.0/me/events", null)]
    [InlineData("https://graph.microsoft.com/v1.0/users", null)]
    public void MailboxOf_RequestUri_IsTheUnescapedLowerCaseUsersSegment(string uri, string? expected) =>
        Assert.Equal(expected, MailboxConcurrencyHandler.MailboxOf(new Uri(uri)));
}
