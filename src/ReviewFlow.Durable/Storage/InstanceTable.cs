using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// The Instances table: one small row per instance for status reads and queries. It is a projection of
/// the instance's state row, written after each commit that changes what a client can see.
/// </summary>
internal sealed class InstanceTable(TaskHubStorage storage, LargeTextStore largeText)
{
    // The row key repeats the instance id: Azurite (LokiJS) finds an entity through its row key first, so
    // one row key shared by every row would make each status read or write scan the whole table.
    private static string RowKeyOf(string instanceId) => instanceId;

    /// <summary>Inserts the row of a newly scheduled instance; false if the instance already exists.</summary>
    public async Task<bool> TryInsertAsync(InstanceRow row, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Instances.AddEntityAsync(await ToEntityAsync(row, cancellationToken), cancellationToken);
            return true;
        }
        catch (RequestFailedException exists) when (exists.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Writes the row as the dispatcher sees the instance now.</summary>
    public async Task UpsertAsync(InstanceRow row, CancellationToken cancellationToken)
        => await storage.Instances.UpsertEntityAsync(await ToEntityAsync(row, cancellationToken), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Writes the row unless the stored one is of a later revision. Used when re-running an outbox after a
    /// takeover, where another worker may already have written a newer row.
    /// </summary>
    public async Task UpsertIfNotOlderAsync(InstanceRow row, CancellationToken cancellationToken)
    {
        var stored = await GetAsync(row.InstanceId, cancellationToken);
        if (stored is null || stored.Revision <= row.Revision)
        {
            await UpsertAsync(row, cancellationToken);
        }
    }

    public async Task<InstanceRow?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await storage.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, RowKeyOf(instanceId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is not null ? await FromEntityAsync(response.Value, cancellationToken) : null;
    }

    /// <summary>One page of rows matching an OData filter.</summary>
    public async Task<(List<InstanceRow> Rows, string? ContinuationToken)> QueryAsync(string? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var pages = storage.Instances.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            var rows = new List<InstanceRow>(page.Values.Count);
            foreach (var entity in page.Values)
            {
                rows.Add(await FromEntityAsync(entity, cancellationToken));
            }

            return (rows, page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
        => await storage.Instances.DeleteEntityAsync(instanceId, RowKeyOf(instanceId), ETag.All, cancellationToken);

    private async Task<TableEntity> ToEntityAsync(InstanceRow row, CancellationToken cancellationToken)
    {
        var owner = row.InstanceId;
        var limit = LargeTextStore.MaxInlineTableChars;
        return new TableEntity(row.InstanceId, RowKeyOf(row.InstanceId))
        {
            ["Name"] = row.Name,
            ["Version"] = row.Version,
            ["ExecutionId"] = row.ExecutionId,
            ["RuntimeStatus"] = row.Status.ToString(),
            ["CreatedAt"] = Utc(row.CreatedAt),
            ["LastUpdatedAt"] = Utc(row.LastUpdatedAt),
            ["CompletedAt"] = row.CompletedAt is { } completed ? Utc(completed) : null,
            ["ScheduledStartAt"] = row.ScheduledStartAt is { } start ? Utc(start) : null,
            ["Revision"] = row.Revision,
            ["Input"] = await largeText.StoreAsync(row.Input, owner, limit, cancellationToken),
            ["Output"] = await largeText.StoreAsync(row.Output, owner, limit, cancellationToken),
            ["CustomStatus"] = await largeText.StoreAsync(row.CustomStatus, owner, limit, cancellationToken),
            ["Failure"] = row.Failure is null ? null : await largeText.StoreAsync(JsonSerializer.Serialize(row.Failure, DurableJson.Options), owner, limit, cancellationToken),
        };
    }

    private async Task<InstanceRow> FromEntityAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var failure = await largeText.ResolveAsync(entity.GetString("Failure"), cancellationToken);
        return new InstanceRow(
            entity.PartitionKey,
            entity.GetString("Name") ?? string.Empty,
            entity.GetString("Version") ?? string.Empty,
            entity.GetString("ExecutionId") ?? string.Empty,
            Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("RuntimeStatus") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            entity.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default,
            entity.GetDateTimeOffset("LastUpdatedAt")?.UtcDateTime ?? default,
            entity.GetDateTimeOffset("CompletedAt")?.UtcDateTime,
            await largeText.ResolveAsync(entity.GetString("Input"), cancellationToken),
            await largeText.ResolveAsync(entity.GetString("Output"), cancellationToken),
            await largeText.ResolveAsync(entity.GetString("CustomStatus"), cancellationToken),
            failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, DurableJson.Options),
            entity.GetDateTimeOffset("ScheduledStartAt")?.UtcDateTime,
            entity.GetInt64("Revision") ?? 0);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value == default ? DateTime.UnixEpoch : value, DateTimeKind.Utc);
}
