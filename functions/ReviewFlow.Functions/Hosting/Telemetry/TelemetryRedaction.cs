using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ReviewFlow.Functions.Hosting.Telemetry;

/// <summary>
/// Keeps personal data and secrets out of HTTP spans: incoming paths carry action-link tokens and instance ids
/// (which embed a seller id), outgoing Graph paths name mailboxes. Query strings are already redacted by the
/// instrumentation; paths are not, so they are replaced here.
/// </summary>
internal static class TelemetryRedaction
{
    private const string PathTag = "url.path";
    private const string FullUrlTag = "url.full";

    /// <summary>An incoming request's path becomes its route template ("/act/{token}"), once routing has run.</summary>
    public static void RedactIncoming(Activity activity, HttpResponse response)
    {
        if (response.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template })
        {
            activity.SetTag(PathTag, template.StartsWith('/') ? template : "/" + template);
        }
    }

    /// <summary>An outgoing request's path segments that hold an address ('@') become "{mailbox}".</summary>
    public static void RedactOutgoing(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return;
        }

        var segments = uri.AbsolutePath.Split('/')
            .Select(s => s.Contains('@', StringComparison.Ordinal) || s.Contains("%40", StringComparison.OrdinalIgnoreCase) ? "{mailbox}" : s);
        var path = string.Join('/', segments);
        activity.SetTag(FullUrlTag, $"{uri.Scheme}://{uri.Authority}{path}");
        activity.SetTag(PathTag, path);
    }
}
