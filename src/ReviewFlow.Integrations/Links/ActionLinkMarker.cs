using System.Diagnostics.CodeAnalysis;

namespace ReviewFlow.Integrations.Links;

/// <summary>
/// The placeholder an orchestrator puts in an email model where a link goes. Orchestrators must be
/// deterministic, so they cannot sign (a nonce and the signing key are I/O); the email activity replaces each
/// marker with a signed link just before sending.
/// </summary>
public static class ActionLinkMarker
{
    /// <summary>The scheme that marks an action placeholder; never a real URL.</summary>
    public const string Scheme = "reviewflow-action:";

    /// <summary>The scheme that marks a page of the service (no grant: the reader signs in).</summary>
    public const string PageScheme = "reviewflow-page:";

    /// <summary>The placeholder of the service page at <paramref name="relativePath"/>, e.g. "dashboard/cycles/x".</summary>
    public static string Page(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        return PageScheme + relativePath.TrimStart('/');
    }

    /// <summary>The placeholder for <paramref name="action"/> on <paramref name="instanceId"/> by <paramref name="personId"/>.</summary>
    public static string For(string instanceId, string action, string personId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        return $"{Scheme}{Uri.EscapeDataString(instanceId)}/{Uri.EscapeDataString(action)}/{Uri.EscapeDataString(personId)}";
    }

    /// <summary>Reads a placeholder back; false for any other string.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out (string InstanceId, string Action, string PersonId)? parsed)
    {
        parsed = null;
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = value[Scheme.Length..].Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            return false;
        }

        parsed = (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[2]));
        return true;
    }
}
