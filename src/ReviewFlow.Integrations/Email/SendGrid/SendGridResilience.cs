using System.Net;

using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

using Polly;

using ReviewFlow.Integrations.Diagnostics;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// The resilience pipeline on the SendGrid <see cref="HttpClient"/>: a limit on the whole send, retries of 429 and
/// 5xx with exponential backoff and jitter (or the wait SendGrid asks for in <c>Retry-After</c>), and a limit per
/// request. It is the only retry layer: the SDK adds its own retry handler only to clients it creates itself.
/// </summary>
internal static partial class SendGridResilience
{
    /// <summary>Name of the pipeline (and part of its telemetry name).</summary>
    public const string PipelineName = "sendgrid";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, SendGridOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        // SendGrid lives in real time even when a simulation drives the workflows with a virtual clock.
        builder.TimeProvider = TimeProvider.System;
        builder.AddTimeout(options.SendTimeout);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)),
                OnRetry = args =>
                {
                    ThrottlingMetrics.Retried(PipelineName, args.Outcome);
                    LogRetry(logger, Describe(args.Outcome), args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// True for answers worth repeating (429, 5xx) and for connections that never got the request out. A request
    /// that timed out or broke mid-way is not repeated here: SendGrid may have accepted it, so only the sent-log's
    /// lease may decide to send it again.
    /// </summary>
    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsRetryable(response.StatusCode),
        { Exception: HttpRequestException failure } => NothingWasSent(failure),
        _ => false,
    };

    /// <summary>True for 429 Too Many Requests and every 5xx.</summary>
    public static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>True when the connection failed before any byte of the request left, so SendGrid cannot have it.</summary>
    public static bool NothingWasSent(HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? $"{(int)response.StatusCode} {response.StatusCode}"
            : outcome.Exception is HttpRequestException failure ? $"{failure.HttpRequestError}" : outcome.Exception?.GetType().Name ?? "no answer";

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid attempt failed ({Outcome}); retry {Retry} of {MaxRetries} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string outcome, int retry, int maxRetries, TimeSpan delay);
}
