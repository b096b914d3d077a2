using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>A meeting the cycle booked, and what became of it.</summary>
/// <param name="Start">Start, UTC.</param>
/// <param name="End">End, UTC (null when the entry did not say).</param>
/// <param name="Kind">"review", "extra" or "coaching".</param>
/// <param name="MovedTo">When the seller declined and ReviewFlow booked a new time: that time.</param>
/// <param name="Declined">True when the seller declined and the time was kept.</param>
internal sealed record MeetingItem(DateTime Start, DateTime? End, string Kind, DateTime? MovedTo, bool Declined);

/// <summary>
/// One seller's cycle as the dashboard needs it, read from the journal in one pass: names, phase, the reviews held,
/// meetings and the next one, coaching, recognitions, where the targets stand, and what ReviewFlow is waiting for.
/// Feed entries in journal order with <see cref="Add"/>, then <see cref="Complete"/> once.
/// </summary>
internal sealed class CycleFacts(string cycleId)
{
    private readonly OpenWaits _waits = new();
    private readonly List<MeetingItem> _meetings = [];
    private readonly List<ReviewPoint> _reviews = [];
    private bool _agreeing;
    private bool _agreed;

    public string CycleId { get; } = cycleId;

    /// <summary>The manager's id (the journal's team).</summary>
    public string Team { get; private set; } = "";

    public string SellerId { get; private set; } = "";

    public string SellerName { get; private set; } = "";

    public string ManagerName { get; private set; } = "";

    public string? Quarter { get; private set; }

    public string? Cadence { get; private set; }

    public DashboardPhase Phase { get; private set; }

    public CycleEnd End { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public IReadOnlyList<ReviewPoint> Reviews => _reviews;

    public IReadOnlyList<MeetingItem> Meetings => _meetings;

    /// <summary>The first meeting still ahead; none once the cycle has ended.</summary>
    public MeetingItem? NextMeeting { get; private set; }

    public bool CoachingOpen { get; private set; }

    public DateTime? CoachingOpenedAt { get; private set; }

    public DateTime? CoachingClosedAt { get; private set; }

    public int CoachingOpenings { get; private set; }

    public int Recognitions { get; private set; }

    public AgreementStatus Agreement { get; private set; }

    /// <summary>What ReviewFlow is waiting for, oldest first.</summary>
    public IReadOnlyList<PendingAction> Pending { get; private set; } = [];

    /// <summary>How many entries were read (zero: the cycle has started but written nothing yet).</summary>
    public int EntryCount { get; private set; }

    /// <summary>The facts of one cycle's entries (in journal order).</summary>
    public static CycleFacts Of(string cycleId, IEnumerable<JournalEntry> entries, DateTime now)
    {
        var facts = new CycleFacts(cycleId);
        foreach (var entry in entries)
        {
            facts.Add(entry);
        }

        return facts.Complete(now);
    }

    /// <summary>
    /// What is known before the journal is read (from the team's quarter): shown as it is for a cycle that has
    /// written nothing yet, and replaced by the journal's own names once it has.
    /// </summary>
    public CycleFacts Known(string team, string sellerId, string sellerName, string managerName)
    {
        Team = team;
        SellerId = sellerId;
        SellerName = sellerName;
        ManagerName = managerName;
        return this;
    }

    public void Add(JournalEntry entry)
    {
        EntryCount++;
        Team = entry.Team;
        SellerId = entry.Seller ?? SellerId;
        _waits.Apply(entry);
        var data = entry.Data;
        switch (entry.Type)
        {
            case "CycleStarted":
                SellerName = JsonRead.Str(data, "sellerName") ?? SellerName;
                ManagerName = JsonRead.Str(data, "managerName") ?? ManagerName;
                Quarter = JsonRead.Str(data, "quarter") ?? Quarter;
                Cadence = JsonRead.Str(data, "cadence") ?? Cadence;
                break;
            case "ExpectationsDefined" or "AgreementRequested" or "CounterProposed":
                _agreeing = true;
                break;
            case "TargetsAgreed":
                _agreed = true;
                break;
            case "ReviewHeld":
                _reviews.Add(ReviewPoint.From(entry));
                break;
            case "ReviewBooked" when Fmt.ParseIso(JsonRead.Str(data, "start")) is { } start:
                _meetings.Add(new MeetingItem(start, Fmt.ParseIso(JsonRead.Str(data, "end")), JsonRead.Str(data, "kind") ?? "review", null, false));
                break;
            case "ReviewRebooked":
                Mark(Fmt.ParseIso(JsonRead.Str(data, "from")), m => m with { MovedTo = Fmt.ParseIso(JsonRead.Str(data, "to")) });
                break;
            case "ReviewDeclined":
                Mark(Fmt.ParseIso(JsonRead.Str(data, "start")), m => m with { Declined = true });
                break;
            case "CoachingOpened":
                CoachingOpen = true;
                CoachingOpenedAt = entry.At;
                CoachingClosedAt = null;
                CoachingOpenings++;
                break;
            case "CoachingClosed":
                CoachingOpen = false;
                CoachingClosedAt = entry.At;
                break;
            case "RecognitionSent":
                Recognitions++;
                break;
            case "QuarterClosed":
                Ended(CycleEnd.QuarterClosed, entry.At);
                break;
            case "CycleCancelled":
                Ended(CycleEnd.Cancelled, entry.At);
                break;
            case "CycleAbandoned":
                Ended(CycleEnd.Abandoned, entry.At);
                break;
            default:
                break;
        }
    }

    /// <summary>Settles what depends on the whole journal and on <paramref name="now"/>.</summary>
    public CycleFacts Complete(DateTime now)
    {
        SellerName = string.IsNullOrWhiteSpace(SellerName) ? (SellerId.Length > 0 ? SellerId : CycleId) : SellerName;
        ManagerName = string.IsNullOrWhiteSpace(ManagerName) ? (Team.Length > 0 ? Team : "the manager") : ManagerName;
        Phase = End != CycleEnd.None ? DashboardPhase.Closed
            : CoachingOpen ? DashboardPhase.Develop
            : _agreed || _reviews.Count > 0 ? DashboardPhase.Review
            : _agreeing ? DashboardPhase.Agree
            : DashboardPhase.Define;
        Agreement = _agreed ? AgreementStatus.Agreed
            : End != CycleEnd.None ? AgreementStatus.NotAgreed
            : _waits.IsNudged(WaitKind.Define) || _waits.IsNudged(WaitKind.Agreement) || _waits.IsNudged(WaitKind.Counter) ? AgreementStatus.Overdue
            : _waits.IsOpen(WaitKind.Counter) ? AgreementStatus.Countered
            : AgreementStatus.Waiting;

        // A closed or cancelled cycle has taken its meetings out of the calendars; a moved meeting has its own booking.
        NextMeeting = End != CycleEnd.None ? null : _meetings
            .Where(m => m.MovedTo is null && m.Start > now)
            .OrderBy(m => m.Start)
            .FirstOrDefault();
        Pending = _waits.Describe(SellerName, ManagerName);
        return this;
    }

    private void Ended(CycleEnd end, DateTime at)
    {
        End = end;
        EndedAt = at;
        CoachingOpen = false;
    }

    private void Mark(DateTime? start, Func<MeetingItem, MeetingItem> change)
    {
        var index = start is null ? -1 : _meetings.FindLastIndex(m => m.Start == start);
        if (index >= 0)
        {
            _meetings[index] = change(_meetings[index]);
        }
    }
}
