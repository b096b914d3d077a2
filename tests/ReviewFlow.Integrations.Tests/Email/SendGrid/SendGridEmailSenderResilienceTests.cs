using Microsoft.Extensions.Logging;

using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

/// <summary>Retries of 429 and 5xx, immediate failure on other 4xx, and the claim freed after a definite failure.</summary>
public sealed class SendGridEmailSenderResilienceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly SendGridStub _stub = SendGridStub.Start(SendGridHarness.ApiKey);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsAsAskedThenSends()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        _stub.Enqueue(StubAnswer.TooManyRequests(retryAfterSeconds: 1));

        var sent = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        Assert.Equal(2, _stub.Requests.Count);
        Assert.Equal(_stub.Requests[0].Body, _stub.Requests[1].Body);
        Assert.False(sent.AlreadySent);
        Assert.Equal("stub-1", sent.MessageId);
        // The base delay is 10 ms, so a 1 s delay can only come from the Retry-After header.
        var retry = Assert.Single(harness.Logs.Records, r => r.Message.StartsWith("SendGrid attempt failed (429", StringComparison.Ordinal));
        Assert.Contains("retry 1 of 4 in 00:00:01", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TwoServerErrorsThenAccepted_Sends()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        _stub.Enqueue(StubAnswer.Error(500, "Internal server error", field: null), StubAnswer.Error(502, "Bad gateway", field: null));

        var sent = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        Assert.Equal(3, _stub.Requests.Count);
        Assert.False(sent.AlreadySent);
        Assert.Equal(SentLogState.Sent, (await harness.SentLog.GetAsync("k-1", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableEveryTime_FailsAfterMaxRetriesPlusOneAndFreesTheKey()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub, options => options.MaxRetries = 3);
        _stub.Enqueue([.. Enumerable.Repeat(StubAnswer.Error(503, "Service temporarily unavailable", field: null), 4)]);

        var failure = await Assert.ThrowsAsync<SendGridUnavailableException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None));

        Assert.Equal(4, _stub.Requests.Count);
        Assert.Equal(503, failure.StatusCode);
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
        Assert.Contains("all 4 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Service temporarily unavailable", failure.Message, StringComparison.Ordinal);
        Assert.Null(await harness.SentLog.GetAsync("k-1", CancellationToken.None));

        // The engine's retry of the activity sends it once SendGrid is back.
        var sent = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);
        Assert.Equal(5, _stub.Requests.Count);
        Assert.False(sent.AlreadySent);
    }

    [Fact]
    public async Task SendAsync_BadRequest_FailsAfterOneRequestWithSendGridsErrorsAndFreesTheKey()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        _stub.Enqueue(StubAnswer.Error(400, "The from address does not match a verified Sender Identity.", "from"));

        var failure = await Assert.ThrowsAsync<SendGridRejectedException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None));

        Assert.Single(_stub.Requests);
        Assert.Equal(400, failure.StatusCode);
        Assert.Contains("400", failure.Message, StringComparison.Ordinal);
        Assert.Contains("The from address does not match a verified Sender Identity. (field: from)", failure.Message, StringComparison.Ordinal);
        var error = Assert.Single(failure.Errors);
        Assert.Equal("from", error.Field);
        Assert.Null(await harness.SentLog.GetAsync("k-1", CancellationToken.None));

        // Once the sender is fixed, a retry of the activity sends.
        var sent = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);
        Assert.Equal(2, _stub.Requests.Count);
        Assert.False(sent.AlreadySent);
    }

    [Fact]
    public async Task SendAsync_WrongKey_FailsAfterOneRequestWith401AndAHint()
    {
        const string wrongKey = "SG.wrong-key.bm90LXRoZS1yaWdodC1rZXk";
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub, options => options.ApiKey = wrongKey);

        var failure = await Assert.ThrowsAsync<SendGridRejectedException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None));

        Assert.Single(_stub.Requests);
        Assert.Equal(401, failure.StatusCode);
        Assert.Contains("The provided authorization grant is invalid", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Check SendGrid:ApiKey", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Records, r => r.Contains(wrongKey));
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsAsUnavailableAndFreesTheKey()
    {
        await using var harness = await SendGridHarness.CreateAsync(
            azurite, _stub, options => options.ApiBaseUrl = $"http://127.0.0.1:{SendGridStub.FreePort()}");

        var failure = await Assert.ThrowsAsync<SendGridUnavailableException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None));

        Assert.Null(failure.StatusCode);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, harness.Logs.Records.Count(r => r.Level == LogLevel.Warning && r.Message.StartsWith("SendGrid attempt failed (ConnectionError)", StringComparison.Ordinal)));
        Assert.Null(await harness.SentLog.GetAsync("k-1", CancellationToken.None));
    }
}
