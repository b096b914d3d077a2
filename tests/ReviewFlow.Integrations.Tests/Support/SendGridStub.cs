using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using ReviewFlow.Testing;

namespace ReviewFlow.Integrations.Tests.Support;

/// <summary>
/// A SendGrid v3 mail-send endpoint on 127.0.0.1 for tests. It records every request, checks what SendGrid checks
/// (POST /v3/mail/send, <c>Authorization: Bearer &lt;key&gt;</c>, <c>Content-Type: application/json</c>, a body with
/// from, personalizations and content or a template id) and answers like SendGrid: 202 with an
/// <c>X-Message-Id</c>, or the 4xx SendGrid gives for the broken part. Tests queue other answers (429, 5xx, 400,
/// …) with <see cref="Enqueue"/>, or hold the next answer with <see cref="HoldNext"/> to act while a send is in flight.
/// </summary>
public sealed class SendGridStub : LoopbackHttpStub<RecordedRequest>
{
    private readonly string _apiKey;
    private readonly ConcurrentQueue<StubAnswer> _answers = new();
    private int _accepted;

    private SendGridStub(string apiKey)
    {
        _apiKey = apiKey;
    }

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:53124</c> (what <c>ApiBaseUrl</c> takes).</summary>
    public string BaseUrl => Origin;

    /// <summary>Starts the stub on a free loopback port, accepting <paramref name="apiKey"/> only.</summary>
    public static SendGridStub Start(string apiKey) => new(apiKey);

    /// <summary>A loopback port nothing listens on (for "cannot connect" tests).</summary>
    public static int FreePort() => FreeLoopbackPort();

    /// <summary>Queues answers for the next valid requests; once the queue is empty, requests get 202.</summary>
    public void Enqueue(params StubAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }
    }

    /// <summary>
    /// Holds the answer to the next valid request until <see cref="HeldAnswer.Release"/>; <see cref="HeldAnswer.Received"/>
    /// completes when that request has arrived (and so when the sender has claimed its key).
    /// </summary>
    public HeldAnswer HoldNext(StubAnswer? answer = null)
    {
        var held = new HeldAnswer(answer ?? StubAnswer.Accepted());
        _answers.Enqueue(held.Answer with { Hold = held });
        return held;
    }

    protected override async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body = await ReadBodyAsync(request);
        var headers = request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        Record(new RecordedRequest(request.HttpMethod, request.Url?.AbsolutePath ?? "", headers, body));

        var answer = Check(request.HttpMethod, request.Url?.AbsolutePath, headers, body)
            ?? (_answers.TryDequeue(out var queued) ? queued : StubAnswer.Accepted());
        if (answer.Hold is { } hold)
        {
            hold.MarkReceived();
            await hold.Released.WaitAsync(Stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await WriteAsync(context.Response, answer);
    }

    /// <summary>The answer SendGrid would give to a malformed request; null when the request is fine.</summary>
    private StubAnswer? Check(string method, string? path, Dictionary<string, string> headers, string body)
    {
        if (method != "POST" || path != "/v3/mail/send")
        {
            return StubAnswer.Error(404, $"{method} {path} is not the mail send endpoint", field: null);
        }

        if (!headers.TryGetValue("Authorization", out var auth) || auth != $"Bearer {_apiKey}")
        {
            return StubAnswer.Error(401, "The provided authorization grant is invalid, expired, or revoked", field: null);
        }

        if (!headers.TryGetValue("Content-Type", out var type) || type.Split(';')[0].Trim() != "application/json")
        {
            return StubAnswer.Error(415, "Content-Type should be application/json.", field: null);
        }

        JsonObject? mail;
        try
        {
            mail = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            mail = null;
        }

        if (mail is null)
        {
            return StubAnswer.Error(400, "Bad Request", field: null);
        }

        if (mail["from"]?["email"] is null)
        {
            return StubAnswer.Error(400, "The from object must be provided for every email send.", "from");
        }

        if (mail["personalizations"] is not JsonArray { Count: > 0 } personalizations || personalizations[0]?["to"] is not JsonArray { Count: > 0 })
        {
            return StubAnswer.Error(400, "The personalizations field is required and must have at least one personalization.", "personalizations");
        }

        if (mail["template_id"] is null && mail["content"] is not JsonArray { Count: > 0 })
        {
            return StubAnswer.Error(400, "Unless a valid template_id is provided, the content parameter is required.", "content");
        }

        return null;
    }

    private async Task WriteAsync(HttpListenerResponse response, StubAnswer answer)
    {
        response.StatusCode = answer.Status;
        if (answer.Status == 202)
        {
            response.AddHeader("X-Message-Id", $"stub-{Interlocked.Increment(ref _accepted)}");
        }

        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            response.AddHeader(name, value);
        }

        if (answer.Body is { } text)
        {
            await WriteBodyAsync(response, "application/json", text);
        }

        response.Close();
    }
}

/// <summary>One request the stub received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>An answer the stub gives.</summary>
public sealed record StubAnswer(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    internal HeldAnswer? Hold { get; init; }

    /// <summary>202 Accepted with an <c>X-Message-Id</c> (SendGrid's success).</summary>
    public static StubAnswer Accepted() => new(202);

    /// <summary>429 Too Many Requests with <c>Retry-After</c> in seconds.</summary>
    public static StubAnswer TooManyRequests(int retryAfterSeconds) => new(
        429,
        """{"errors":[{"field":null,"message":"too many requests"}]}""",
        new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>A status with SendGrid's error body holding one error.</summary>
    public static StubAnswer Error(int status, string message, string? field) => new(
        status,
        new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["field"] = field, ["help"] = null }),
        }.ToJsonString());
}

/// <summary>An answer the stub holds back until the test releases it.</summary>
public sealed class HeldAnswer(StubAnswer answer)
{
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal StubAnswer Answer { get; } = answer;

    internal Task Released => _released.Task;

    /// <summary>Completes when the held request has arrived.</summary>
    public Task Received => _received.Task;

    /// <summary>Lets the stub answer.</summary>
    public void Release() => _released.TrySetResult();

    internal void MarkReceived() => _received.TrySetResult();
}
