using System.Diagnostics;
using ReviewFlow.Functions.Hosting.Telemetry;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.Telemetry;

public sealed class TelemetryRedactionTests
{
    [Fact]
    public void RedactOutgoing_GraphPathNamesAMailbox_ReplacesItInTheUrlTags()
    {
        using var span = new Activity("POST");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.microsoft.com/v1.0/users/priya%40contoso.com/calendar/events?$top=5");

        TelemetryRedaction.RedactOutgoing(span, request);

        Assert.Equal("https://graph.microsoft.com/v1.0/users/{mailbox}/calendar/events", span.GetTagItem("url.full"));
        Assert.Equal("/v1.0/users/{mailbox}/calendar/events", span.GetTagItem("url.path"));
    }

    [Fact]
    public void RedactOutgoing_NoMailboxInThePath_KeepsThePathAndDropsTheQuery()
    {
        using var span = new Activity("POST");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.sendgrid.com/v3/mail/send?x=1");

        TelemetryRedaction.RedactOutgoing(span, request);

        Assert.Equal("https://api.sendgrid.com/v3/mail/send", span.GetTagItem("url.full"));
    }
}
