using Microsoft.Extensions.DependencyInjection;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>The services the invocation endpoints use.</summary>
internal static class CustomHandlerRegistration
{
    public static IServiceCollection AddCustomHandler(this IServiceCollection services, ServiceOptions options)
    {
        // Checked at start-up, not at the first kickoff a quarter from now.
        if (options.FiscalYearFirstMonth is < 1 or > 12)
        {
            throw new InvalidOperationException($"Invalid ReviewFlow__FiscalYearFirstMonth '{options.FiscalYearFirstMonth}': the fiscal year's first month is 1 to 12.");
        }

        services.AddSingleton<QuarterKickoff>();
        return services;
    }
}
