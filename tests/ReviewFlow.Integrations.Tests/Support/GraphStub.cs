using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

using Azure.Core;

using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Testing;

namespace ReviewFlow.Integrations.Tests.Support;

/// <summary>One request the stub received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path, unescaped (<c>/v1.0/users/mark@example.test/events</c>).</param>
/// <param name="Query">Query string, unescaped, without the '?'.</param>
/// <param name="Mailbox">The <c>/users/{mailbox}</c> segment, lower-case; empty when there is none.</param>
/// <param name="Headers">Request headers (names lower-case).</param>
/// <param name="Body">JSON body, if any.</param>
public sealed record GraphStubRequest(string Method, string Path, string Query, string Mailbox, IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());
}

/// <summary>
/// A Microsoft Graph stand-in on 127.0.0.1 for the real Graph SDK: it serves <c>getSchedule</c>, event create (with
/// Graph's <c>transactionId</c> de-duplication), event read and cancel; checks the bearer token, the paths and the
/// JSON bodies (a request it cannot accept gets a 400 and is listed in
/// <see cref="LoopbackHttpStub{TRequest}.Problems"/>); records every request; answers with Graph's real property
/// names and shapes; and can fail, throttle or hold requests.
/// </summary>
public sealed class GraphStub : LoopbackHttpStub<GraphStubRequest>
{
    /// <summary>The only bearer token the stub accepts.</summary>
    public const string Token = "stub-graph-token-7f3a";

    private const string ItemNotFound = "The specified object was not found in the store.";

    private readonly Queue<(HttpStatusCode Status, string? RetryAfter, string Code, string Message)> _failures = new();
    private readonly Dictionary<string, JsonObject> _schedules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonObject> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _eventOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _transactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cancelComments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _maxInFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Mailbox, int Count, TaskCompletionSource Reached)> _inFlightWaiters = [];
    private readonly Dictionary<string, SemaphoreSlim> _holds = new(StringComparer.OrdinalIgnoreCase);
    private int _nextEventNumber;

    private GraphStub()
    {
    }

    /// <summary>The Graph endpoint to configure (<c>http://127.0.0.1:{port}/v1.0</c>).</summary>
    public string BaseUrl => Origin + "/v1.0";

    /// <summary>A credential that always hands out <see cref="Token"/> (the stub cannot issue Entra tokens).</summary>
    public TokenCredential Credential { get; } = new GraphDevelopmentTokenCredential(Token);

    /// <summary>Events in the stub's calendars, by id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Events
    {
        get
        {
            lock (Gate)
            {
                return new Dictionary<string, JsonObject>(_events);
            }
        }
    }

    /// <summary>Comments of the cancelled events, by id.</summary>
    public IReadOnlyDictionary<string, string> CancelComments
    {
        get
        {
            lock (Gate)
            {
                return new Dictionary<string, string>(_cancelComments);
            }
        }
    }

    /// <summary>Starts a stub on a free loopback port.</summary>
    public static GraphStub Start() => new();

    /// <summary>The requests to <paramref name="mailbox"/>'s paths.</summary>
    public IReadOnlyList<GraphStubRequest> RequestsFor(string mailbox) =>
        [.. Requests.Where(r => r.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// What <c>getSchedule</c> answers for <paramref name="address"/>: a <c>scheduleInformation</c> object (the stub
    /// adds <c>scheduleId</c>). Addresses without one are free, with Outlook's default working hours.
    /// </summary>
    public void SetSchedule(string address, JsonObject scheduleInformation)
    {
        lock (Gate)
        {
            _schedules[address] = scheduleInformation;
        }
    }

    /// <summary>Records an attendee's answer on an event (<c>accepted</c>, <c>declined</c>, …), as Outlook would.</summary>
    public void SetAttendeeResponse(string eventId, string attendee, string response)
    {
        lock (Gate)
        {
            var match = ((JsonArray)_events[eventId]["attendees"]!)
                .Single(a => string.Equals((string?)a!["emailAddress"]!["address"], attendee, StringComparison.OrdinalIgnoreCase))!;
            match["status"] = new JsonObject { ["response"] = response, ["time"] = "2027-01-04T10:15:00Z" };
        }
    }

    /// <summary>The next <paramref name="times"/> requests fail with this status and Graph error.</summary>
    public void FailNext(HttpStatusCode status, string code, string message, string? retryAfter = null, int times = 1)
    {
        lock (Gate)
        {
            for (int i = 0; i < times; i++)
            {
                _failures.Enqueue((status, retryAfter, code, message));
            }
        }
    }

    /// <summary>Requests to <paramref name="mailbox"/> wait, once received, until <see cref="ReleaseAll"/>.</summary>
    public void Hold(string mailbox)
    {
        lock (Gate)
        {
            _holds[mailbox] = new SemaphoreSlim(0);
        }
    }

    /// <summary>Lets every held request (and every later one) of <paramref name="mailbox"/> through.</summary>
    public void ReleaseAll(string mailbox)
    {
        SemaphoreSlim? hold;
        lock (Gate)
        {
            _holds.Remove(mailbox, out hold);
        }

        hold?.Release(int.MaxValue / 2);
    }

    /// <summary>Requests of <paramref name="mailbox"/> being served right now.</summary>
    public int InFlight(string mailbox)
    {
        lock (Gate)
        {
            return _inFlight.GetValueOrDefault(mailbox);
        }
    }

    /// <summary>The most requests of <paramref name="mailbox"/> ever served at once.</summary>
    public int MaxInFlight(string mailbox)
    {
        lock (Gate)
        {
            return _maxInFlight.GetValueOrDefault(mailbox);
        }
    }

    /// <summary>Completes when <paramref name="count"/> requests of <paramref name="mailbox"/> are in flight at once.</summary>
    public Task WaitForInFlightAsync(string mailbox, int count)
    {
        lock (Gate)
        {
            if (_inFlight.GetValueOrDefault(mailbox) >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _inFlightWaiters.Add((mailbox, count, reached));
            return reached.Task;
        }
    }

    protected override void OnStopping()
    {
        lock (Gate)
        {
            foreach (var hold in _holds.Values)
            {
                hold.Release(int.MaxValue / 2);
            }
        }
    }

    protected override async Task ServeAsync(HttpListenerContext context)
    {
        var request = await RecordAsync(context.Request);
        var (status, body, headers) = await AnswerAsync(request);
        context.Response.StatusCode = (int)status;
        foreach (var (name, value) in headers)
        {
            context.Response.AddHeader(name, value);
        }

        if (body is not null)
        {
            await WriteBodyAsync(context.Response, GraphWire.JsonContentType, body.ToJsonString());
        }

        context.Response.Close();
    }

    private async Task<GraphStubRequest> RecordAsync(HttpListenerRequest raw)
    {
        if (!GraphWire.TryParseBody(await ReadBodyAsync(raw), out var body))
        {
            Problem($"{raw.HttpMethod} {raw.Url?.AbsolutePath}: body is not JSON.");
        }

        string path = Uri.UnescapeDataString(raw.Url!.AbsolutePath);
        string mailbox = GraphWire.MailboxOf(path);
        var headers = raw.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => raw.Headers[k] ?? "");
        var request = new GraphStubRequest(raw.HttpMethod, path, Uri.UnescapeDataString(raw.Url.Query.TrimStart('?')), mailbox, headers, body);
        Record(request);
        return request;
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body, List<(string, string)> Headers)> AnswerAsync(GraphStubRequest request)
    {
        if (request.Header("Authorization") != "Bearer " + Token)
        {
            Problem($"{request.Method} {request.Path}: missing or wrong bearer token.");
            return Error(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token is empty.");
        }

        SemaphoreSlim? hold;
        lock (Gate)
        {
            int now = _inFlight[request.Mailbox] = _inFlight.GetValueOrDefault(request.Mailbox) + 1;
            _maxInFlight[request.Mailbox] = Math.Max(now, _maxInFlight.GetValueOrDefault(request.Mailbox));
            foreach (var waiter in _inFlightWaiters.Where(w => w.Count <= now && w.Mailbox.Equals(request.Mailbox, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                _inFlightWaiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }

            hold = _holds.GetValueOrDefault(request.Mailbox);
        }

        try
        {
            if (hold is not null)
            {
                await hold.WaitAsync(Stopping);
            }

            lock (Gate)
            {
                if (_failures.TryDequeue(out var failure))
                {
                    var (status, body, headers) = Error(failure.Status, failure.Code, failure.Message);
                    if (failure.RetryAfter is not null)
                    {
                        headers.Add(("Retry-After", failure.RetryAfter));
                    }

                    return (status, body, headers);
                }

                return Route(request);
            }
        }
        finally
        {
            lock (Gate)
            {
                _inFlight[request.Mailbox]--;
            }
        }
    }

    // Called under the lock.
    private (HttpStatusCode, JsonObject?, List<(string, string)>) Route(GraphStubRequest request)
    {
        if (GraphWire.UserRoute(request.Path, request.Mailbox) is not { } route)
        {
            return Reject(request, "the path is not /v1.0/users/{address}/…");
        }

        return (request.Method, route) switch
        {
            ("POST", ["calendar", "getSchedule"]) => GetSchedule(request),
            ("POST", ["events"]) => CreateEvent(request),
            ("GET", ["events", var id]) => GetEvent(request, id),
            ("POST", ["events", var id, "cancel"]) => Cancel(request, id),
            _ => Reject(request, "no such endpoint in the stub"),
        };
    }

    private (HttpStatusCode, JsonObject?, List<(string, string)>) GetSchedule(GraphStubRequest request)
    {
        if (request.Body is not JsonObject body
            || body["schedules"] is not JsonArray { Count: > 0 and <= 100 } schedules
            || !GraphWire.TryReadUtc(body["startTime"], out var start)
            || !GraphWire.TryReadUtc(body["endTime"], out var end)
            || end <= start
            || body["availabilityViewInterval"]?.GetValue<int>() is not int interval
            || interval is < 5 or > 1440)
        {
            return Reject(request, "getSchedule needs 1-100 schedules, UTC startTime before endTime and an availabilityViewInterval of 5-1440");
        }

        int slots = (int)Math.Ceiling((end - start).TotalMinutes / interval);
        var value = new JsonArray();
        foreach (var address in schedules.Select(s => (string)s!))
        {
            var information = _schedules.TryGetValue(address, out var configured)
                ? (JsonObject)configured.DeepClone()
                : new JsonObject
                {
                    ["availabilityView"] = new string('0', slots),
                    ["scheduleItems"] = new JsonArray(),
                    ["workingHours"] = OutlookDefaultWorkingHours(),
                };
            information.Insert(0, "scheduleId", address);
            value.Add(information);
        }

        return Ok(new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
            ["value"] = value,
        });
    }

    private (HttpStatusCode, JsonObject?, List<(string, string)>) CreateEvent(GraphStubRequest request)
    {
        if (request.Body is not JsonObject body
            || body["subject"]?.GetValue<string>() is not { } subject
            || body["body"] is not JsonObject { } content
            || (string?)content["contentType"] != "html"
            || !GraphWire.TryReadUtc(body["start"], out _)
            || !GraphWire.TryReadUtc(body["end"], out _)
            || body["attendees"] is not JsonArray attendees
            || attendees.Any(a => (string?)a?["type"] != "required" || a?["emailAddress"]?["address"]?.GetValue<string>() is not { Length: > 0 })
            || body["transactionId"]?.GetValue<string>() is not { Length: > 0 } transactionId)
        {
            return Reject(request, "an event needs subject, an html body, UTC start and end, required attendees and a transactionId");
        }

        // Graph's de-duplication: a known transactionId gets the event it already created, not a new one.
        string key = request.Mailbox + "|" + transactionId;
        if (_transactions.TryGetValue(key, out var existingId) && _events.TryGetValue(existingId, out var existing))
        {
            return (HttpStatusCode.Created, (JsonObject)existing.DeepClone(), []);
        }

        string id = "AAMkAGI2TG93AAA=" + (++_nextEventNumber).ToString("D4", CultureInfo.InvariantCulture);
        bool online = body["isOnlineMeeting"]?.GetValue<bool>() == true;
        var created = new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{request.Mailbox}')/events/$entity",
            ["@odata.etag"] = "W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"",
            ["id"] = id,
            ["createdDateTime"] = "2027-01-04T09:30:00.0000000Z",
            ["lastModifiedDateTime"] = "2027-01-04T09:30:00.0000000Z",
            ["transactionId"] = transactionId,
            ["subject"] = subject,
            ["bodyPreview"] = "",
            ["body"] = content.DeepClone(),
            ["start"] = body["start"]!.DeepClone(),
            ["end"] = body["end"]!.DeepClone(),
            ["isOnlineMeeting"] = online,
            ["onlineMeetingProvider"] = online ? "teamsForBusiness" : "unknown",
            ["onlineMeeting"] = online ? new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_stub" } : null,
            ["responseStatus"] = new JsonObject { ["response"] = "organizer", ["time"] = "0001-01-01T00:00:00Z" },
            ["attendees"] = new JsonArray([.. attendees.Select(a => (JsonNode)new JsonObject
            {
                ["type"] = "required",
                ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
                ["emailAddress"] = new JsonObject { ["name"] = (string?)a!["emailAddress"]!["address"], ["address"] = (string?)a["emailAddress"]!["address"] },
            })]),
            ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = request.Mailbox, ["address"] = request.Mailbox } },
        };
        _events[id] = created;
        _eventOwners[id] = request.Mailbox;
        _transactions[key] = id;
        return (HttpStatusCode.Created, (JsonObject)created.DeepClone(), []);
    }

    private (HttpStatusCode, JsonObject?, List<(string, string)>) GetEvent(GraphStubRequest request, string id)
    {
        if (!request.Query.Contains("$select=attendees", StringComparison.Ordinal))
        {
            return Reject(request, "reading answers should $select=attendees");
        }

        if (!_events.TryGetValue(id, out var found) || _eventOwners[id] != request.Mailbox)
        {
            return Error(HttpStatusCode.NotFound, "ErrorItemNotFound", ItemNotFound);
        }

        return Ok(new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{request.Mailbox}')/events(attendees)/$entity",
            ["@odata.etag"] = "W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"",
            ["id"] = id,
            ["attendees"] = found["attendees"]!.DeepClone(),
        });
    }

    private (HttpStatusCode, JsonObject?, List<(string, string)>) Cancel(GraphStubRequest request, string id)
    {
        if (request.Body is not JsonObject body || body["comment"]?.GetValue<string>() is not { } comment)
        {
            return Reject(request, "cancel needs a comment");
        }

        if (!_events.ContainsKey(id) || _eventOwners[id] != request.Mailbox)
        {
            return Error(HttpStatusCode.NotFound, "ErrorItemNotFound", ItemNotFound);
        }

        // Outlook moves a cancelled meeting to Deleted Items: it is gone from the calendar.
        _events.Remove(id);
        _cancelComments[id] = comment;
        return (HttpStatusCode.Accepted, null, []);
    }

    private static JsonObject OutlookDefaultWorkingHours() => new()
    {
        ["daysOfWeek"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday"),
        ["startTime"] = "08:00:00.0000000",
        ["endTime"] = "17:00:00.0000000",
        ["timeZone"] = new JsonObject { ["name"] = "UTC" },
    };

    private (HttpStatusCode, JsonObject?, List<(string, string)>) Reject(GraphStubRequest request, string why)
    {
        string problem = $"{request.Method} {request.Path}: {why}. Body: {request.Body?.ToJsonString() ?? "none"}";
        Problem(problem);
        return Error(HttpStatusCode.BadRequest, "StubRejectedRequest", problem);
    }

    private static (HttpStatusCode, JsonObject?, List<(string, string)>) Ok(JsonObject body) => (HttpStatusCode.OK, body, []);

    // Graph's error shape, with the request-id and date Graph adds in innerError.
    private static (HttpStatusCode, JsonObject?, List<(string, string)>) Error(HttpStatusCode status, string code, string message) => (status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = "2027-01-04T09:30:00",
                ["request-id"] = "6f0d3e0a-54d6-4b0e-9c55-4a0f2f5e7c11",
                ["client-request-id"] = "6f0d3e0a-54d6-4b0e-9c55-4a0f2f5e7c11",
            },
        },
    }, []);
}
