using System.Text.Json.Nodes;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Review;

namespace ReviewFlow.Workflows.Shared;

/// <summary>
/// One execution of a seller's cycle, as the steps see it: the profile, the progress so far, and the few
/// verbs every step needs (journal, email, book, wait with reminders). Lives only inside the orchestrator, so
/// everything here must be deterministic: time comes from the context, I/O goes through activities.
/// </summary>
internal sealed class CycleRun(TaskOrchestrationContext context, CycleProfile profile, CycleProgress progress)
{
    private readonly List<PendingEntry> _noted = [.. progress.Noted];
    private Task<ExtraCheckInRequested>? _extraRequest;

    public TaskOrchestrationContext Context { get; } = context;

    public CycleProfile Profile { get; } = profile;

    public CycleProgress Progress { get; set; } = progress;

    /// <summary>During reviews, requests for extra check-ins are answered whenever the cycle is waiting.</summary>
    public bool AnswersExtraCheckIns { get; init; }

    public DateTime Now => Context.CurrentUtcDateTime;

    public Person Seller => Profile.Seller.Person;

    public Person Manager => Profile.Manager.Person;

    public ReviewPolicy Policy => Profile.Policy;

    /// <summary>0 for Define and Agree, then 1 + the period index; the close comes after the last period.</summary>
    public Stamp Stamp => new(Manager.Id, Seller.Id, Now, Progress.Phase == CyclePhase.Define ? 0 : Progress.NextPeriod + 1);

    public string Link(string action) => $"{Profile.LinkBase.TrimEnd('/')}/act/{Uri.EscapeDataString(Context.InstanceId)}/{action}";

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
        var message = new EmailMessage(
            template,
            new EmailAddress(to.Email, to.Name),
            cc is null ? [] : [new EmailAddress(cc.Email, cc.Name)],
            model,
            action);
        await Context.CallActivityAsync(nameof(SendEmail), new EmailCommand(message, Stamp, alsoRecord, TakeNoted()));
    }

    public Task<BookedMeeting?> BookAsync(string kind, DateTime windowStart, DateTime windowEnd, PreferredSlot? preferred, TimeSpan length, string subject, string body, params PendingEntry[] alsoRecord)
        => Context.CallActivityAsync<BookedMeeting?>(
            nameof(BookMeeting),
            new MeetingCommand(Manager, Seller, kind, windowStart, windowEnd, preferred, length, subject, body, Stamp, alsoRecord, TakeNoted()));

    /// <summary>The first moment at or after <paramref name="at"/> inside <paramref name="person"/>'s working hours.</summary>
    public static DateTime Opening(Person person, DateTime at) => person.WorkingHours.NextOpening(at, person.Zone);

    /// <summary>
    /// Waits for <paramref name="eventName"/> until <paramref name="deadline"/>, running each nudge at its time
    /// if the answer has not come by then. Null when the deadline passes first.
    /// </summary>
    public async Task<T?> AwaitAsync<T>(string eventName, IReadOnlyList<Nudge> nudges, DateTime deadline)
        where T : class
    {
        using var stop = new CancellationTokenSource();
        var answer = Context.WaitForExternalEvent<T>(eventName, stop.Token);
        foreach (var nudge in nudges.Where(n => n.At < deadline).OrderBy(n => n.At))
        {
            if (await UntilAsync(nudge.At, answer))
            {
                return await answer;
            }

            await nudge.Act();
        }

        if (await UntilAsync(deadline, answer))
        {
            return await answer;
        }

        Cancel(stop);
        return null;
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
                extra = _extraRequest ??= Context.WaitForExternalEvent<ExtraCheckInRequested>(nameof(ExtraCheckInRequested));
                waits.Add(extra);
            }

            var first = await Task.WhenAny(waits);
            if (first == timer)
            {
                return false;
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

    private static void Cancel(CancellationTokenSource source)
    {
#pragma warning disable CA1849 // CancelAsync runs callbacks on the thread pool, outside the replay: orchestrators cancel synchronously.
        source.Cancel();
#pragma warning restore CA1849
    }
}
