using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>
/// Local development (<c>serve</c> on the embedded Azurite) with no key configured: a fresh RevOps key for this run,
/// printed once to the console so signing in locally is one step. It dies with the process, like the embedded storage.
/// </summary>
internal sealed class LocalSignInKey(ApiKeyOptions key) : IHostedService
{
    public static ApiKeyOptions Generate() => new()
    {
        Key = Base64Url(RandomNumberGenerator.GetBytes(32)),
        Name = "local-revops",
        Role = ViewerClaims.RevOpsRole,
    };

    // The console, not the log: logs may be shipped somewhere, and a key must never be logged.
    public Task StartAsync(CancellationToken cancellationToken) =>
        Console.Out.WriteLineAsync(
            $"Local sign-in key (RevOps, this run only): {key.Key}{Environment.NewLine}" +
            $"  Browser: open /signin and paste it. API: send it as the {ApiKeyHandler.HeaderName} header.");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
