using System.Net;
using System.Text.RegularExpressions;
using ReviewFlow.Functions.Tests.Web.Api;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Auth;

/// <summary>Captures the process-wide console, so it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console capture";
}

/// <summary>
/// <c>serve</c> on the embedded Azurite with no key configured: a RevOps key for the run, printed once to the
/// console, which signs in; and bad key settings stop the service at start-up without showing the key.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class LocalSignInKeyTests
{
    [Fact]
    public async Task Start_LocalDevelopmentWithoutKeys_PrintsAWorkingRevOpsKeyOnce()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        ApiService service;
        try
        {
            service = await ApiService.StartAsync(new Dictionary<string, string?>(), localDevelopment: true);
        }
        finally
        {
            Console.SetOut(original);
        }

        await using (service)
        {
            var printed = PrintedKey().Matches(captured.ToString());
            var key = Assert.Single(printed).Groups[1].Value;
            using var client = service.Api(key);

            using var response = await client.GetAsync("/api/instances/failed");

            Assert.True(key.Length >= 32);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Start_NotLocalWithoutKeys_PrintsNoKeyAndNothingSignsIn()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        ApiService service;
        try
        {
            service = await ApiService.StartAsync(new Dictionary<string, string?>());
        }
        finally
        {
            Console.SetOut(original);
        }

        await using (service)
        {
            using var client = service.Api("anything-0123456789-abcdefghijklmnopqrstuvw");

            using var response = await client.GetAsync("/api/teams");

            Assert.Empty(PrintedKey().Matches(captured.ToString()));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Start_ShortKey_FailsNamingTheSettingButNotTheKey()
    {
        const string shortKey = "short-secret-17ch";
        var settings = new Dictionary<string, string?>
        {
            ["Auth:ApiKeys:0:Key"] = shortKey,
            ["Auth:ApiKeys:0:Name"] = "ops",
            ["Auth:ApiKeys:0:Role"] = "boss",
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiService.StartAsync(settings));

        Assert.StartsWith("Invalid Auth settings", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys:0:Key must be at least 32 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys:0:Role", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_WithWrongAndRightKeys_NeverLogAKey()
    {
        const string wrongKey = "wrong-key-0123456789-abcdefghijklmnopqrs";
        var settings = ApiService.Keys();
        settings["Logging:LogLevel:Default"] = "Debug";
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            await using (var service = await ApiService.StartAsync(settings))
            {
                using var wrong = service.Api(wrongKey);
                using var right = service.Api(ApiService.RevOpsKey);
                using var browser = service.Browser();
                Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/teams")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/api/teams")).StatusCode);
                var page = await browser.GetStringAsync("/signin");
                var token = System.Net.WebUtility.HtmlDecode(Regex.Match(page, "name=\"__rf_af\" value=\"([^\"]+)\"").Groups[1].Value);
                await browser.PostAsync("/signin", new FormUrlEncodedContent([new("__rf_af", token), new("key", ApiService.MarkKey)]));
            }
        }
        finally
        {
            // Stopping the service flushed its console logger; the output is complete here.
            Console.SetOut(original);
        }

        var output = captured.ToString();
        Assert.Contains("ApiKey", output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiService.RevOpsKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiService.MarkKey, output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Local sign-in key \(RevOps, this run only\): (\S+)")]
    private static partial Regex PrintedKey();
}
