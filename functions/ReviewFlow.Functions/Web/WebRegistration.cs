using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Functions.Web.Actions;
using ReviewFlow.Functions.Web.Api;
using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Functions.Web.Dashboard;
using ReviewFlow.Functions.Web.Health;
using ReviewFlow.Functions.Web.Html;

namespace ReviewFlow.Functions.Web;

/// <summary>The web side of the service: action pages, health, assets and the headers and limits around them.</summary>
internal static class WebRegistration
{
    /// <summary>The anti-forgery field every form carries (and the one field no page reads itself).</summary>
    public const string AntiforgeryField = "__rf_af";

    /// <summary>Small forms: the largest is a check-in of two weeks' figures and three short answers.</summary>
    private const int MaxFormFields = 100;
    private const int MaxFormValueLength = 4 * 1024;

    public static IServiceCollection AddReviewFlowWeb(this IServiceCollection services, IConfiguration configuration, bool localDevelopment)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rf-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = AntiforgeryField;
        });
        services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = MaxFormFields;
            o.ValueLengthLimit = MaxFormValueLength;
            o.KeyLengthLimit = 200;
            o.MultipartBodyLengthLimit = 64 * 1024;
        });
        services.AddSingleton<ActionContextLoader>();
        services.AddActionForms();
        services.AddReviewFlowAuth(configuration, localDevelopment);
        services.AddManagementApi(configuration);
        return services;
    }

    public static WebApplication UseReviewFlowWeb(this WebApplication app)
    {
        app.Use(SecurityHeaders.Apply);
        app.UseReviewFlowAuth();
        app.MapGet("/assets/site.css", () => Results.Text(SiteStyles.Css, "text/css; charset=utf-8", Encoding.UTF8));
        app.MapHealth();
        app.MapActionPages();
        app.MapDashboard();
        app.MapManagementApi();
        return app;
    }
}
