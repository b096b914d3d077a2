using System.ComponentModel.DataAnnotations;

namespace ReviewFlow.Durable;

/// <summary>Tuning of the worker (dispatcher). Defaults suit a small Functions instance or container.</summary>
public sealed class DurableWorkerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Durable:Worker";

    /// <summary>Orchestration episodes run at once by this process.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Activities run at once by this process.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 64;

    /// <summary>
    /// How long a received message stays invisible to other workers. If this process dies, its messages
    /// reappear after this long and another worker carries on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "VisibilityTimeout must be between 1 second and 7 days (the queue service's limit).")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries of one work item before it is dead-lettered and its instance marked Failed.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Longest wait between polls of an empty queue (polls back off up to this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "MaxPollingInterval must be between 1 ms and 10 minutes.")]
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often due timers are looked for (real time).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "TimerPollingInterval must be between 1 ms and 10 minutes.")]
    public TimeSpan TimerPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Instances whose history is kept in memory between episodes.</summary>
    [Range(0, 1_000_000)]
    public int HistoryCacheCapacity { get; set; } = 20_000;

    /// <summary>
    /// Run the activities this process schedules in this process, handing results straight to the
    /// instance; one of the instance's control messages is held back as a guard so a crash loses nothing
    /// (see ADR 0001). Saves four queue operations per activity. Off, every activity goes through the
    /// work-item queue and any worker may run it (spreads a single instance's fan-out).
    /// </summary>
    public bool LocalActivityDispatch { get; set; } = true;

    /// <summary>
    /// Deliver due timers (and delayed events and starts) to this process's own dispatcher instead of through a
    /// control queue. The timer row stays until the episode is committed, and guards the instance while its
    /// local activities run, so a crash fires it again. Only for a task hub served by a single worker process
    /// (simulations, a single standalone instance): other workers' sweepers would fire rows this one holds.
    /// </summary>
    public bool LocalTimerDelivery { get; set; }

    /// <summary>
    /// This process is the only one that reads or writes the task hub: its worker and every client of it run here
    /// (a simulation on its own task hub). Pending timers are then read once when the worker starts and kept in
    /// memory, so looking for due timers costs no table query; an orchestration's own timers get no row at all (their
    /// record is the instance's history), and the virtual clock knows the queues' length without asking storage.
    /// When the worker starts, it puts back from the instances' state rows what a crash of an earlier run left
    /// undone. Never run a task hub used this way by several processes, or by one without this setting: they would
    /// not see the timers kept in memory.
    /// </summary>
    public bool OwnsTaskHub { get; set; }

    /// <summary>Base of the backoff before a failed work item is retried (doubles each delivery, capped at a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "RetryBackoff must be between 0 and 10 minutes.")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
