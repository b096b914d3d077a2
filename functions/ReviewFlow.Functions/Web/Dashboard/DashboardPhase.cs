namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>Where a seller's cycle is, as the dashboard shows it (the four steps of the method, then closed).</summary>
internal enum DashboardPhase
{
    /// <summary>The manager has not defined the expectation set yet.</summary>
    Define,

    /// <summary>Targets are proposed and being agreed with the seller.</summary>
    Agree,

    /// <summary>Targets are agreed; reviews run at the cadence.</summary>
    Review,

    /// <summary>Coaching is open.</summary>
    Develop,

    /// <summary>The cycle has ended (quarter closed, cancelled, or abandoned without targets).</summary>
    Closed,
}

/// <summary>How a cycle ended, once it has.</summary>
internal enum CycleEnd
{
    /// <summary>Still running.</summary>
    None,

    /// <summary>The quarter closed normally.</summary>
    QuarterClosed,

    /// <summary>Cancelled through the API.</summary>
    Cancelled,

    /// <summary>No expectation set was defined by the quarter's end.</summary>
    Abandoned,
}

/// <summary>Where the seller's targets stand.</summary>
internal enum AgreementStatus
{
    /// <summary>Being defined or proposed, and nobody has been reminded yet.</summary>
    Waiting,

    /// <summary>The seller proposed changes; the manager has not answered yet.</summary>
    Countered,

    /// <summary>ReviewFlow had to remind (or escalate) someone about the open Define or Agree step.</summary>
    Overdue,

    /// <summary>Agreed (whoever settled it).</summary>
    Agreed,

    /// <summary>The cycle ended without agreed targets.</summary>
    NotAgreed,
}
