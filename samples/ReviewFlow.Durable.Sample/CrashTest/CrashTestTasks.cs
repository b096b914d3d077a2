namespace ReviewFlow.Durable.Sample.CrashTest;

/// <summary>Registration of the crash-test tasks, shared by the worker command and anything that schedules them.</summary>
public static class CrashTestTasks
{
    /// <summary>The orchestrator name clients schedule.</summary>
    public const string OrchestratorName = nameof(CrashTestOrchestrator);

    /// <summary>Registers the crash-test orchestrator and activity.</summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<CrashTestOrchestrator>()
            .AddActivity<CrashTestStep>();
    }
}
