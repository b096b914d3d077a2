using System.Net;
using System.Net.Http.Headers;

using Microsoft.Extensions.Logging;

using Polly;
using Polly.Retry;
using Polly.Timeout;

using ReviewFlow.Integrations.Diagnostics;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>
/// The only retry layer of the Graph client (the SDK's own retry handler is taken out of the pipeline): 429, 503
/// and 504 are retried, waiting what Graph asks for in <c>Retry-After</c> plus a little jitter (so many workers
/// throttled together do not come back together), or an exponential backoff with jitter when it asks nothing.
/// Connection failures and per-attempt timeouts are retried too: every request the adapter sends is safe to
/// repeat (reads, a create carrying its <c>transactionId</c>, a cancel whose repeat finds the event gone).
/// Every other answer, 4xx included, goes straight back to the caller.
/// </summary>
internal static partial class GraphRetry
{
    // Jitter added to a Retry-After wait: a quarter of it, at most one second.
    private const double RetryAfterJitterShare = 0.25;
    private static readonly TimeSpan MaxRetryAfterJitter = TimeSpan.FromSeconds(1);

    /// <summary>The pipeline: retries around a per-attempt timeout.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(GraphCalendarOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        // Graph lives in real time even when a simulation drives the workflows with a virtual clock.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome.Result, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    // Status and timing only: the request URI names a mailbox, which is personal data.
                    ThrottlingMetrics.Retried("graph", args.Outcome);
                    LogRetry(logger, Describe(args.Outcome), args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>True for 429, 503 and 504, for connection failures and for attempts that timed out.</summary>
    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsRetryable(response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    /// <summary>True for 429 Too Many Requests, 503 Service Unavailable and 504 Gateway Timeout.</summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// The wait the answer asks for in <c>Retry-After</c> (seconds or an HTTP date), plus jitter of up to a quarter
    /// of it (at most a second), scaled by <paramref name="random"/> in [0, 1); null when it asks nothing, so the
    /// exponential backoff applies.
    /// </summary>
    public static TimeSpan? RetryAfterDelay(HttpResponseMessage? response, double random)
    {
        if (response?.Headers.RetryAfter is not RetryConditionHeaderValue retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta
            ?? (retryAfter.Date is { } date && response.Headers.Date is { } now ? date - now : (TimeSpan?)null);
        if (wait is not { } asked)
        {
            return null;
        }

        asked = asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        var jitter = TimeSpan.FromTicks((long)(Math.Min(asked.Ticks * RetryAfterJitterShare, MaxRetryAfterJitter.Ticks) * random));
        return asked + jitter;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.StatusCode}" : outcome.Exception?.GetType().Name ?? "nothing";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph answered {Outcome}; retry {Retry} of {MaxRetries} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string outcome, int retry, int maxRetries, TimeSpan delay);
}
