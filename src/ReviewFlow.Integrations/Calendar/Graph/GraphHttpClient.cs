using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>
/// Builds the <see cref="HttpClient"/> the Graph SDK sends through: the SDK's default middleware without its retry
/// handler, then <see cref="GraphRetry"/> (the one retry layer), then <see cref="MailboxConcurrencyHandler"/>
/// closest to the wire, so only requests actually on the wire count against a mailbox's limit.
/// </summary>
internal static class GraphHttpClient
{
    public static HttpClient Create(GraphCalendarOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        var handlers = GraphClientFactory.CreateDefaultHandlers(new GraphClientOptions());

        // Two retry layers would multiply the attempts (and ignore our jitter): ours replaces the SDK's.
        foreach (var retry in handlers.OfType<RetryHandler>().ToList())
        {
            handlers.Remove(retry);
            retry.Dispose();
        }

        handlers.Add(new ResilienceHandler(GraphRetry.Build(options, logger)));
        handlers.Add(new MailboxConcurrencyHandler(options.MaxConcurrentRequestsPerMailbox));

        // Connections are recycled so DNS changes on Graph's side are picked up by this long-lived client.
        var transport = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var client = GraphClientFactory.Create(handlers, finalHandler: transport);

        // The resilience pipeline owns the time limits (per attempt, and the retries' waits in between).
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }
}
