using Microsoft.AspNetCore.Http;

namespace ReviewFlow.Functions.Web;

/// <summary>
/// Headers every response carries. The pages use no script and no third-party content, so the content security
/// policy can be strict; links carry tokens in their path, so no page may leak its address as a referrer, be
/// framed, or be cached.
/// </summary>
internal static class SecurityHeaders
{
    public static Task Apply(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers.CacheControl = "no-store";
        return next();
    }
}
