using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

using ReviewFlow.Testing;

namespace ReviewFlow.Functions.Tests.EndToEnd.Support;

/// <summary>One request the stub received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path, unescaped (<c>/v1.0/users/mark@example.test/events</c>).</param>
/// <param name="Query">Query string, unescaped, without the '?'.</param>
/// <param name="Mailbox">The <c>/users/{mailbox}</c> segment, lower-case; empty when there is none.</param>
/// <param name="Authorized">Whether it carried <c>Authorization: Bearer {the stub's token}</c>.</param>
/// <param name="Body">JSON body, if any.</param>
public sealed record GraphCalendarStubRequest(string Method, string Path, string Query, string Mailbox, bool Authorized, JsonNode? Body);

/// <summary>One event the stub holds (cancelled and deleted ones included, flagged).</summary>
/// <param name="Id">Graph's event id.</param>
/// <param name="Owner">The mailbox whose calendar it was created in (the organiser), lower-case.</param>
/// <param name="TransactionId">The <c>transactionId</c> it was created with.</param>
/// <param name="Subject">Subject.</param>
/// <param name="StartUtc">Start.</param>
/// <param name="EndUtc">End.</param>
/// <param name="ShowAs">How it shows in the owner's free/busy (<c>busy</c> unless the create said otherwise).</param>
/// <param name="Attendees">Each attendee's address (lower-case) and answer (<c>none</c>, <c>accepted</c>, <c>declined</c>, …).</param>
/// <param name="Cancelled">Cancelled (or deleted) by its organiser: gone from every calendar.</param>
/// <param name="CancelComment">The comment of the cancellation, if any.</param>
public sealed record GraphCalendarStubEvent(
    string Id,
    string Owner,
    string TransactionId,
    string Subject,
    DateTime StartUtc,
    DateTime EndUtc,
    string ShowAs,
    IReadOnlyDictionary<string, string> Attendees,
    bool Cancelled,
    string? CancelComment);

/// <summary>
/// A stateful Microsoft Graph calendar on 127.0.0.1, for the real Graph SDK in end-to-end runs: events created with
/// <c>POST /users/{id}/events</c> are kept (a repeated <c>transactionId</c> gets the event already made, as Graph
/// does), <c>POST /users/{id}/calendar/getSchedule</c> answers from them (an organiser's events as they show, an
/// invitation as tentative until accepted, a declined or cancelled one not at all) with each mailbox's working
/// hours, attendees' answers are read with <c>GET /users/{id}/events/{id}</c>, and <c>cancel</c> and <c>DELETE</c>
/// remove an event. Every request must carry the stub's bearer token; anything it cannot accept is answered with
/// Graph's error shape and listed in <see cref="LoopbackHttpStub{TRequest}.Problems"/>.
/// </summary>
public sealed class GraphCalendarStub : LoopbackHttpStub<GraphCalendarStubRequest>
{
    private const string ItemNotFound = "The specified object was not found in the store.";

    private readonly string _token;
    private readonly List<string> _createdTransactionIds = [];
    private readonly Dictionary<string, StoredEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _transactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _workingHours = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _declineFirstInvitation = new(StringComparer.OrdinalIgnoreCase);
    private int _nextEventNumber;

    private GraphCalendarStub(string token)
    {
        _token = token;
    }

    /// <summary>The Graph endpoint to configure (<c>http://127.0.0.1:{port}/v1.0</c>).</summary>
    public string BaseUrl => Origin + "/v1.0";

    /// <summary>The <c>transactionId</c> of every accepted event create, repeats included, in arrival order.</summary>
    public IReadOnlyList<string> CreatedTransactionIds
    {
        get
        {
            lock (Gate)
            {
                return [.. _createdTransactionIds];
            }
        }
    }

    /// <summary>Every event ever created, by id, cancelled ones flagged.</summary>
    public IReadOnlyDictionary<string, GraphCalendarStubEvent> Events
    {
        get
        {
            lock (Gate)
            {
                return _events.ToDictionary(e => e.Key, e => e.Value.Snapshot(), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Starts a stub on a free loopback port that accepts only <paramref name="token"/>.</summary>
    public static GraphCalendarStub Start(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new GraphCalendarStub(token);
    }

    /// <summary>
    /// The working hours <c>getSchedule</c> publishes for <paramref name="address"/> (Outlook's setting); addresses
    /// without any get Outlook's default, 08:00 to 17:00 UTC on weekdays.
    /// </summary>
    public void SetWorkingHours(string address, TimeOnly start, TimeOnly end, IEnumerable<DayOfWeek> days, string timeZone)
    {
        ArgumentNullException.ThrowIfNull(days);
        lock (Gate)
        {
            _workingHours[address] = WorkingHours(start, end, days, timeZone);
        }
    }

    /// <summary>The first invitation <paramref name="attendee"/> receives is declined at once, as if they clicked Decline.</summary>
    public void DeclineFirstInvitation(string attendee)
    {
        lock (Gate)
        {
            _declineFirstInvitation.Add(attendee);
        }
    }

    protected override async Task ServeAsync(HttpListenerContext context)
    {
        var request = await RecordAsync(context.Request);
        (HttpStatusCode status, JsonObject? body) answer;
        lock (Gate)
        {
            answer = request.Authorized
                ? Route(request)
                : Refuse(request, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "missing or wrong bearer token");
        }

        context.Response.StatusCode = (int)answer.status;
        if (answer.body is not null)
        {
            await WriteBodyAsync(context.Response, GraphWire.JsonContentType, answer.body.ToJsonString());
        }

        context.Response.Close();
    }

    private async Task<GraphCalendarStubRequest> RecordAsync(HttpListenerRequest raw)
    {
        if (!GraphWire.TryParseBody(await ReadBodyAsync(raw), out var body))
        {
            Problem($"{raw.HttpMethod} {raw.Url?.AbsolutePath}: the body is not JSON.");
        }

        string path = Uri.UnescapeDataString(raw.Url!.AbsolutePath);
        string mailbox = GraphWire.MailboxOf(path);
        bool authorized = string.Equals(raw.Headers["Authorization"], "Bearer " + _token, StringComparison.Ordinal);
        var request = new GraphCalendarStubRequest(raw.HttpMethod, path, Uri.UnescapeDataString(raw.Url.Query.TrimStart('?')), mailbox, authorized, body);
        Record(request);
        return request;
    }

    // Called under the lock.
    private (HttpStatusCode, JsonObject?) Route(GraphCalendarStubRequest request)
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
            ("DELETE", ["events", var id]) => Delete(request, id),
            _ => Reject(request, "no such endpoint in the stub"),
        };
    }

    private (HttpStatusCode, JsonObject?) GetSchedule(GraphCalendarStubRequest request)
    {
        if (request.Body is not JsonObject body
            || body["schedules"] is not JsonArray { Count: > 0 and <= 100 } schedules
            || !GraphWire.TryReadUtc(body["startTime"], out var from)
            || !GraphWire.TryReadUtc(body["endTime"], out var to)
            || to <= from
            || body["availabilityViewInterval"]?.GetValue<int>() is not int interval
            || interval is < 5 or > 1440)
        {
            return Reject(request, "getSchedule needs 1-100 schedules, UTC startTime before endTime and an availabilityViewInterval of 5-1440");
        }

        var value = new JsonArray();
        foreach (var address in schedules.Select(s => ((string?)s ?? "").Trim().ToLowerInvariant()))
        {
            var items = ItemsOf(address, from, to);
            value.Add(new JsonObject
            {
                ["scheduleId"] = address,
                ["availabilityView"] = AvailabilityView(items, from, to, interval),
                ["scheduleItems"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject
                {
                    ["isPrivate"] = false,
                    ["status"] = i.Status,
                    ["subject"] = i.Event.Subject,
                    ["location"] = "",
                    ["isMeeting"] = i.Event.Attendees.Count > 0,
                    ["isRecurring"] = false,
                    ["isException"] = false,
                    ["isReminderSet"] = false,
                    ["start"] = Time(i.Event.StartUtc),
                    ["end"] = Time(i.Event.EndUtc),
                })]),
                ["workingHours"] = _workingHours.TryGetValue(address, out var hours)
                    ? hours.DeepClone()
                    : WorkingHours(new TimeOnly(8, 0), new TimeOnly(17, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], "UTC"),
            });
        }

        return (HttpStatusCode.OK, new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
            ["value"] = value,
        });
    }

    // What Outlook shows in a mailbox's free/busy: its own events as they show, invitations it has not declined
    // (tentative until accepted, as Outlook places them), nothing cancelled.
    private List<(StoredEvent Event, string Status)> ItemsOf(string address, DateTime from, DateTime to) =>
        [.. _events.Values
            .Where(e => !e.Cancelled && e.StartUtc < to && e.EndUtc > from)
            .Select(e => (Event: e, Status: e.Owner == address ? e.ShowAs
                : e.Attendees.TryGetValue(address, out var response) ? response switch
                {
                    "declined" => null,
                    "accepted" => "busy",
                    _ => "tentative",
                }
                : null))
            .Where(i => i.Status is not null)
            .Select(i => (i.Event, i.Status!))
            .OrderBy(i => i.Event.StartUtc)];

    private (HttpStatusCode, JsonObject?) CreateEvent(GraphCalendarStubRequest request)
    {
        if (request.Body is not JsonObject body
            || body["subject"]?.GetValue<string>() is not { } subject
            || body["body"] is not JsonObject content
            || (string?)content["contentType"] != "html"
            || !GraphWire.TryReadUtc(body["start"], out var start)
            || !GraphWire.TryReadUtc(body["end"], out var end)
            || end <= start
            || body["attendees"] is not JsonArray attendees
            || attendees.Any(a => (string?)a?["type"] != "required" || a?["emailAddress"]?["address"]?.GetValue<string>() is not { Length: > 0 })
            || body["transactionId"]?.GetValue<string>() is not { Length: > 0 } transactionId)
        {
            return Reject(request, "an event needs subject, an html body, UTC start before end, required attendees and a transactionId");
        }

        _createdTransactionIds.Add(transactionId);

        // Graph's de-duplication: a known transactionId gets the event it already created, not a second one.
        string key = request.Mailbox + "|" + transactionId;
        if (_transactions.TryGetValue(key, out var existingId))
        {
            return (HttpStatusCode.Created, EventJson(_events[existingId]));
        }

        var created = new StoredEvent(
            "AAMkAGStubEvent=" + (++_nextEventNumber).ToString("D5", CultureInfo.InvariantCulture),
            request.Mailbox,
            transactionId,
            subject,
            start,
            end,
            (string?)body["showAs"] ?? "busy");
        foreach (var address in attendees.Select(a => a!["emailAddress"]!["address"]!.GetValue<string>().Trim().ToLowerInvariant()))
        {
            created.Attendees[address] = _declineFirstInvitation.Remove(address) ? "declined" : "none";
        }

        _events[created.Id] = created;
        _transactions[key] = created.Id;
        return (HttpStatusCode.Created, EventJson(created));
    }

    private (HttpStatusCode, JsonObject?) GetEvent(GraphCalendarStubRequest request, string id)
    {
        if (!request.Query.Contains("$select=attendees", StringComparison.Ordinal))
        {
            return Reject(request, "reading answers should $select=attendees");
        }

        if (!_events.TryGetValue(id, out var found) || found.Owner != request.Mailbox || found.Cancelled)
        {
            return NotFound();
        }

        return (HttpStatusCode.OK, new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{request.Mailbox}')/events(attendees)/$entity",
            ["id"] = id,
            ["attendees"] = Attendees(found),
        });
    }

    private (HttpStatusCode, JsonObject?) Cancel(GraphCalendarStubRequest request, string id)
    {
        if (request.Body is not JsonObject body || body["comment"]?.GetValue<string>() is not { } comment)
        {
            return Reject(request, "cancel needs a comment");
        }

        if (!_events.TryGetValue(id, out var found) || found.Owner != request.Mailbox || found.Cancelled)
        {
            return NotFound();
        }

        // Outlook moves a cancelled meeting to Deleted Items and sends the attendees the cancellation.
        found.Cancelled = true;
        found.CancelComment = comment;
        return (HttpStatusCode.Accepted, null);
    }

    private (HttpStatusCode, JsonObject?) Delete(GraphCalendarStubRequest request, string id)
    {
        if (!_events.TryGetValue(id, out var found) || found.Owner != request.Mailbox || found.Cancelled)
        {
            return NotFound();
        }

        found.Cancelled = true;
        return (HttpStatusCode.NoContent, null);
    }

    private static JsonObject EventJson(StoredEvent e) => new()
    {
        ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{e.Owner}')/events/$entity",
        ["id"] = e.Id,
        ["transactionId"] = e.TransactionId,
        ["subject"] = e.Subject,
        ["start"] = Time(e.StartUtc),
        ["end"] = Time(e.EndUtc),
        ["showAs"] = e.ShowAs,
        ["isCancelled"] = e.Cancelled,
        ["responseStatus"] = new JsonObject { ["response"] = "organizer", ["time"] = "0001-01-01T00:00:00Z" },
        ["attendees"] = Attendees(e),
        ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = e.Owner, ["address"] = e.Owner } },
    };

    private static JsonArray Attendees(StoredEvent e) => new([.. e.Attendees.Select(a => (JsonNode)new JsonObject
    {
        ["type"] = "required",
        ["status"] = new JsonObject { ["response"] = a.Value, ["time"] = "0001-01-01T00:00:00Z" },
        ["emailAddress"] = new JsonObject { ["name"] = a.Key, ["address"] = a.Key },
    })]);

    private static JsonObject Time(DateTime utc) => new()
    {
        ["dateTime"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };

    private static JsonObject WorkingHours(TimeOnly start, TimeOnly end, IEnumerable<DayOfWeek> days, string timeZone) => new()
    {
        ["daysOfWeek"] = new JsonArray([.. days.Select(d => (JsonNode)d.ToString().ToLowerInvariant())]),
        ["startTime"] = start.ToString("HH:mm:ss'.0000000'", CultureInfo.InvariantCulture),
        ["endTime"] = end.ToString("HH:mm:ss'.0000000'", CultureInfo.InvariantCulture),
        ["timeZone"] = new JsonObject { ["name"] = timeZone },
    };

    // One digit per interval: 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere; the strongest wins.
    private static string AvailabilityView(List<(StoredEvent Event, string Status)> items, DateTime from, DateTime to, int interval)
    {
        var step = TimeSpan.FromMinutes(interval);
        var view = new StringBuilder();
        for (var slot = from; slot < to; slot += step)
        {
            var end = slot + step;
            var digit = items.Where(i => i.Event.StartUtc < end && i.Event.EndUtc > slot)
                .Select(i => i.Status switch { "tentative" => '1', "busy" => '2', "oof" => '3', "workingElsewhere" => '4', _ => '0' })
                .DefaultIfEmpty('0')
                .Max();
            view.Append(digit);
        }

        return view.ToString();
    }

    private (HttpStatusCode, JsonObject?) Reject(GraphCalendarStubRequest request, string why) =>
        Refuse(request, HttpStatusCode.BadRequest, "StubRejectedRequest", why);

    private (HttpStatusCode, JsonObject?) Refuse(GraphCalendarStubRequest request, HttpStatusCode status, string code, string why)
    {
        string problem = $"{request.Method} {request.Path}: {why}.";
        Problem(problem);
        return Error(status, code, problem);
    }

    private static (HttpStatusCode, JsonObject?) NotFound() => Error(HttpStatusCode.NotFound, "ErrorItemNotFound", ItemNotFound);

    private static (HttpStatusCode, JsonObject?) Error(HttpStatusCode status, string code, string message) => (status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject { ["request-id"] = "5c2b8f4e-0d7a-4e55-9a61-3f1c2d4b6e70" },
        },
    });

    private sealed class StoredEvent(string id, string owner, string transactionId, string subject, DateTime startUtc, DateTime endUtc, string showAs)
    {
        public string Id { get; } = id;

        public string Owner { get; } = owner;

        public string TransactionId { get; } = transactionId;

        public string Subject { get; } = subject;

        public DateTime StartUtc { get; } = startUtc;

        public DateTime EndUtc { get; } = endUtc;

        public string ShowAs { get; } = showAs;

        public Dictionary<string, string> Attendees { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool Cancelled { get; set; }

        public string? CancelComment { get; set; }

        public GraphCalendarStubEvent Snapshot() =>
            new(Id, Owner, TransactionId, Subject, StartUtc, EndUtc, ShowAs, new Dictionary<string, string>(Attendees, StringComparer.OrdinalIgnoreCase), Cancelled, CancelComment);
    }
}
