using Microsoft.Extensions.Logging;

using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

/// <summary>The API key never reaches a log line (at any level, from any component) or an exception.</summary>
public sealed class SendGridSecretHygieneTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly SendGridStub _stub = SendGridStub.Start(SendGridHarness.ApiKey);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task SendAsync_SuccessRetryAndFailures_NeverLogTheKey()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        _stub.Enqueue(
            StubAnswer.Error(500, "Internal server error", field: null),
            StubAnswer.Accepted(),
            StubAnswer.Error(400, "Invalid email address.", "personalizations.0.to.0.email"));
        // A proxy that echoes the request headers in its error page, the worst case for a leak.
        _stub.Enqueue(StubAnswer.Error(403, $"Forbidden for Authorization: Bearer {SendGridHarness.ApiKey}", field: null));

        await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-ok", CancellationToken.None);
        var rejected = await Assert.ThrowsAsync<SendGridRejectedException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-bad", CancellationToken.None));
        var echoed = await Assert.ThrowsAsync<SendGridRejectedException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-echo", CancellationToken.None));

        var records = harness.Logs.Records;
        // The recorder must really have seen the HTTP pipeline, down to Trace, or the check below proves nothing.
        Assert.Contains(records, r => r.Level == LogLevel.Trace && r.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("Authorization", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("SendGrid attempt failed (500", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Contains(SendGridHarness.ApiKey));
        Assert.DoesNotContain(SendGridHarness.ApiKey, rejected.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SendGridHarness.ApiKey, echoed.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", echoed.Message, StringComparison.Ordinal);
        // The stub did receive the key: it was sent, just never written down.
        Assert.All(_stub.Requests, r => Assert.Equal($"Bearer {SendGridHarness.ApiKey}", r.Headers["Authorization"]));
    }
}
