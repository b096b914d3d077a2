using Azure.Data.Tables;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

/// <summary>
/// A <see cref="SendGridEmailSender"/> wired exactly as production wires it (<c>AddReviewFlowSendGrid</c>), pointed at
/// a <see cref="SendGridStub"/> and a fresh sent-log table on Azurite, with every log line recorded.
/// </summary>
public sealed class SendGridHarness : IAsyncDisposable
{
    /// <summary>The key the stub accepts; it must never show up in a log or a message.</summary>
    public const string ApiKey = "SG.harness-key.Q29uZmlkZW50aWFsLWRvLW5vdC1sb2c";

    public static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 30, 0, TimeSpan.Zero);
    public static readonly EmailAddress From = new("reviewflow@acme.example", "ReviewFlow");
    public static readonly EmailAddress Priya = new("priya@acme.example", "Priya Shah");
    public static readonly EmailAddress Mark = new("mark@acme.example", "Mark Evans");

    private readonly ServiceProvider _services;

    private SendGridHarness(ServiceProvider services, SendGridOptions options, FakeTimeProvider clock, RecordingLoggerProvider logs, string connectionString)
    {
        _services = services;
        Options = options;
        Clock = clock;
        Logs = logs;
        ConnectionString = connectionString;
        Sender = services.GetRequiredService<SendGridEmailSender>();
    }

    public SendGridEmailSender Sender { get; }

    public SendGridOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    public RecordingLoggerProvider Logs { get; }

    public string ConnectionString { get; }

    /// <summary>The sent-log table itself, to plant claims and inspect rows.</summary>
    internal SentLog SentLog => new(new TableServiceClient(ConnectionString), Options.SentLogTableName);

    public static Task<SendGridHarness> CreateAsync(AzuriteFixture azurite, SendGridStub stub, Action<SendGridOptions>? configure = null) =>
        CreateAsync(azurite.ConnectionString, new FakeTimeProvider(Start), "sl" + TaskHubNames.New("t"), stub.BaseUrl, configure);

    /// <summary>Another worker: a separate container and sender on the same table, stub and clock.</summary>
    public Task<SendGridHarness> NewWorkerAsync(Action<SendGridOptions>? configure = null) =>
        CreateAsync(ConnectionString, Clock, Options.SentLogTableName, Options.ApiBaseUrl, configure);

    public static EmailMessage CheckIn(AwaitedAction? action = null, IReadOnlyList<EmailAddress>? cc = null) =>
        new(EmailTemplates.CheckInRequest, Priya, cc ?? [Mark], TemplateModels.Sample(EmailTemplates.CheckInRequest), action);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
    }

    private static async Task<SendGridHarness> CreateAsync(
        string connectionString, FakeTimeProvider clock, string tableName, string apiBaseUrl, Action<SendGridOptions>? configure)
    {
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(clock);
        services.AddReviewFlowSendGrid(new TableServiceClient(connectionString), options =>
        {
            options.ApiKey = ApiKey;
            options.From = From;
            options.ApiBaseUrl = apiBaseUrl;
            options.SentLogTableName = tableName;
            // Short backoff keeps retry tests fast; a Retry-After from the stub still wins.
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var harness = new SendGridHarness(provider, provider.GetRequiredService<SendGridOptions>(), clock, logs, connectionString);
        await harness.Sender.EnsureCreatedAsync();
        return harness;
    }
}
