using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Functions.Web.Actions.CheckIn;
using ReviewFlow.Functions.Web.Actions.Coaching;
using ReviewFlow.Functions.Web.Actions.Counter;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Functions.Web.Actions.Reflection;
using ReviewFlow.Functions.Web.Actions.Targets;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>Every action page the signed links can open.</summary>
internal static class ActionFormRegistration
{
    public static IServiceCollection AddActionForms(this IServiceCollection services)
    {
        services.AddSingleton<IActionForm, DefineForm>();
        services.AddSingleton<IActionForm, TargetsAnswerForm>();
        services.AddSingleton<IActionForm, CounterAnswerForm>();
        services.AddSingleton<IActionForm, CheckInForm>();
        services.AddSingleton<IActionForm, ReflectionForm>();
        services.AddSingleton<IActionForm, CoachingNotesForm>();
        return services;
    }
}
