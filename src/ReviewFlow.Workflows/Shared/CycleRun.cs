using System.Text.Json.Nodes;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Review;

namespace ReviewFlow.Workflows.Shared;

/// <summary>
/// One execution of a seller's cycle, as the steps see it: the profile, the progress so far, and the few
/// verbs every step needs (journal, email, book, wait with reminders). Lives only inside the orchestrator, so
/// everything here must be deterministic: time comes from the context, I/O goes through activities.
/// </summary>
internal sealed class CycleRun(TaskOrchestrationContext context, CycleProfile profile, CycleProgress progress) : IDisposable
{
    private readonly List<PendingEntry> _noted = [.. progress.Noted];
    private readonly CancellationTokenSource _stopExtraRequests = new();
    private readonly CancellationTokenSource _stopCloseRequest = new();
    private Task<ExtraCheckInRequested>? _extraRequest;
    private Task<CloseRequested>? _closeRequest;

    /// <summary>
    /// Email that could not go out yet (the provider down or throttling past its own retries, another worker
    /// mid-send) is tried again for about an hour; a refusal (a bad address, a bad key) is not retried.
    /// </summary>
    private static readonly TaskOptions EmailRetry = new(new RetryPolicy(6, TimeSpan.FromMinutes(1), 2, TimeSpan.FromMinutes(15))
    {
        Handle = failure => failure.IsCausedBy<EmailSendInProgressException>() || failure.IsCausedBy<SendGridUnavailableException>(),
    });

    public TaskOrchestrationContext Context { get; } = context;

    public CycleProfile Profile { get; } = profile;

    public CycleProgress Progress { get; set; } = progress;

    /// <summary>True once the cycle is closing early: its own waits (emails in working hours) no longer listen for a close.</summary>
    public bool Closing { get; set; }

    /// <summary>During reviews, requests for extra check-ins are answered whenever the cycle is waiting.</summary>
    public bool AnswersExtraCheckIns { get; set; }

    public DateTime Now => Context.CurrentUtcDateTime;

    public Person Seller => Profile.Seller.Person;

    public Person Manager => Profile.Manager.Person;

    public ReviewPolicy Policy => Profile.Policy;

    /// <summary>0 for Define and Agree, then 1 + the period index; the close comes after the last period.</summary>
    public Stamp Stamp => new(Manager.Id, Seller.Id, Now, Progress.Phase == CyclePhase.Define ? 0 : Progress.NextPeriod + 1);

    /// <summary>
    /// The placeholder of a link that lets <paramref name="who"/> take <paramref name="action"/> on this cycle; the
    /// email activity signs it (a nonce and a key are I/O, which an orchestrator must not do).
    /// </summary>
    public string Link(string action, Person who) => ActionLinkMarker.For(Context.InstanceId, action, who.Id);

    /// <summary>The placeholder of a link to this cycle's dashboard page (signed-in readers only).</summary>
    public string DashboardLink() => ActionLinkMarker.Page($"dashboard/cycles/{Uri.EscapeDataString(Context.InstanceId)}");

    /// <summary>The template data every email shares.</summary>
    public JsonObject Model(Person recipient) => new()
    {
        ["recipientName"] = recipient.Name,
        ["sellerName"] = Seller.Name,
        ["managerName"] = Manager.Name,
        ["quarter"] = Profile.Quarter.Label,
    };

    /// <summary>
    /// Notes journal entries now; they are written with the next email or booking (or by <see cref="FlushAsync"/>),
    /// each with the time it was noted. A separate activity per record would cost the cycle a round trip each.
    /// </summary>
    public void Record(params PendingEntry[] entries)
        => _noted.AddRange(entries.Select(e => e with { At = e.At ?? Now }));

    /// <summary>Writes the noted entries now (when no email or booking follows).</summary>
    public Task FlushAsync()
        => _noted.Count == 0 ? Task.CompletedTask : Context.CallActivityAsync(nameof(RecordJournal), new JournalCommand(Stamp, TakeNoted()));

    /// <summary>The noted entries not yet written, handed over (to the next execution or an activity).</summary>
    public IReadOnlyList<PendingEntry> TakeNoted()
    {
        var noted = _noted.ToList();
        _noted.Clear();
        return noted;
    }

    /// <summary>
    /// Sends a templated email once the recipient's working day has begun (METHOD.md rule 5): an answer that
    /// arrives at night is followed up in the morning, not at 3 a.m.
    /// </summary>
    public async Task EmailAsync(string template, Person to, JsonObject model, string? awaitedEvent = null, Person? cc = null, AwaitedAction? action = null, params PendingEntry[] alsoRecord)
    {
        await WaitUntilAsync(Opening(to, Now));
        action ??= awaitedEvent is null ? null : new AwaitedAction(Context.InstanceId, awaitedEvent, to.Id);
        await Context.CallActivityAsync(nameof(SendEmail), new EmailCommand(Message(template, to, model, cc, action), Stamp, alsoRecord, TakeNoted()), EmailRetry);
    }

    /// <summary>
    /// As <see cref="EmailAsync"/>, but only while the attendee's answer to <paramref name="invite"/> is not a decline,
    /// which one activity reads and acts on. False when declined: nothing went out, and what was noted stays noted.
    /// </summary>
    public async Task<bool> EmailUnlessDeclinedAsync(InviteQuery invite, string template, Person to, JsonObject model, AwaitedAction action, params PendingEntry[] alsoRecord)
    {
        await WaitUntilAsync(Opening(to, Now));
        var noted = TakeNoted();
        var email = new EmailCommand(Message(template, to, model, null, action), Stamp, alsoRecord, noted);
        var response = await Context.CallActivityAsync<AttendeeResponse>(nameof(SendEmailUnlessDeclined), new EmailUnlessDeclinedCommand(invite, email), EmailRetry);
        if (response != AttendeeResponse.Declined)
        {
            return true;
        }

        _noted.InsertRange(0, noted);
        return false;
    }

    private static EmailMessage Message(string template, Person to, JsonObject model, Person? cc, AwaitedAction? action) => new(
        template,
        new EmailAddress(to.Email, to.Name),
        cc is null ? [] : [new EmailAddress(cc.Email, cc.Name)],
        model,
        action);

    public async Task<BookedMeeting?> BookAsync(string kind, DateTime windowStart, DateTime windowEnd, PreferredSlot? preferred, TimeSpan length, string subject, string body, params PendingEntry[] alsoRecord)
    {
        var booked = await Context.CallActivityAsync<BookedMeeting?>(
            nameof(BookMeeting),
            new MeetingCommand(Manager, Seller, kind, windowStart, windowEnd, preferred, length, subject, body, Stamp, alsoRecord, TakeNoted()));
        if (booked is not null && Progress.MeetingsAhead is { } ahead)
        {
            // The cycle remembers what it booked, so its close cancels what is still ahead without reading its journal;
            // meetings already started are dropped on the way, which keeps the list to a few entries.
            Progress = Progress with
            {
                MeetingsAhead = [.. ahead.Where(m => m.Start > Now), new MeetingAhead(Manager.Email, booked.EventId, booked.Start)],
            };
        }

        return booked;
    }

    /// <summary>The first moment at or after <paramref name="at"/> inside <paramref name="person"/>'s working hours.</summary>
    public static DateTime Opening(Person person, DateTime at) => person.WorkingHours.NextOpening(at, person.Zone);

    /// <summary>
    /// Waits for <paramref name="eventName"/> until <paramref name="deadline"/>, running each nudge at its time
    /// if the answer has not come by then. Null when the deadline passes first. An answer
    /// <paramref name="problemWith"/> finds fault with is recorded as rejected (with the reason) and the wait
    /// goes on: a bad answer never fails the seller's cycle, and never passes for a good one.
    /// </summary>
    public async Task<T?> AwaitAsync<T>(string eventName, IReadOnlyList<Nudge> nudges, DateTime deadline, Func<T, string?>? problemWith = null)
        where T : class
    {
        var pending = new Queue<Nudge>(nudges.Where(n => n.At < deadline).OrderBy(n => n.At));
        while (true)
        {
            using var stop = new CancellationTokenSource();
            var answer = Context.WaitForExternalEvent<T>(eventName, stop.Token);
            while (!await UntilAsync(pending.Count > 0 ? pending.Peek().At : deadline, answer))
            {
                if (pending.Count == 0)
                {
                    Cancel(stop);
                    return null;
                }

                await pending.Dequeue().Act();
            }

            var received = await answer;
            if (problemWith?.Invoke(received) is not { } problem)
            {
                return received;
            }

            Record(new PendingEntry("AnswerRejected", new JsonObject { ["event"] = eventName, ["problem"] = problem }));
        }
    }

    /// <summary>
    /// Before an execution ends: answers a request for an extra check-in that arrived while the cycle was busy
    /// with something else, then stops listening, so requests arriving later stay buffered for the next
    /// execution (ContinueAsNew carries them) instead of landing on a waiter nobody reads.
    /// </summary>
    public async Task FinishExtraCheckInsAsync()
    {
        while (_extraRequest is { IsCompleted: true } arrived)
        {
            _extraRequest = null;
            await ExtraCheckIns.AnswerAsync(this, await arrived);
        }

        Cancel(_stopExtraRequests);
        _extraRequest = null;
        await StopListeningForCloseAsync();
    }

    /// <summary>
    /// Before ContinueAsNew: a close request that already arrived closes now; otherwise the listener stops, so a
    /// request arriving later stays buffered for the next execution instead of landing on a waiter nobody reads.
    /// </summary>
    public async Task StopListeningForCloseAsync()
    {
        if (_closeRequest is { IsCompleted: true } arrived)
        {
            throw new CycleClosing(await arrived);
        }

        Cancel(_stopCloseRequest);
        _closeRequest = null;
    }

    /// <summary>Waits until <paramref name="at"/>, answering extra check-in requests meanwhile.</summary>
    public Task WaitUntilAsync(DateTime at) => UntilAsync(at, null);

    private async Task<bool> UntilAsync(DateTime at, Task? answer)
    {
        if (answer is null && at <= Now)
        {
            return false; // already there: no timer, no round trip
        }

        using var stopTimer = new CancellationTokenSource();
        var timer = Context.CreateTimer(at, stopTimer.Token);
        while (true)
        {
            var waits = new List<Task>(3) { timer };
            if (answer is not null)
            {
                waits.Add(answer);
            }

            Task<ExtraCheckInRequested>? extra = null;
            if (AnswersExtraCheckIns)
            {
                extra = _extraRequest ??= Context.WaitForExternalEvent<ExtraCheckInRequested>(nameof(ExtraCheckInRequested), _stopExtraRequests.Token);
                waits.Add(extra);
            }

            // A request to close early is heard in every wait, in every phase, until the close itself runs.
            Task<CloseRequested>? close = null;
            if (!Closing)
            {
                close = _closeRequest ??= Context.WaitForExternalEvent<CloseRequested>(nameof(CloseRequested), _stopCloseRequest.Token);
                waits.Add(close);
            }

            var first = await Task.WhenAny(waits);
            if (first == timer)
            {
                return false;
            }

            if (close is not null && first == close)
            {
                Cancel(stopTimer);
                throw new CycleClosing(await close);
            }

            if (first == answer)
            {
                Cancel(stopTimer);
                return true;
            }

            // Two waits can run at once (emails to people in different time zones): only one answers the request.
            if (ReferenceEquals(first, _extraRequest))
            {
                _extraRequest = null;
                await ExtraCheckIns.AnswerAsync(this, await extra!);
            }
        }
    }

    public void Dispose()
    {
        _stopExtraRequests.Dispose();
        _stopCloseRequest.Dispose();
    }

    /// <summary>The message of what <paramref name="attempt"/> throws for a bad answer, or null when it goes through.</summary>
    public static string? ProblemWith(Action attempt)
    {
        try
        {
            attempt();
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static void Cancel(CancellationTokenSource source)
    {
#pragma warning disable CA1849 // CancelAsync runs callbacks on the thread pool, outside the replay: orchestrators cancel synchronously.
        source.Cancel();
#pragma warning restore CA1849
    }
}
