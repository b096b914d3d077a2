using Azure.Data.Tables;

using MimeKit;

using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email;

public sealed class DevOutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly EmailAddress Priya = new("Priya@Example.test", "Priya Shah");
    private static readonly EmailAddress Mark = new("mark@example.test", "Mark");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SendAsync_NewKey_WritesEmlThatParsesBackWithHeadersAndBothParts()
    {
        var clock = DevAdapters.Clock();
        var options = DevAdapters.Options(_directory.Path);
        var outbox = await DevAdapters.OutboxAsync(azurite, options, clock);
        var action = new AwaitedAction("cycle-priya", "CheckInSubmitted", "priya", [3, 4]);

        var sent = await outbox.SendAsync(CheckIn(action), "cycle-priya:1:7", CancellationToken.None);

        string file = Assert.Single(Directory.GetFiles(_directory.Path));
        var mime = await MimeMessage.LoadAsync(file);
        Assert.False(sent.AlreadySent);
        Assert.Equal("Your 2-minute check-in for weeks 3–4", sent.Subject);
        Assert.Equal(sent.Subject, mime.Subject);
        Assert.Equal(sent.MessageId, mime.MessageId);
        Assert.Equal("priya@example.test", Assert.Single(mime.To.Mailboxes).Address, ignoreCase: true);
        Assert.Equal("Priya Shah", mime.To.Mailboxes.Single().Name);
        Assert.Equal(Mark.Email, Assert.Single(mime.Cc.Mailboxes).Address);
        Assert.Equal(options.From.Email, Assert.Single(mime.From.Mailboxes).Address);
        Assert.Equal(DevAdapters.Start, mime.Date);
        Assert.Equal("cycle-priya:1:7", mime.Headers["X-ReviewFlow-Idempotency-Key"]);
        Assert.Equal("cycle-priya", mime.Headers["X-ReviewFlow-Instance"]);
        Assert.Equal("CheckInSubmitted", mime.Headers["X-ReviewFlow-Event"]);
        var body = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Contains("how did weeks 3–4 go?", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("Share your check-in</a>", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(2, body.Count);
    }

    [Fact]
    public async Task SendAsync_NoAction_HasNoInstanceHeaders()
    {
        var outbox = await DevAdapters.OutboxAsync(azurite, DevAdapters.Options(_directory.Path), DevAdapters.Clock());

        await outbox.SendAsync(CheckIn(action: null), "k-1", CancellationToken.None);

        var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_directory.Path)));
        Assert.Null(mime.Headers["X-ReviewFlow-Instance"]);
        Assert.Null(mime.Headers["X-ReviewFlow-Event"]);
    }

    [Fact]
    public async Task SendAsync_FileName_HasTimeTemplateLocalPartAndKeyHash()
    {
        var outbox = await DevAdapters.OutboxAsync(azurite, DevAdapters.Options(_directory.Path), DevAdapters.Clock());

        await outbox.SendAsync(CheckIn(action: null), "k-1", CancellationToken.None);

        string name = Path.GetFileName(Assert.Single(Directory.GetFiles(_directory.Path)));
        Assert.Matches("^20270104T0930-checkin-request-priya-[0-9a-f]{8}\\.eml$", name);
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_WritesOneFileAndOneRowAndReportsAlreadySent()
    {
        var clock = DevAdapters.Clock();
        var options = DevAdapters.Options(_directory.Path);
        var outbox = await DevAdapters.OutboxAsync(azurite, options, clock);

        var first = await outbox.SendAsync(CheckIn(action: null), "cycle/1#task?2", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));
        var second = await outbox.SendAsync(CheckIn(action: null), "cycle/1#task?2", CancellationToken.None);

        Assert.False(first.AlreadySent);
        Assert.True(second.AlreadySent);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.Subject, second.Subject);
        Assert.Single(Directory.GetFiles(_directory.Path));
        var rows = new TableServiceClient(azurite.ConnectionString).GetTableClient(options.OutboxTableName).QueryAsync<TableEntity>();
        Assert.Equal(1, await rows.CountAsync());
    }

    [Fact]
    public async Task SendAsync_SameKeyTwiceInTheSameMinute_KeepsTheFileTheIndexNames()
    {
        // Same minute, same file name: the redelivery must not delete the file the first send indexed.
        var options = DevAdapters.Options(_directory.Path);
        var outbox = await DevAdapters.OutboxAsync(azurite, options, DevAdapters.Clock());

        await outbox.SendAsync(CheckIn(action: null), "same-minute", CancellationToken.None);
        var second = await outbox.SendAsync(CheckIn(action: null), "same-minute", CancellationToken.None);

        Assert.True(second.AlreadySent);
        var record = Assert.Single(await outbox.ListAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(record.File, Assert.Single(Directory.GetFiles(_directory.Path)));
    }

    [Fact]
    public async Task SendAsync_SameKeyConcurrently_SendsExactlyOnce()
    {
        var options = DevAdapters.Options(_directory.Path);
        var outbox = await DevAdapters.OutboxAsync(azurite, options, DevAdapters.Clock());

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => outbox.SendAsync(CheckIn(action: null), "same-key", CancellationToken.None))));

        Assert.Single(results, r => !r.AlreadySent);
        Assert.Single(Directory.GetFiles(_directory.Path));
        Assert.Equal(1, await outbox.ListAsync(CancellationToken.None).CountAsync());
    }

    [Fact]
    public async Task SendAsync_DifferentKeys_WritesTwoFiles()
    {
        var outbox = await DevAdapters.OutboxAsync(azurite, DevAdapters.Options(_directory.Path), DevAdapters.Clock());

        var first = await outbox.SendAsync(CheckIn(action: null), "k-1", CancellationToken.None);
        var second = await outbox.SendAsync(CheckIn(action: null), "k-2", CancellationToken.None);

        Assert.Equal(2, Directory.GetFiles(_directory.Path).Length);
        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.False(second.AlreadySent);
    }

    [Fact]
    public async Task SendAsync_ModelMissingAValue_ThrowsAndWritesNothing()
    {
        var options = DevAdapters.Options(_directory.Path);
        var outbox = await DevAdapters.OutboxAsync(azurite, options, DevAdapters.Clock());
        var model = TemplateModels.Sample(EmailTemplates.CheckInRequest);
        model.Remove("reviewAt");

        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.SendAsync(
            new EmailMessage(EmailTemplates.CheckInRequest, Priya, [], model), "k-1", CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_directory.Path));
        Assert.Equal(0, await outbox.ListAsync(CancellationToken.None).CountAsync());
    }

    [Fact]
    public async Task ListAsync_AfterSends_ReturnsRecordsInTimeOrder()
    {
        var clock = DevAdapters.Clock();
        var options = DevAdapters.Options(_directory.Path);
        var outbox = await DevAdapters.OutboxAsync(azurite, options, clock);
        var reminder = TemplateModels.Sample(EmailTemplates.Reminder);

        // Sent to Priya last but Mark's partition sorts first, so order must come from time, not keys.
        await outbox.SendAsync(new EmailMessage(EmailTemplates.Reminder, Mark, [], reminder), "k-mark", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await outbox.SendAsync(CheckIn(new AwaitedAction("cycle-priya", "CheckInSubmitted", "priya")), "k-priya", CancellationToken.None);

        var records = await outbox.ListAsync(CancellationToken.None).ToListAsync();

        Assert.Collection(
            records,
            r =>
            {
                Assert.Equal(EmailTemplates.Reminder, r.Template);
                Assert.Equal(Mark.Email, r.To);
                Assert.Null(r.InstanceId);
                Assert.True(File.Exists(r.File));
            },
            r =>
            {
                Assert.Equal(EmailTemplates.CheckInRequest, r.Template);
                Assert.Equal(DevAdapters.Start.UtcDateTime.AddMinutes(5), r.At);
                Assert.Equal([Mark.Email], r.Cc);
                Assert.Equal("cycle-priya", r.InstanceId);
                Assert.Equal("CheckInSubmitted", r.EventName);
                Assert.Equal("Your 2-minute check-in for weeks 3–4", r.Subject);
            });
    }

    private static EmailMessage CheckIn(AwaitedAction? action) =>
        new(EmailTemplates.CheckInRequest, Priya, [Mark], TemplateModels.Sample(EmailTemplates.CheckInRequest), action);
}
