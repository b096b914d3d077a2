using Azure.Core;

using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Authentication.Azure;

using ReviewFlow.Integrations.Storage;

using TimeRange = ReviewFlow.Domain.Scheduling.TimeRange;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>
/// The calendar on Outlook through Microsoft Graph (SDK v6), signed in as the app (application permission
/// <c>Calendars.ReadWrite</c>): free/busy and working hours with <c>getSchedule</c>, events created in the
/// organiser's calendar with the attendees invited, their answers read back, and cancellation.
/// </summary>
/// <remarks>
/// <para>
/// Free/busy is asked through the calendar of the first address of each call (the organiser, in
/// <c>BookMeeting</c>), at most 100 addresses and 31 days per request; longer lists and windows are split and the
/// answers joined in the order asked. Graph's <c>findMeetingTimes</c> would find slots itself, but it works only
/// with delegated (signed-in user) permissions.
/// </para>
/// <para>
/// Unlike the dev calendar, Graph cannot refuse a meeting that overlaps another: there is no atomic "book only if
/// free". Two workers booking the same manager at the same moment can both see the slot free and both book it.
/// </para>
/// </remarks>
public sealed class GraphCalendar : ICalendar, IDisposable
{
    /// <summary>Addresses per <c>getSchedule</c> request (Graph's limit).</summary>
    internal const int MaxSchedulesPerRequest = 100;

    /// <summary>Minutes per slot of the <c>availabilityView</c> Graph returns beside the items: the slot finder's step.</summary>
    internal const int AvailabilityViewIntervalMinutes = 15;

    /// <summary>Longest window per <c>getSchedule</c> request; Exchange refuses long free/busy windows.</summary>
    internal static readonly TimeSpan MaxScheduleWindow = TimeSpan.FromDays(31);

    // Times in answers come back in UTC whatever the mailbox's zone (the default, made explicit).
    private const string PreferHeader = "Prefer";
    private const string PreferUtc = "outlook.timezone=\"UTC\"";

    private readonly GraphCalendarOptions _options;
    private readonly HttpClient _http;
    private readonly GraphServiceClient _client;

    /// <summary>Creates the calendar with the credential the options select (see <see cref="GraphCredentialFactory"/>).</summary>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public GraphCalendar(GraphCalendarOptions options, ILogger<GraphCalendar> logger)
        : this(options, GraphCredentialFactory.Create(options ?? throw new ArgumentNullException(nameof(options))), logger)
    {
    }

    /// <summary>Creates the calendar with a credential of the caller's choosing (the options' credential settings are ignored).</summary>
    /// <exception cref="InvalidOperationException">The endpoint or limits in the options are invalid.</exception>
    public GraphCalendar(GraphCalendarOptions options, TokenCredential credential, ILogger<GraphCalendar> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate(requireCredential: false);
        _options = options;

        var baseUri = new Uri(options.BaseUrl.TrimEnd('/'));

        // The token goes to the configured Graph host only, never to a host a redirect points at.
        var authentication = new AzureIdentityAuthenticationProvider(credential, [baseUri.Host], null, true, ScopeFor(baseUri));
        _http = GraphHttpClient.Create(options, logger);
        _client = new GraphServiceClient(_http, authentication, baseUri.ToString().TrimEnd('/'));
    }

    /// <inheritdoc />
    /// <remarks>See the class remarks for how requests are split, and <see cref="GraphScheduleMapper"/> for what counts as busy.</remarks>
    /// <exception cref="GraphCalendarException">Graph refused the request, or reported an error for one of the addresses.</exception>
    public async Task<IReadOnlyList<MailboxSchedule>> GetSchedulesAsync(
        IReadOnlyList<string> emails, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        fromUtc = UtcTimes.Require(fromUtc, nameof(fromUtc));
        toUtc = UtcTimes.Require(toUtc, nameof(toUtc));
        var addresses = emails.Select(Address).ToList();
        if (addresses.Count == 0)
        {
            return [];
        }

        if (toUtc <= fromUtc)
        {
            return [.. emails.Select(e => new MailboxSchedule(e, [], null, null))];
        }

        string askedThrough = addresses[0];
        var distinct = addresses.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var requests = distinct.Chunk(MaxSchedulesPerRequest)
            .SelectMany(chunk => Windows(fromUtc, toUtc).Select(window => FetchSchedulesAsync(askedThrough, chunk, window.Start, window.End, cancellationToken)));
        var answers = (await Task.WhenAll(requests).ConfigureAwait(false)).SelectMany(a => a);

        // Windows of one address are joined: busy blocks from all of them, working hours from the first that has some.
        var joined = answers
            .GroupBy(s => s.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => new MailboxSchedule(
                    g.Key,
                    [.. g.SelectMany(s => s.Busy).Distinct().OrderBy(r => r.Start).ThenBy(r => r.End)],
                    g.Select(s => s.WorkingHours).FirstOrDefault(h => h is not null),
                    g.Select(s => s.WorkingHoursZone).FirstOrDefault(z => z is not null)),
                StringComparer.OrdinalIgnoreCase);
        return [.. emails.Select((email, i) => joined[addresses[i]] with { Email = email })];
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>POST /users/{organiser}/events</c> with a <c>transactionId</c> derived from the key: Graph answers a repeat
    /// with the event it already created, so a create retried after a crash or a lost answer never duplicates the
    /// meeting; the returned times are the first create's. Graph's event id is returned.
    /// </remarks>
    /// <exception cref="GraphCalendarException">Graph refused the request.</exception>
    public async Task<CalendarEvent> CreateEventAsync(NewCalendarEvent meeting, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ArgumentNullException.ThrowIfNull(meeting.AttendeeEmails);
        string organizer = Address(meeting.OrganizerEmail);
        var start = UtcTimes.Require(meeting.StartUtc, nameof(meeting));
        var end = UtcTimes.Require(meeting.EndUtc, nameof(meeting));
        if (end <= start)
        {
            throw new ArgumentException($"Meeting '{meeting.Subject}' ends before it starts.", nameof(meeting));
        }

        var request = GraphEventBuilder.Build(meeting with { AttendeeEmails = [.. meeting.AttendeeEmails.Select(Address)] }, idempotencyKey, _options.CreateOnlineMeeting);
        var created = await CallAsync(
            "create an event",
            organizer,
            () => _client.Users[organizer].Events.PostAsync(request, c => c.Headers.Add(PreferHeader, PreferUtc), cancellationToken)).ConfigureAwait(false);
        if (created?.Id is not { Length: > 0 } id)
        {
            throw new GraphCalendarException("create an event", organizer, 0, null, "the answer has no event id", null);
        }

        var attendees = created.Attendees?.Select(a => a.EmailAddress?.Address).OfType<string>().Where(a => a.Length > 0).ToList();
        return new CalendarEvent(
            id,
            organizer,
            attendees is { Count: > 0 } ? attendees : request.Attendees!.Select(a => a.EmailAddress!.Address!).ToList(),
            created.Subject ?? meeting.Subject,
            created.Start is { } createdStart ? GraphTimeZones.ToUtc(createdStart) : start,
            created.End is { } createdEnd ? GraphTimeZones.ToUtc(createdEnd) : end,
            meeting.Kind);
    }

    /// <summary>
    /// Blocks [<paramref name="range"/>) in <paramref name="email"/>'s own calendar with an event shown as busy and
    /// no attendees, so free/busy (<c>getSchedule</c>) reports the time as taken and nobody receives an invitation.
    /// The <c>transactionId</c> comes from <paramref name="idempotencyKey"/>, so a repeat adds nothing. Simulations use it
    /// to put a scenario's busy times where the adapter reads them, as <see cref="DevCalendar.AddBusyAsync"/> does in
    /// the dev calendar.
    /// </summary>
    /// <returns>Graph's event id.</returns>
    /// <exception cref="GraphCalendarException">Graph refused the request.</exception>
    public async Task<string> AddBusyAsync(string email, TimeRange range, string subject, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        string mailbox = Address(email);
        var (start, end) = UtcTimes.Require(range, $"Busy block for {mailbox}", nameof(range));

        var request = GraphEventBuilder.BuildBusy(subject, start, end, idempotencyKey);
        var created = await CallAsync(
            "block busy time",
            mailbox,
            () => _client.Users[mailbox].Events.PostAsync(request, c => c.Headers.Add(PreferHeader, PreferUtc), cancellationToken)).ConfigureAwait(false);
        return created?.Id is { Length: > 0 } id
            ? id
            : throw new GraphCalendarException("block busy time", mailbox, 0, null, "the answer has no event id", null);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>GET /users/{organiser}/events/{id}?$select=attendees</c>: <c>accepted</c>, <c>tentativelyAccepted</c> and
    /// <c>declined</c> map to themselves, <c>none</c> and <c>notResponded</c> to <see cref="AttendeeResponse.None"/>;
    /// an address that is not among the attendees (the organiser removed it) also answers None.
    /// </remarks>
    /// <exception cref="CalendarEventNotFoundException">The event is not in the organiser's calendar (404).</exception>
    /// <exception cref="GraphCalendarException">Graph refused the request.</exception>
    public async Task<AttendeeResponse> GetAttendeeResponseAsync(
        string organizerEmail, string eventId, string attendeeEmail, CancellationToken cancellationToken)
    {
        string organizer = Address(organizerEmail);
        string attendee = Address(attendeeEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        Event? graphEvent;
        try
        {
            graphEvent = await CallAsync(
                "read the attendees' answers",
                organizer,
                () => _client.Users[organizer].Events[eventId].GetAsync(c => c.QueryParameters.Select = ["attendees"], cancellationToken)).ConfigureAwait(false);
        }
        catch (GraphCalendarException e) when (e.StatusCode == 404)
        {
            throw new CalendarEventNotFoundException(organizer, eventId, e);
        }

        var status = graphEvent?.Attendees?
            .FirstOrDefault(a => string.Equals(a.EmailAddress?.Address?.Trim(), attendee, StringComparison.OrdinalIgnoreCase))?
            .Status?.Response;
        return ToAttendeeResponse(status);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>POST /users/{organiser}/events/{id}/cancel</c> with the comment, which Outlook puts in the cancellation it
    /// sends the attendees. A 404 (already cancelled or deleted) is success.
    /// </remarks>
    /// <exception cref="GraphCalendarException">Graph refused the request (other than 404).</exception>
    public async Task CancelEventAsync(string organizerEmail, string eventId, string comment, CancellationToken cancellationToken)
    {
        string organizer = Address(organizerEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentNullException.ThrowIfNull(comment);
        try
        {
            await CallAsync(
                "cancel an event",
                organizer,
                async () =>
                {
                    await _client.Users[organizer].Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = comment }, null, cancellationToken).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
        }
        catch (GraphCalendarException e) when (e.StatusCode == 404)
        {
            // Already gone: what the caller wanted.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    /// <summary>Graph's answer status as an <see cref="AttendeeResponse"/>; the organiser attends their own meeting.</summary>
    internal static AttendeeResponse ToAttendeeResponse(ResponseType? response) => response switch
    {
        ResponseType.Accepted or ResponseType.Organizer => AttendeeResponse.Accepted,
        ResponseType.TentativelyAccepted => AttendeeResponse.TentativelyAccepted,
        ResponseType.Declined => AttendeeResponse.Declined,
        _ => AttendeeResponse.None,
    };

    /// <summary>Consecutive windows of at most <see cref="MaxScheduleWindow"/> covering [from, to).</summary>
    internal static IEnumerable<(DateTime Start, DateTime End)> Windows(DateTime fromUtc, DateTime toUtc)
    {
        for (var start = fromUtc; start < toUtc; start += MaxScheduleWindow)
        {
            yield return (start, toUtc - start > MaxScheduleWindow ? start + MaxScheduleWindow : toUtc);
        }
    }

    private async Task<IEnumerable<MailboxSchedule>> FetchSchedulesAsync(
        string askedThrough, string[] addresses, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var body = new GetSchedulePostRequestBody
        {
            Schedules = [.. addresses],
            StartTime = GraphTimeZones.ToGraph(fromUtc),
            EndTime = GraphTimeZones.ToGraph(toUtc),
            AvailabilityViewInterval = AvailabilityViewIntervalMinutes,
        };
        var answer = await CallAsync(
            "read free/busy schedules",
            askedThrough,
            () => _client.Users[askedThrough].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(
                body, c => c.Headers.Add(PreferHeader, PreferUtc), cancellationToken)).ConfigureAwait(false);
        var values = answer?.Value ?? [];
        var byId = values
            .Where(v => !string.IsNullOrWhiteSpace(v.ScheduleId))
            .GroupBy(v => v.ScheduleId!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return addresses.Select((address, i) =>
        {
            // Graph answers one entry per address, in order; the id is checked first in case it ever reorders.
            var information = byId.GetValueOrDefault(address) ?? (values.Count == addresses.Length ? values[i] : null)
                ?? throw new GraphCalendarException("read the free/busy schedule", address, 0, null, "Graph's answer has no schedule for this address", null);
            return GraphScheduleMapper.Map(address, askedThrough, information, fromUtc, toUtc, AvailabilityViewIntervalMinutes);
        }).ToList();
    }

    // Every SDK failure becomes a GraphCalendarException naming the operation, the mailbox and Graph's own words.
    private static async Task<T> CallAsync<T>(string operation, string mailbox, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ODataError e)
        {
            throw new GraphCalendarException(operation, mailbox, e.ResponseStatusCode, e.Error?.Code, e.Error?.Message, e);
        }
        catch (ApiException e)
        {
            throw new GraphCalendarException(operation, mailbox, e.ResponseStatusCode, null, e.Message, e);
        }
    }

    private static string Address(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        string trimmed = email.Trim();
        return trimmed.Contains('@', StringComparison.Ordinal)
            ? trimmed
            : throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
    }

    // The app-only scope of the Graph instance in use (national clouds have their own hosts); a local stub stands in for the global one.
    private static string ScopeFor(Uri baseUri) =>
        baseUri.IsLoopback ? "https://graph.microsoft.com/.default" : $"https://{baseUri.Host}/.default";
}
