using System.Diagnostics.Metrics;

using Polly;

namespace ReviewFlow.Integrations.Diagnostics;

/// <summary>
/// The retries of the SendGrid and Graph pipelines (meter <see cref="MeterName"/>, counter
/// <c>reviewflow.throttling.retries</c>), tagged with the service and what was answered: "429" is throttling proper,
/// 5xx an unavailable service, otherwise the kind of connection failure or timeout.
/// </summary>
public static class ThrottlingMetrics
{
    /// <summary>The meter to subscribe to.</summary>
    public const string MeterName = "ReviewFlow.Integrations";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "reviewflow.throttling.retries", "{retry}", "Requests to SendGrid or Microsoft Graph repeated after a throttled or failed answer.");

    /// <summary>Counts one retry of <paramref name="service"/> after <paramref name="outcome"/>.</summary>
    internal static void Retried(string service, Outcome<HttpResponseMessage> outcome)
        => Retries.Add(
            1,
            new KeyValuePair<string, object?>("service", service),
            new KeyValuePair<string, object?>("status", StatusOf(outcome)));

    private static string StatusOf(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Exception: HttpRequestException { HttpRequestError: var error } } when error != HttpRequestError.Unknown => error.ToString(),
        { Exception: { } failure } => failure.GetType().Name,
        _ => "unknown",
    };
}
