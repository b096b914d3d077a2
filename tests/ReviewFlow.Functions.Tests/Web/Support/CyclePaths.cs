using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReviewFlow.Domain.CheckIns;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Support;

/// <summary>
/// Walks seller cycles on a <see cref="RunningService"/> to the step a page test needs: the answers the page under
/// test does not own are raised as the cycle's events, the clock is moved to the moment the cycle waits for, and every
/// step is awaited in the journal, so nothing depends on timing.
/// </summary>
public static partial class CyclePaths
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The role template every seller starts from: an outcome total and a weekly lead indicator.</summary>
    public static IReadOnlyDictionary<string, double> RoleTemplate { get; } = new Dictionary<string, double> { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10 };

    /// <summary>The default rules, except that coaching opens on the first review below plan: Develop is one review away, not three.</summary>
    public static ReviewPolicy CoachAtFirstGap { get; } = ReviewPolicy.Default with { CoachingBelowCount = 1, CoachingWindow = 1 };

    public static Person Seller(string id) =>
        new(id, char.ToUpperInvariant(id[0]) + id[1..] + " Example", $"{id}@example.test", "Europe/London", WorkingHours.Default);

    public static string CycleId(string sellerId) => CycleIds.ForSeller(RunningService.Quarter.Label, sellerId);

    /// <summary>
    /// Starts one seller's cycle for Mark, as the team's quarter would. Each test starts its own: the team quarter itself
    /// starts once per service (a second start of the same team is a no-op), so tests cannot each call StartQuarterAsync.
    /// </summary>
    public static async Task<string> StartAsync(RunningService service, string sellerId, ReviewPolicy? policy = null, IReadOnlyDictionary<string, double>? template = null)
    {
        var cycleId = CycleId(sellerId);
        var profile = new CycleProfile(RunningService.Quarter, policy ?? ReviewPolicy.Default, RunningService.Mark, new Seller(Seller(sellerId), new DateOnly(2024, 1, 1)), template ?? RoleTemplate);
        await service.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SellerCycleOrchestrator), new CycleInput(profile, CycleProgress.Start), new StartOrchestrationOptions(cycleId));
        return cycleId;
    }

    /// <summary>The manager defines the role template (or <paramref name="targets"/>); returns once the proposal is out.</summary>
    public static async Task DefineAsync(RunningService service, string sellerId, IReadOnlyDictionary<string, double>? targets = null)
    {
        await service.Client.RaiseEventAsync(CycleId(sellerId), nameof(ExpectationsSubmitted), new ExpectationsSubmitted(targets ?? RoleTemplate));
        await EntryAsync(service, sellerId, "AgreementRequested");
    }

    /// <summary>The seller counters the proposal; returns once the counter is on record and its email to the manager is out.</summary>
    public static async Task CounterAsync(RunningService service, string sellerId, IReadOnlyDictionary<string, double> changes, string reason)
    {
        await service.Client.RaiseEventAsync(CycleId(sellerId), nameof(TargetsAnswered), new TargetsAnswered(false, changes, reason));
        await EntryAsync(service, sellerId, "CounterProposed");
    }

    /// <summary>The seller accepts the proposal; returns once the first review is booked.</summary>
    public static async Task AgreeAsync(RunningService service, string sellerId)
    {
        await service.Client.RaiseEventAsync(CycleId(sellerId), nameof(TargetsAnswered), new TargetsAnswered(true, null, null));
        await ReviewStartAsync(service, sellerId, 1);
    }

    /// <summary>Defines and agrees the role template for every seller; returns once each first review is booked.</summary>
    public static async Task ToReviewsAsync(RunningService service, IReadOnlyList<string> sellerIds)
    {
        await Task.WhenAll(sellerIds.Select(id => DefineAsync(service, id)));
        await Task.WhenAll(sellerIds.Select(id => AgreeAsync(service, id)));
    }

    /// <summary>
    /// Moves the clock to each seller's check-in request for their <paramref name="period"/>-th review, one seller at a
    /// time in review order, so no one's reminder or review passes before their check-in is in. Returns the weeks asked.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<int>>> ToCheckInAsync(RunningService service, IReadOnlyList<string> sellerIds, int period)
    {
        var reviews = new List<(string Seller, DateTime At)>();
        foreach (var id in sellerIds)
        {
            reviews.Add((id, await ReviewStartAsync(service, id, period)));
        }

        var weeks = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var (id, at) in reviews.OrderBy(r => r.At))
        {
            AdvanceTo(service, CheckInRequestTime(Seller(id), at, ReviewPolicy.Default));
            weeks[id] = Ints((await EntryAsync(service, id, "CheckInRequested", period)).Data["weeks"]);
        }

        return weeks;
    }

    /// <summary>
    /// Submits each seller's check-in for their <paramref name="period"/>-th review as the cycle's event, then moves the
    /// clock past the last of those reviews; returns once every review is on record.
    /// </summary>
    public static async Task HoldReviewsAsync(RunningService service, IReadOnlyDictionary<string, IReadOnlyList<int>> weeks, int period, Func<int, IReadOnlyDictionary<string, double>> figures)
    {
        foreach (var (id, asked) in weeks)
        {
            var checkIn = new CheckIn([.. asked.Select(w => new WeeklyFigures(w, figures(w)))], "steady", "nothing", "none");
            await service.Client.RaiseEventAsync(CycleId(id), nameof(CheckInSubmitted), new CheckInSubmitted(checkIn));
        }

        var last = DateTime.MinValue;
        foreach (var id in weeks.Keys)
        {
            await EntryAsync(service, id, "CheckInSubmitted", period);
            var at = await ReviewStartAsync(service, id, period);
            last = at > last ? at : last;
        }

        AdvanceTo(service, last);
        foreach (var id in weeks.Keys)
        {
            await EntryAsync(service, id, "ReviewHeld", period);
        }
    }

    /// <summary>Figures well under plan for the role template (a quarter of the revenue, half the conversations).</summary>
    public static IReadOnlyDictionary<string, double> BelowPlan(int week) => new Dictionary<string, double> { ["revenue"] = 1500, ["newConversations"] = 5 };

    /// <summary>Figures on plan for the role template.</summary>
    public static IReadOnlyDictionary<string, double> OnPlan(int week) => new Dictionary<string, double> { ["revenue"] = 7000, ["newConversations"] = 10 };

    /// <summary>The start of the seller's <paramref name="nth"/> review (not extra, not coaching) as booked.</summary>
    public static async Task<DateTime> ReviewStartAsync(RunningService service, string sellerId, int nth) =>
        Time((await EntryAsync(service, sellerId, "ReviewBooked", nth, e => Text(e, "kind") == "review")).Data["start"]);

    /// <summary>Moves the service's clock forward to <paramref name="utc"/> (never back).</summary>
    public static void AdvanceTo(RunningService service, DateTime utc)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        if (at > service.Clock.GetUtcNow())
        {
            service.Clock.SetUtcNow(at);
        }
    }

    /// <summary>When ReviewPeriodStep sends the check-in form: the lead time before the review, at an opening of the seller's day, before the reminder.</summary>
    public static DateTime CheckInRequestTime(Person seller, DateTime reviewAt, ReviewPolicy policy)
    {
        for (var back = policy.CheckInLeadTime; back <= policy.CheckInLeadTime + TimeSpan.FromDays(7); back += TimeSpan.FromDays(1))
        {
            var opening = seller.WorkingHours.NextOpening(reviewAt - back, seller.Zone);
            if (opening < reviewAt - policy.CheckInReminderBefore)
            {
                return opening;
            }
        }

        return reviewAt - policy.CheckInLeadTime;
    }

    /// <summary>Waits for the <paramref name="nth"/> journal entry of <paramref name="type"/> (matching <paramref name="where"/>) in the seller's cycle.</summary>
    public static async Task<JournalEntry> EntryAsync(RunningService service, string sellerId, string type, int nth = 1, Func<JournalEntry, bool>? where = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var entries = await service.Journal.ReadCycleAsync(CycleId(sellerId), CancellationToken.None);
            var found = entries.Where(e => e.Type == type && (where is null || where(e))).ToList();
            if (found.Count >= nth)
            {
                return found[nth - 1];
            }

            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"No {type} #{nth} in {CycleId(sellerId)} within {Patience.TotalSeconds} s; it has: {string.Join(", ", entries.Select(e => e.Type))}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The seller's journal as it is now.</summary>
    public static Task<IReadOnlyList<JournalEntry>> JournalAsync(RunningService service, string sellerId) =>
        service.Journal.ReadCycleAsync(CycleId(sellerId), CancellationToken.None);

    /// <summary>
    /// The /act/… paths in the <paramref name="nth"/> email of <paramref name="template"/> to <paramref name="to"/> that asks
    /// for an answer on the seller's cycle (the manager's emails for different sellers all go to one address).
    /// </summary>
    public static async Task<IReadOnlyList<string>> LinksAsync(RunningService service, string sellerId, string template, string to, int nth = 1)
    {
        var (_, links) = await EmailAsync(service, sellerId, template, to, nth);
        return links;
    }

    /// <summary>The text of that email (or of one copied to the seller) and its /act/… paths.</summary>
    public static async Task<(string Text, IReadOnlyList<string> Links)> EmailAsync(RunningService service, string sellerId, string template, string to, int nth = 1)
    {
        var outbox = service.Services.GetRequiredService<DevOutbox>();
        var cycleId = CycleId(sellerId);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var matching = new List<OutboxRecord>();
            await foreach (var record in outbox.ListAsync(CancellationToken.None))
            {
                // An email that asks for an answer names its cycle; one that does not (the agenda) is known by the seller in copy.
                if (record.Template == template && record.To == to && (record.InstanceId == cycleId || (record.InstanceId is null && record.Cc.Contains(Seller(sellerId).Email))))
                {
                    matching.Add(record);
                }
            }

            if (matching.Count >= nth)
            {
                var text = (await MimeMessage.LoadAsync(matching.OrderBy(r => r.At).ThenBy(r => r.File, StringComparer.Ordinal).ElementAt(nth - 1).File)).TextBody ?? "";
                return (text, [.. ActLink().Matches(text).Select(m => new Uri(m.Value).AbsolutePath).Distinct()]);
            }

            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"No {template} email #{nth} to {to} for {cycleId} within {Patience.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A fresh link (its own nonce) for <paramref name="action"/> on the seller's cycle, as an email would carry.</summary>
    public static string FreshLink(RunningService service, string sellerId, string action, string personId) =>
        "/act/" + service.Token(new ActionGrant(CycleId(sellerId), action, personId, service.Clock.GetUtcNow().UtcDateTime.AddDays(14), Guid.NewGuid().ToString("N")));

    /// <summary>The grant a /act/… path carries, to look up its used-link row.</summary>
    public static ActionGrant Grant(RunningService service, string path)
    {
        var check = service.Signer.Check(path["/act/".Length..]);
        Assert.True(check.IsValid, $"{path} is not a valid link: {check.Problem}");
        return check.Grant!;
    }

    /// <summary>Asserts a refused submission left no trace: the link is unused and the journal has none of <paramref name="effects"/>.</summary>
    public static async Task AssertNothingStoredAsync(RunningService service, string sellerId, string path, params string[] effects)
    {
        Assert.Null(await service.UsedLinks.FindAsync(Grant(service, path), CancellationToken.None));
        var types = (await JournalAsync(service, sellerId)).Select(e => e.Type).ToList();
        Assert.DoesNotContain("AnswerRejected", types);
        foreach (var effect in effects)
        {
            Assert.DoesNotContain(effect, types);
        }
    }

    public static string? Text(JournalEntry entry, string property) =>
        entry.Data[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static DateTime Time(JsonNode? node) =>
        DateTime.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static IReadOnlyList<int> Ints(JsonNode? node) => [.. ((JsonArray)node!).Select(n => n!.GetValue<int>())];

    /// <summary>Numbers stored under <paramref name="property"/> of an entry (targets).</summary>
    public static Dictionary<string, double> Numbers(JournalEntry entry, string property = "targets") =>
        ((JsonObject)entry.Data[property]!).ToDictionary(p => p.Key, p => p.Value!.GetValue<double>(), StringComparer.Ordinal);

    [GeneratedRegex(@"https://reviewflow\.example\.test/act/[A-Za-z0-9_\-\.]+")]
    private static partial Regex ActLink();
}

/// <summary>
/// One open page in a browser: the GET's status and HTML, and its anti-forgery token, so the same page can be posted
/// more than once (a double submit, the back button) the way a person would.
/// </summary>
public sealed partial class PageSession
{
    private readonly HttpClient _client;
    private readonly KeyValuePair<string, string>? _antiforgery;

    private PageSession(HttpClient client, string path, HttpStatusCode status, string html)
    {
        _client = client;
        Path = path;
        Status = status;
        Html = html;
        var token = Antiforgery().Match(html);
        _antiforgery = token.Success ? new(token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value)) : null;
    }

    public string Path { get; }

    public HttpStatusCode Status { get; }

    public string Html { get; }

    public static async Task<PageSession> OpenAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return new PageSession(client, path, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts <paramref name="fields"/> with the page's anti-forgery field.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostAsync(params (string Name, string Value)[] fields)
    {
        Assert.True(_antiforgery is not null, $"{Path} has no form to post: {Html}");
        var all = new List<KeyValuePair<string, string>> { _antiforgery!.Value };
        all.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(all);
        using var response = await _client.PostAsync(Path, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__rf_af)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex Antiforgery();
}

/// <summary>One running service for a test class; walks that several tests share run once.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _once = new(StringComparer.Ordinal);
    private RunningService? _service;

    public RunningService Service => _service ?? throw new InvalidOperationException("The service is not started.");

    /// <summary>Runs <paramref name="walk"/> once for <paramref name="key"/>, whichever test asks first.</summary>
    public Task OnceAsync(string key, Func<RunningService, Task> walk) => _once.GetOrAdd(key, _ => new Lazy<Task>(() => walk(Service))).Value;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
