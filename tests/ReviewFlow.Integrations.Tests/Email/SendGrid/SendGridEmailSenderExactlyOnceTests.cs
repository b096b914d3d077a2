using Microsoft.Extensions.Logging;

using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

/// <summary>The sent-log: one request to SendGrid per idempotency key, whatever repeats, races or crashes.</summary>
public sealed class SendGridEmailSenderExactlyOnceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    // Guards against a hang if something is broken; never reached when the tests pass.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly SendGridStub _stub = SendGridStub.Start(SendGridHarness.ApiKey);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task SendAsync_SameKeyTwice_PostsOnceAndReportsAlreadySent()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);

        var first = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "cycle/1#task?2", CancellationToken.None);
        harness.Clock.Advance(TimeSpan.FromHours(2));
        var second = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "cycle/1#task?2", CancellationToken.None);

        Assert.Single(_stub.Requests);
        Assert.False(first.AlreadySent);
        Assert.True(second.AlreadySent);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.Subject, second.Subject);
        var row = await harness.SentLog.GetAsync("cycle/1#task?2", CancellationToken.None);
        Assert.Equal(SentLogState.Sent, row!.State);
        Assert.Equal("stub-1", row.MessageId);
    }

    [Fact]
    public async Task SendAsync_SameKeyFromAnotherWorker_PostsNothing()
    {
        await using var first = await SendGridHarness.CreateAsync(azurite, _stub);
        var sent = await first.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        // A different process (new container, new sender, new HttpClient) redelivered the same activity.
        await using var other = await first.NewWorkerAsync();
        var again = await other.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        Assert.Single(_stub.Requests);
        Assert.True(again.AlreadySent);
        Assert.Equal(sent.MessageId, again.MessageId);
    }

    [Fact]
    public async Task SendAsync_DifferentKeys_PostsEach()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);

        var first = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);
        var second = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-2", CancellationToken.None);

        Assert.Equal(2, _stub.Requests.Count);
        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.False(second.AlreadySent);
    }

    [Fact]
    public async Task SendAsync_SameKeyConcurrently_PostsExactlyOnce()
    {
        await using var one = await SendGridHarness.CreateAsync(azurite, _stub);
        await using var two = await one.NewWorkerAsync();
        var senders = new[] { one.Sender, two.Sender };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Sent: await senders[i % 2].SendAsync(SendGridHarness.CheckIn(), "same-key", CancellationToken.None), Busy: false);
            }
            catch (EmailSendInProgressException)
            {
                return (Sent: (SentEmail?)null, Busy: true);
            }
        })));

        // Losers either saw the winner's claim (busy, retried later by the engine) or its finished row.
        Assert.Single(_stub.Requests);
        Assert.Single(outcomes, o => o.Sent is { AlreadySent: false });
        Assert.All(outcomes, o => Assert.True(o.Busy || o.Sent is not null));
    }

    [Fact]
    public async Task SendAsync_WhileAnotherAttemptIsSending_ThrowsInProgressAndPostsNothing()
    {
        await using var one = await SendGridHarness.CreateAsync(azurite, _stub);
        await using var two = await one.NewWorkerAsync();
        var held = _stub.HoldNext();

        var inFlight = one.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);
        await held.Received.WaitAsync(Guard);
        var busy = await Assert.ThrowsAsync<EmailSendInProgressException>(
            () => two.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None));
        held.Release();
        var sent = await inFlight.WaitAsync(Guard);
        var afterwards = await two.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        Assert.Single(_stub.Requests);
        Assert.Equal("k-1", busy.IdempotencyKey);
        Assert.Equal(SendGridHarness.Start + one.Options.ClaimLease, busy.RetryAfter);
        Assert.False(sent.AlreadySent);
        Assert.True(afterwards.AlreadySent);
    }

    [Fact]
    public async Task SendAsync_FreshClaimOfAnotherAttempt_ThrowsRetryableAndPostsNothing()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        await harness.SentLog.TryClaimAsync("k-1", "checkin-request", "Subject", SendGridHarness.Start, CancellationToken.None);
        harness.Clock.Advance(harness.Options.ClaimLease - TimeSpan.FromSeconds(1));

        var busy = await Assert.ThrowsAsync<EmailSendInProgressException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None));

        Assert.Empty(_stub.Requests);
        Assert.Equal(SendGridHarness.Start, busy.ClaimedAt);
        Assert.Equal(SentLogState.Sending, (await harness.SentLog.GetAsync("k-1", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task SendAsync_StaleClaimOfADeadAttempt_TakesOverSendsOnceAndWarns()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        // An attempt claimed the key, then its process died before recording anything.
        await harness.SentLog.TryClaimAsync("k-1", "checkin-request", "Subject", SendGridHarness.Start, CancellationToken.None);
        harness.Clock.Advance(harness.Options.ClaimLease);

        var sent = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);
        var again = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        Assert.Single(_stub.Requests);
        Assert.False(sent.AlreadySent);
        Assert.True(again.AlreadySent);
        var warning = Assert.Single(harness.Logs.Records, r => r.Level == LogLevel.Warning && r.Message.Contains("never finished", StringComparison.Ordinal));
        Assert.Contains("k-1", warning.Message, StringComparison.Ordinal);
        Assert.Contains("custom_args.idempotency_key", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileSendGridHoldsTheRequest_KeepsClaimUntilTheLeaseEnds()
    {
        await using var harness = await SendGridHarness.CreateAsync(azurite, _stub);
        var held = _stub.HoldNext();
        using var cancel = new CancellationTokenSource();

        // The request reached SendGrid but the answer never came back: the outcome is unknown.
        var inFlight = harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", cancel.Token);
        await held.Received.WaitAsync(Guard);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inFlight.WaitAsync(Guard));
        held.Release();

        await Assert.ThrowsAsync<EmailSendInProgressException>(
            () => harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None));
        harness.Clock.Advance(harness.Options.ClaimLease);
        var sent = await harness.Sender.SendAsync(SendGridHarness.CheckIn(), "k-1", CancellationToken.None);

        // Both requests carry the key, which is how a rare duplicate is found in SendGrid's activity feed.
        Assert.Equal(2, _stub.Requests.Count);
        Assert.All(_stub.Requests, r => Assert.Equal("k-1", (string?)r.Json["custom_args"]!["idempotency_key"]));
        Assert.False(sent.AlreadySent);
    }
}
