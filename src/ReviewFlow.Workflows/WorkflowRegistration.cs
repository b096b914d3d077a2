using ReviewFlow.Durable;
using ReviewFlow.Workflows.Close;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Define;
using ReviewFlow.Workflows.Review;
using ReviewFlow.Workflows.Shared;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Workflows;

/// <summary>Registers the cycle's orchestrators and activities with the engine.</summary>
public static class WorkflowRegistration
{
    /// <summary>
    /// Adds every orchestrator and activity of the review cycle. The activities need <c>IEmailSender</c>,
    /// <c>ICalendar</c> and <c>ICycleJournal</c> from the container (the dev adapters or the real ones).
    /// </summary>
    public static DurableTaskRegistry AddReviewFlowWorkflows(this DurableTaskRegistry tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks
            .AddOrchestrator<TeamQuarterOrchestrator>()
            .AddOrchestrator<SellerCycleOrchestrator>()
            .AddActivity<StartSellerCycles>()
            .AddActivity<LoadPrefill>()
            .AddActivity<RecordJournal>()
            .AddActivity<SendEmail>()
            .AddActivity<BookMeeting>()
            .AddActivity<SendEmailUnlessDeclined>()
            .AddActivity<CancelMeeting>()
            .AddActivity<CancelFutureMeetings>();
    }
}
