using System.Text;
using System.Text.Json.Nodes;

using Azure.Data.Tables;

using ReviewFlow.Integrations.Storage;

namespace ReviewFlow.Integrations.Journal;

/// <summary>Maps journal entries to table rows and back.</summary>
internal static class JournalRows
{
    /// <summary>Longest Data chunk per property: a table string property holds at most 32K UTF-16 characters.</summary>
    public const int ChunkLength = 30_000;

    private const string DataParts = "DataParts";

    public static string PartitionKey(string cycleId) => TableKeys.Sanitise(cycleId);

    public static string RowKey(JournalEntry entry) => $"{TableKeys.Ticks(entry.At)}.{TableKeys.Sanitise(entry.Id)}";

    public static TableEntity ToEntity(JournalEntry entry)
    {
        var at = UtcTimes.Require(entry.At, nameof(entry));
        var entity = new TableEntity(PartitionKey(entry.CycleId), RowKey(entry with { At = at }))
        {
            ["CycleId"] = entry.CycleId,
            ["Id"] = entry.Id,
            ["At"] = new DateTimeOffset(at, TimeSpan.Zero),
            ["Team"] = entry.Team,
            ["Seller"] = entry.Seller,
            ["Type"] = entry.Type,
        };
        string data = entry.Data.ToJsonString();
        if (data.Length <= ChunkLength)
        {
            entity["Data"] = data;
            return entity;
        }

        var parts = Split(data);
        for (int i = 0; i < parts.Count; i++)
        {
            entity[$"Data{i}"] = parts[i];
        }

        entity[DataParts] = parts.Count;
        return entity;
    }

    public static JournalEntry FromEntity(TableEntity entity)
    {
        string data;
        if (entity.GetInt32(DataParts) is { } count)
        {
            var builder = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                builder.Append(entity.GetString($"Data{i}"));
            }

            data = builder.ToString();
        }
        else
        {
            data = entity.GetString("Data") ?? "{}";
        }

        return new JournalEntry(
            entity.GetString("CycleId"),
            entity.GetString("Id"),
            entity.GetDateTimeOffset("At")!.Value.UtcDateTime,
            entity.GetString("Team"),
            entity.GetString("Seller"),
            entity.GetString("Type"),
            JsonNode.Parse(data)?.AsObject() ?? []);
    }

    /// <summary>A rough upper bound of the row's size on the wire, to keep transactions under the 4 MiB limit.</summary>
    public static long EstimatedBytes(TableEntity entity) =>
        1024 + entity.Sum(p => p.Value is string s ? (long)s.Length * 2 : 16);

    private static List<string> Split(string data)
    {
        var parts = new List<string>();
        int start = 0;
        while (start < data.Length)
        {
            int length = Math.Min(ChunkLength, data.Length - start);
            // Never cut a surrogate pair in two: each half alone would not survive the UTF-8 round trip.
            if (start + length < data.Length && char.IsHighSurrogate(data[start + length - 1]))
            {
                length--;
            }

            parts.Add(data.Substring(start, length));
            start += length;
        }

        return parts;
    }
}
