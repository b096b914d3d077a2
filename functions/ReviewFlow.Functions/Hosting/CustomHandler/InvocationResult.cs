using System.Text.Json.Serialization;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>
/// The answer to an invocation, <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>. The functions have no output
/// bindings; the logs end up in the host's log (Application Insights) under the invocation.
/// </summary>
internal sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static InvocationResult WithLogs(IReadOnlyList<string> logs) => new(new Dictionary<string, object?>(), logs, null);
}
