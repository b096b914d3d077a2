using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.CustomHandler;

/// <summary>
/// The real service started as the Functions host starts it (FUNCTIONS_CUSTOMHANDLER_PORT set, here to 0 for a free
/// port), on Azurite and a manual clock; and the host's side: receiving queue messages and posting invocations.
/// </summary>
internal sealed class HandlerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly QueueServiceClient _queues;

    private HandlerHost(WebApplication app, string connectionString, string taskHub, FakeTimeProvider clock)
    {
        _app = app;
        _queues = new QueueServiceClient(connectionString);
        TaskHub = taskHub;
        Clock = clock;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public string TaskHub { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public IReadOnlyList<string> Urls => [.. _app.Urls];

    /// <summary>Starts the service in custom-handler mode; <paramref name="register"/> adds test orchestrations before it starts.</summary>
    public static async Task<HandlerHost> StartAsync(Action<DurableTaskRegistry>? register = null, DateTimeOffset? now = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var hub = TaskHubNames.New("h");
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2027, 2, 3, 10, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "0",
            ["ReviewFlow:TaskHub"] = hub,
            ["ReviewFlow:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "reviewflow-handler-tests", hub),
            ["Links:PublicBaseUrl"] = "https://reviewflow.example.test",
            ["Links:SigningKeys:0:Id"] = "k1",
            ["Links:SigningKeys:0:Secret"] = Convert.ToBase64String(new byte[32]),
            ["Logging:LogLevel:Default"] = "Warning",
        };

        // The --urls value is what standalone would use; handler mode must ignore it for the host's port.
        var app = ReviewFlowWebApp.Build(new ServiceStart("http://127.0.0.1:1", azurite.ConnectionString, settings, Clock: clock));
        register?.Invoke(app.Services.GetRequiredService<DurableTaskRegistry>());
        await app.StartAsync();
        return new HandlerHost(app, azurite.ConnectionString, hub, clock);
    }

    public QueueClient Queue(string name) => _queues.GetQueueClient(name);

    /// <summary>The control queue currently holding a message about <paramref name="instanceId"/>, and its function's name.</summary>
    public async Task<(QueueClient Queue, string Function)> ControlQueueHoldingAsync(string instanceId)
    {
        for (var partition = 0; partition < new DurableStorageOptions().ControlQueueCount; partition++)
        {
            var queue = Queue(TaskHubQueueNames.ControlQueue(TaskHub, partition));
            var peeked = (await queue.PeekMessagesAsync(32)).Value;
            if (peeked.Any(m => m.MessageText.Contains(instanceId, StringComparison.Ordinal)))
            {
                return (queue, $"control-{partition:D2}");
            }
        }

        throw new InvalidOperationException($"No control message for {instanceId} on any control queue.");
    }

    /// <summary>Receives one message as the host's queue listener does (hidden while the invocation runs).</summary>
    public static async Task<QueueMessage> ReceiveAsync(QueueClient queue)
    {
        QueueMessage? message = await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(message);
        return message;
    }

    /// <summary>
    /// A queue-trigger invocation body as the host sends it: the message under the binding name (as a JSON string, or
    /// as the JSON value itself), and the metadata with the dequeue count.
    /// </summary>
    public static JsonObject QueueInvocation(QueueMessage message, string functionName, bool messageAsJsonValue = false, long? dequeueCount = null)
    {
        JsonNode text = messageAsJsonValue ? JsonNode.Parse(message.MessageText)! : JsonValue.Create(message.MessageText)!;
        var count = dequeueCount ?? message.DequeueCount;
        return new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = text },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = count,
                ["ExpirationTime"] = message.ExpiresOn?.ToString("O"),
                ["Id"] = message.MessageId,
                ["InsertionTime"] = message.InsertedOn?.ToString("O"),
                ["NextVisibleTime"] = message.NextVisibleOn?.ToString("O"),
                ["PopReceipt"] = message.PopReceipt,
                ["sys"] = new JsonObject
                {
                    ["MethodName"] = functionName,
                    ["UtcNow"] = "2027-02-03T10:00:00.0000000Z",
                    ["RandGuid"] = Guid.NewGuid().ToString(),
                },
            },
        };
    }

    /// <summary>A timer-trigger invocation body as the host sends it.</summary>
    public static JsonObject TimerInvocation(string functionName, bool isPastDue = false) => new()
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject
                {
                    ["Last"] = "2027-02-03T09:59:50.0000000+00:00",
                    ["Next"] = "2027-02-03T10:00:10.0000000+00:00",
                    ["LastUpdated"] = "2027-02-03T09:59:50.0000000+00:00",
                },
                ["IsPastDue"] = isPastDue,
            },
        },
        ["Metadata"] = new JsonObject
        {
            ["sys"] = new JsonObject { ["MethodName"] = functionName, ["UtcNow"] = "2027-02-03T10:00:00.0000000Z", ["RandGuid"] = Guid.NewGuid().ToString() },
        },
    };

    /// <summary>Posts an invocation with the headers the host puts on it.</summary>
    public async Task<HttpResponseMessage> InvokeAsync(string functionName, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.300.0");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.300.0");
        return await Http.SendAsync(request);
    }

    /// <summary>The answer's logs, after checking it has the invocation-result shape.</summary>
    public static async Task<IReadOnlyList<string>> ResultLogsAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.IsType<JsonObject>(body["Outputs"]);
        Assert.True(body.ContainsKey("ReturnValue"));
        Assert.Null(body["ReturnValue"]);
        return [.. body["Logs"]!.AsArray().Select(l => l!.GetValue<string>())];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
