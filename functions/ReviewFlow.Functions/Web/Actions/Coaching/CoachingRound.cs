using System.Globalization;
using System.Text.Json.Nodes;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Actions.Coaching;

/// <summary>
/// The coaching that is open now, from the journal: why it opened, when the conversation is, and what has happened
/// since (reflection in, manager prepared, plan recorded, coaching closed).
/// </summary>
/// <param name="Opened">The latest <c>CoachingOpened</c> entry.</param>
/// <param name="Reason">Why coaching opened, in the cycle's words.</param>
/// <param name="MeetingStart">When the conversation starts, UTC.</param>
/// <param name="MeetingEnd">When it ends, UTC: the notes are for after it (the email's <c>AwaitedAction.NotBefore</c>).</param>
/// <param name="Booked">False when no slot was free and the time is the one DevelopStep falls back to.</param>
internal sealed record CoachingRound(JournalEntry Opened, string Reason, DateTime MeetingStart, DateTime MeetingEnd, bool Booked)
{
    /// <summary>The latest coaching, or null when coaching never opened in this cycle.</summary>
    public static CoachingRound? Latest(ActionContext context)
    {
        var opened = context.Latest("CoachingOpened");
        if (opened is null)
        {
            return null;
        }

        var reason = Text(opened, "reason") ?? "";
        var booked = After(context, opened).LastOrDefault(e => e.Type == "CoachingBooked");
        if (Time(booked, "start") is { } start && Time(booked, "end") is { } end)
        {
            return new CoachingRound(opened, reason, start, end, true);
        }

        // No slot was free: DevelopStep then waits as if the conversation sat at the end of its booking window.
        var policy = context.Cycle.Profile.Policy;
        var fallbackStart = opened.At.Date.AddDays(1 + policy.CoachingWithinDays);
        return new CoachingRound(opened, reason, fallbackStart, fallbackStart + (policy.ReviewLength * 2), false);
    }

    /// <summary>Whether an entry of <paramref name="type"/> came after coaching opened.</summary>
    public bool Has(ActionContext context, string type) => After(context, Opened).Any(e => e.Type == type);

    /// <summary>Whether the manager's prompts (with the reflection) went out: after that the reflection is no longer awaited.</summary>
    public bool PromptsSent(ActionContext context) =>
        After(context, Opened).Any(e => e.Type == "EmailSent" && Text(e, "template") == Integrations.Email.EmailTemplates.CoachingPrompts);

    private static IEnumerable<JournalEntry> After(ActionContext context, JournalEntry since) =>
        context.Journal.SkipWhile(e => !ReferenceEquals(e, since)).Skip(1);

    private static string? Text(JournalEntry? entry, string property) =>
        entry?.Data[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTime? Time(JournalEntry? entry, string property) =>
        Text(entry, property) is { } iso && DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
}
