using System.Globalization;
using System.Text.Json;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Simulation;

/// <summary>Writes timeline.json as SCENARIO.md defines it: an array ordered by virtual time, streamed (a 1,000-seller quarter is tens of thousands of entries).</summary>
public static class TimelineFile
{
    /// <summary>Writes <paramref name="entries"/> (already in order) to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var stream = File.Create(path);
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("at", entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("team", entry.Team);
            if (entry.Seller is null)
            {
                writer.WriteNull("seller");
            }
            else
            {
                writer.WriteString("seller", entry.Seller);
            }

            writer.WriteString("type", entry.Type);
            writer.WritePropertyName("data");
            entry.Data.WriteTo(writer);
            writer.WriteString("cycle", entry.CycleId);
            writer.WriteEndObject();
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }
}
