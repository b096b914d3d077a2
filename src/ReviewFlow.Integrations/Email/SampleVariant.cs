using System.Text.Json.Nodes;

namespace ReviewFlow.Integrations.Email;

/// <summary>A model to validate a template with.</summary>
/// <param name="ReachedWhen">Empty for the sample itself; otherwise a clause (with a leading space) saying how the model differs from it.</param>
/// <param name="Model">The model.</param>
internal sealed record SampleVariant(string ReachedWhen, JsonObject Model);
