using Microsoft.Extensions.Logging.Abstractions;

using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Tests.Support;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

/// <summary>A <see cref="GraphCalendar"/> (the real Graph SDK) pointed at a <see cref="GraphStub"/>.</summary>
internal static class GraphStubCalendars
{
    public static GraphCalendar Create(GraphStub stub, Action<GraphCalendarOptions>? configure = null)
    {
        var options = new GraphCalendarOptions
        {
            BaseUrl = stub.BaseUrl,
            // Backoff without Retry-After shrinks so retry tests stay fast; Retry-After waits are still honoured.
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        };
        configure?.Invoke(options);
        return new GraphCalendar(options, stub.Credential, NullLogger<GraphCalendar>.Instance);
    }
}
