using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Time;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// The dispatcher: polls the control queues (orchestrations), the work-item queue (activities) and the
/// Timers table. Any number of processes can run it against one task hub; history commits are
/// ETag-guarded, so they never corrupt an instance.
/// </summary>
public sealed partial class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private readonly TaskHubStorage _storage;
    private readonly ControlQueueDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly TimerSweeper _timers;
    private readonly TimerStore _timerStore;
    private readonly QueueBacklog _backlog;
    private readonly OwnedHubRecovery _recovery;
    private readonly WorkTracker _tracker;
    private readonly WorkSignals _signals;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly bool _ownsTaskHub;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private CancellationTokenSource? _stopping;
    private Task[] _loops = [];

    internal DurableTaskWorker(
        TaskHubStorage storage,
        ControlQueueDispatcher orchestrations,
        ActivityDispatcher activities,
        TimerSweeper timers,
        TimerStore timerStore,
        QueueBacklog backlog,
        OwnedHubRecovery recovery,
        WorkTracker tracker,
        WorkSignals signals,
        TimeProvider clock,
        ILoggerFactory loggerFactory,
        bool ownsTaskHub = false)
    {
        _storage = storage;
        _orchestrations = orchestrations;
        _activities = activities;
        _timers = timers;
        _timerStore = timerStore;
        _backlog = backlog;
        _recovery = recovery;
        _tracker = tracker;
        _signals = signals;
        _clock = clock;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        _ownsTaskHub = ownsTaskHub;
    }

    /// <summary>Commits lost to another worker so far (each one retried); for diagnostics.</summary>
    public long ConflictCount => _orchestrations.Conflicts;

    /// <summary>True while this worker has no message or activity in hand.</summary>
    public bool IsIdle => _tracker.InFlight == 0 && _orchestrations.IsIdle && _activities.IsIdle;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _storage.EnsureCreatedAsync(cancellationToken);
        if (_ownsTaskHub)
        {
            await _timerStore.IndexAsync(cancellationToken);
            var running = await _recovery.RecoverAsync(cancellationToken);
            await CountLeftOverMessagesAsync(cancellationToken);
            LogOwnedHubRecovered(_storage.Options.TaskHubName, running, _backlog.Count);
        }

        _stopping = new CancellationTokenSource();
        var token = _stopping.Token;
        var loops = new List<Task>();
        for (var partition = 0; partition < _storage.ControlQueues.Count; partition++)
        {
            var p = partition;
            loops.Add(Task.Run(() => _orchestrations.PollAsync(p, token), CancellationToken.None));
        }

        loops.Add(Task.Run(() => _activities.PollAsync(token), CancellationToken.None));
        _orchestrations.AttachLocalInbox(token);
        loops.Add(Task.Run(() => _orchestrations.RenewGuardsAsync(token), CancellationToken.None));
        loops.Add(Task.Run(() => _timers.RunAsync(token), CancellationToken.None));
        if (_clock is VirtualClock virtualClock)
        {
            var driver = new VirtualTimeDriver(
                virtualClock, _storage, _ownsTaskHub ? _backlog : null, _timerStore, _tracker, _signals,
                () => _orchestrations.IsIdle && _activities.IsIdle,
                _loggerFactory.CreateLogger<VirtualTimeDriver>());
            loops.Add(Task.Run(() => driver.RunAsync(token), CancellationToken.None));
        }

        _loops = [.. loops];
        LogStarted(_storage.Options.TaskHubName, _storage.ControlQueues.Count, _clock is VirtualClock);
    }

    /// <summary>
    /// Adds to the backlog the messages an earlier run of this process left on the queues. Messages this process
    /// sent before its worker started (a client scheduling ahead) are counted already: only the excess is new.
    /// </summary>
    private async Task CountLeftOverMessagesAsync(CancellationToken cancellationToken)
    {
        var queued = await _storage.CountQueuedMessagesAsync(cancellationToken);
        _backlog.Found(Math.Max(0, queued - _backlog.Count));
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _stopping.IsCancellationRequested)
        {
            return; // not started, or already stopped (the host and DI disposal may both call this)
        }

        _orchestrations.DetachLocalInbox();
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Let episodes and activities already in hand finish or hand their messages back.
        var drainDeadline = Stopwatch.StartNew();
        while (!IsIdle && drainDeadline.Elapsed < DrainTimeout && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        await _orchestrations.ReleaseGuardsAsync();

        LogStopped(_storage.Options.TaskHubName);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker started on task hub '{TaskHub}' ({Partitions} control queues, virtual time: {VirtualTime})")]
    private partial void LogStarted(string taskHub, int partitions, bool virtualTime);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task hub '{TaskHub}' is owned by this process: {Running} running instance(s) recovered, {Queued} message(s) queued")]
    private partial void LogOwnedHubRecovered(string taskHub, int running, long queued);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker stopped on task hub '{TaskHub}'")]
    private partial void LogStopped(string taskHub);
}
