using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewFlow.Durable;

/// <summary>The one JSON configuration for engine records and user payloads, so every reader agrees with every writer.</summary>
public static class DurableJson
{
    /// <summary>Web defaults (camelCase), enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a user payload; null stays null.</summary>
    public static string? Serialize(object? value, Type? type = null)
        => value is null ? null : JsonSerializer.Serialize(value, type ?? value.GetType(), Options);

    /// <summary>Reads a user payload as <paramref name="type"/>; null or empty reads as the type's default.</summary>
    public static object? Deserialize(string? json, Type type)
    {
        if (string.IsNullOrEmpty(json))
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }

    /// <summary>Typed <see cref="Deserialize(string?, Type)"/>.</summary>
    public static T Deserialize<T>(string? json) => (T)Deserialize(json, typeof(T))!;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
