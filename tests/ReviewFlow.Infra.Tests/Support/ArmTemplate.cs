using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace ReviewFlow.Infra.Tests.Support;

/// <summary>
/// Read access to a compiled ARM template (the JSON that `bicep build` writes): its parameters, variables, resources
/// (a list, or an object keyed by symbolic name in language version 2.0) and nested module templates.
/// </summary>
internal sealed partial class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    /// <summary>Every resource, with its symbolic name when the template has them.</summary>
    public IEnumerable<(string? Symbol, JsonObject Resource)> Resources => Root["resources"] switch
    {
        JsonArray list => list.Select(r => ((string?)null, r!.AsObject())),
        JsonObject map => map.Select(pair => ((string?)pair.Key, pair.Value!.AsObject())),
        _ => [],
    };

    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Select(r => r.Resource).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"Expected one {type}, found {found.Count}.");
        return found[0];
    }

    /// <summary>The module (a nested deployment) with this symbolic name.</summary>
    public JsonObject ModuleDeployment(string symbol) =>
        Resources.SingleOrDefault(r => r.Symbol == symbol).Resource
        ?? throw new Xunit.Sdk.XunitException($"No module '{symbol}' in the template.");

    public ArmTemplate Module(string symbol) => new(ModuleDeployment(symbol)["properties"]!["template"]!.AsObject());

    /// <summary>The expression (or literal) the parent passes to a module parameter.</summary>
    public string ModuleArgument(string symbol, string parameter) =>
        ModuleDeployment(symbol)["properties"]!["parameters"]![parameter]?["value"]?.ToString()
        ?? throw new Xunit.Sdk.XunitException($"Module '{symbol}' gets no value for '{parameter}'.");

    public IEnumerable<string> SecureParameterNames =>
        Parameters.Where(p => (string?)p.Value!["type"] is "securestring" or "secureObject").Select(p => p.Key);

    /// <summary>
    /// Follows <c>[variables('a').b]</c> to the value it names, so a setting written through a variable reads as
    /// what the platform will see.
    /// </summary>
    public string Resolve(string value)
    {
        for (var depth = 0; depth < 10; depth++)
        {
            var match = VariableMember().Match(value);
            if (!match.Success)
            {
                return value;
            }

            value = Variables[match.Groups[1].Value]?[match.Groups[2].Value]?.ToString()
                ?? throw new Xunit.Sdk.XunitException($"{value} names nothing.");
        }

        return value;
    }

    /// <summary>The role definition GUIDs a role assignment's expression stands for (one, or each of a copy loop).</summary>
    public IReadOnlyList<string> RoleDefinitionGuids(JsonObject assignment)
    {
        var expression = (string)assignment["properties"]!["roleDefinitionId"]!;
        if (LoopOverVariable().Match(expression) is { Success: true } loop)
        {
            return Variables[loop.Groups[1].Value]!.AsObject().Select(pair => (string)pair.Value!).ToList();
        }

        if (VariableMemberInside().Match(expression) is { Success: true } member)
        {
            return [(string)Variables[member.Groups[1].Value]![member.Groups[2].Value]!];
        }

        return Guid().Matches(expression).Select(m => m.Value).ToList();
    }

    [GeneratedRegex(@"^\[variables\('(\w+)'\)\.(\w+)\]$")]
    private static partial Regex VariableMember();

    [GeneratedRegex(@"items\(variables\('(\w+)'\)\)\[copyIndex\(\)\]\.value")]
    private static partial Regex LoopOverVariable();

    [GeneratedRegex(@"variables\('(\w+)'\)\.(\w+)")]
    private static partial Regex VariableMemberInside();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid();
}
