using Azure;
using Azure.Data.Tables;

namespace ReviewFlow.Durable.Sample.CrashTest;

/// <summary>
/// The crash-test activities' external side effects, in two tables next to the task hub:
/// <c>{hub}Effects</c> holds the effect itself, one row per idempotency key, written at most once;
/// <c>{hub}Attempts</c> gets one row per execution, so a test can see that redelivery really happened.
/// </summary>
public sealed class CrashTestLedger
{
    /// <summary>Creates the ledger for a task hub.</summary>
    /// <param name="connectionString">Storage connection string (the task hub's account).</param>
    /// <param name="taskHub">Task hub name; it prefixes both table names.</param>
    /// <param name="workAfterEffect">Simulated work each activity does after its effect.</param>
    public CrashTestLedger(string connectionString, string taskHub, TimeSpan workAfterEffect)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHub);
        var service = new TableServiceClient(connectionString);
        Effects = service.GetTableClient(EffectsTableName(taskHub));
        Attempts = service.GetTableClient(AttemptsTableName(taskHub));
        WorkAfterEffect = workAfterEffect;
    }

    /// <summary>One row per applied effect: PartitionKey = instance id, RowKey = idempotency key.</summary>
    public TableClient Effects { get; }

    /// <summary>One row per execution attempt: PartitionKey = instance id, RowKey = idempotency key + a unique suffix.</summary>
    public TableClient Attempts { get; }

    /// <summary>Simulated work each activity does after its effect.</summary>
    public TimeSpan WorkAfterEffect { get; }

    /// <summary>Name of the effects table of a task hub.</summary>
    public static string EffectsTableName(string taskHub) => $"{taskHub}Effects";

    /// <summary>Name of the attempts table of a task hub.</summary>
    public static string AttemptsTableName(string taskHub) => $"{taskHub}Attempts";

    /// <summary>Creates both tables if they do not exist (safe from several processes).</summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        await Effects.CreateIfNotExistsAsync(cancellationToken);
        await Attempts.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>Deletes both tables (test cleanup).</summary>
    public async Task DeleteTablesAsync(CancellationToken cancellationToken)
    {
        await Effects.DeleteAsync(cancellationToken);
        await Attempts.DeleteAsync(cancellationToken);
    }

    /// <summary>Records that an execution of an activity started; returns the attempt's row key.</summary>
    public async Task<string> RecordAttemptAsync(TaskActivityContext context, int step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A GUID suffix rather than the attempt number: the dequeue count is not a reliable unique id (two
        // deliveries can report the same one when a receive races a visibility expiry).
        var rowKey = $"{context.IdempotencyKey}|{Guid.NewGuid():N}";
        var row = new TableEntity(context.InstanceId, rowKey)
        {
            ["IdempotencyKey"] = context.IdempotencyKey,
            ["Step"] = step,
            ["Attempt"] = context.Attempt,
            ["WorkerPid"] = Environment.ProcessId,
            ["FoundEffect"] = false,
        };
        await Attempts.AddEntityAsync(row, cancellationToken);
        return rowKey;
    }

    /// <summary>
    /// Applies the effect unless it already happened: inserts the effect row and treats "already exists"
    /// (409) as done, returning the result recorded by the execution that did apply it.
    /// </summary>
    public async Task<(long Result, bool AlreadyApplied)> ApplyOnceAsync(TaskActivityContext context, int step, long result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = new TableEntity(context.InstanceId, context.IdempotencyKey)
        {
            ["Step"] = step,
            ["Result"] = result,
            ["ExecutionId"] = context.ExecutionId,
            ["TaskId"] = context.TaskId,
            ["Attempt"] = context.Attempt,
            ["WorkerPid"] = Environment.ProcessId,
        };
        try
        {
            await Effects.AddEntityAsync(row, cancellationToken);
            return (result, false);
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            var recorded = await Effects.GetEntityAsync<TableEntity>(context.InstanceId, context.IdempotencyKey, cancellationToken: cancellationToken);
            return (recorded.Value.GetInt64("Result") ?? throw new InvalidOperationException($"Effect row {context.IdempotencyKey} has no Result."), true);
        }
    }

    /// <summary>Marks an attempt as one that found its effect already applied (a redelivery after the effect).</summary>
    public async Task MarkAttemptFoundEffectAsync(string instanceId, string attemptRowKey, CancellationToken cancellationToken)
    {
        var patch = new TableEntity(instanceId, attemptRowKey) { ["FoundEffect"] = true };
        await Attempts.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }
}
