using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace ReviewFlow.Functions.Hosting.Telemetry;

/// <summary>
/// Lets configuration pick the console format (<c>Logging__Console__FormatterName=json</c> for one JSON object a
/// line, which log collectors parse), even though the service sets the simple single-line format in code, and makes
/// the JSON lines carry the log scopes (instance id, seller hash, step) unless configuration says otherwise.
/// </summary>
internal static class JsonConsoleLogging
{
    public const string FormatterNameKey = "Logging:Console:FormatterName";
    public const string IncludeScopesKey = "Logging:Console:FormatterOptions:IncludeScopes";

    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        // Post-configure: the code's AddSimpleConsole runs after the configuration binding and would win otherwise.
        services.PostConfigure<ConsoleLoggerOptions>(options =>
        {
            if (configuration[FormatterNameKey] is { Length: > 0 } name)
            {
                options.FormatterName = name;
            }
        });
        services.PostConfigure<JsonConsoleFormatterOptions>(options =>
            options.IncludeScopes = configuration.GetValue(IncludeScopesKey, defaultValue: true));
    }
}
