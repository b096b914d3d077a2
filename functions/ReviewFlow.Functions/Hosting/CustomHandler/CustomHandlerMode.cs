using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>
/// Whether the executable runs under the Azure Functions host: the host sets FUNCTIONS_CUSTOMHANDLER_PORT and
/// then does the polling itself (queue and timer triggers), so the service listens on that port on loopback
/// and runs none of the engine's own pollers.
/// </summary>
internal static class CustomHandlerMode
{
    /// <summary>The variable the Functions host sets to the port it sends invocations to.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The port, or null in standalone mode (0 picks a free port: tests).</summary>
    /// <exception cref="InvalidOperationException">The variable is set but is not a port number.</exception>
    public static int? Port(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[PortVariable];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"Invalid {PortVariable} '{value}': the Functions host sets it to the port number to listen on.");
    }

    /// <summary>Where to listen under the host: loopback only, the host is the only caller.</summary>
    public static string UrlsFor(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
}
