using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Links;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>
/// <c>GET /act/{token}</c> shows the page a signed link grants; <c>POST /act/{token}</c> takes the answer, raises
/// the matching event on the seller's cycle, and records the link as used. Every refusal changes nothing.
/// </summary>
internal static partial class ActionEndpoints
{
    public static IEndpointRouteBuilder MapActionPages(this IEndpointRouteBuilder routes)
    {
        // Pages for people, not API: kept out of the OpenAPI document.
        routes.MapGet("/act/{token}", ShowAsync).ExcludeFromDescription();
        routes.MapPost("/act/{token}", SubmitAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ShowAsync(
        string token, HttpContext http, ActionLinkSigner signer, ActionContextLoader loader, UsedLinks used, IEnumerable<IActionForm> forms, IAntiforgery antiforgery)
    {
        var (context, form, refusal) = await OpenAsync(token, signer, loader, forms, http.RequestAborted);
        if (refusal is not null)
        {
            return ActionPages.Refused(refusal);
        }

        if (await used.FindAsync(context!.Grant, http.RequestAborted) is { } use)
        {
            return ActionPages.AlreadyDone(context, use);
        }

        return form!.Closed(context) is { } closed
            ? ActionPages.StepClosed(form, context, closed)
            : ActionPages.Form(http, antiforgery, form, context, null, []);
    }

    private static async Task<IResult> SubmitAsync(
        string token,
        HttpContext http,
        ActionLinkSigner signer,
        ActionContextLoader loader,
        UsedLinks used,
        IEnumerable<IActionForm> forms,
        IAntiforgery antiforgery,
        DurableTaskClient client,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        var ct = http.RequestAborted;
        var (context, form, refusal) = await OpenAsync(token, signer, loader, forms, ct);
        if (refusal is not null)
        {
            return ActionPages.Refused(refusal);
        }

        // A second submit (a double click, the other button of the same email) is told it is done, not refused.
        if (await used.FindAsync(context!.Grant, ct) is { } earlier)
        {
            return ActionPages.AlreadyDone(context, earlier);
        }

        if (form!.Closed(context) is { } closed)
        {
            return ActionPages.StepClosed(form, context, closed);
        }

        if (!http.Request.HasFormContentType)
        {
            return ActionPages.Refused(ActionRefusal.BadForm);
        }

        IFormCollection posted;
        try
        {
            posted = await http.Request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ActionPages.Refused(ActionRefusal.TooLarge);
        }
        catch (InvalidDataException)
        {
            return ActionPages.Refused(ActionRefusal.TooLarge with { Status = StatusCodes.Status400BadRequest });
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return ActionPages.Refused(ActionRefusal.BadForm);
        }

        // Every page takes each of its own fields once; anything else never reaches the page's reader.
        var unknown = posted.Keys.Where(k => k != WebRegistration.AntiforgeryField && !form.Accepts(k)).ToList();
        var shape = unknown.Select(k => $"The form sent a field it does not have ('{FieldText.Shorten(k)}').").ToList();
        FieldText.RefuseRepeated(posted, shape);
        var result = shape.Count > 0 ? FormResult.Refused(shape) : form.Read(context, posted);
        if (result.Problems.Count > 0)
        {
            return ActionPages.Form(http, antiforgery, form, context, posted, result.Problems);
        }

        // Claim first, raise second: two submits racing each other cannot both reach the cycle.
        if (await used.TryClaimAsync(context.Grant, clock.GetUtcNow().UtcDateTime, ct) is { } raced)
        {
            return ActionPages.AlreadyDone(context, raced);
        }

        try
        {
            await client.RaiseEventAsync(context.Grant.InstanceId, result.EventName!, result.Payload, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await used.ReleaseAsync(context.Grant, CancellationToken.None);
            LogRaiseFailed(loggers.CreateLogger(nameof(ActionEndpoints)), e, context.Grant.InstanceId, context.Grant.Action);
            return ActionPages.Refused(ActionRefusal.Unavailable);
        }

        return ActionPages.Thanks(form, context, result);
    }

    private static async Task<(ActionContext? Context, IActionForm? Form, ActionRefusal? Refusal)> OpenAsync(
        string token, ActionLinkSigner signer, ActionContextLoader loader, IEnumerable<IActionForm> forms, CancellationToken ct)
    {
        var check = signer.Check(token);
        if (!check.IsValid)
        {
            return (null, null, ActionRefusal.For(check.Problem!.Value));
        }

        var form = forms.FirstOrDefault(f => f.Actions.Contains(check.Grant!.Action, StringComparer.Ordinal));
        if (form is null)
        {
            return (null, null, ActionRefusal.UnknownAction);
        }

        var (context, refusal) = await loader.LoadAsync(check.Grant!, ct);
        return (context, form, refusal);
    }

    // Ids only: no names, addresses or answers in logs.
    [LoggerMessage(Level = LogLevel.Error, Message = "Could not raise the answer for {InstanceId} ({Action}); the link was released for another try.")]
    private static partial void LogRaiseFailed(ILogger logger, Exception exception, string instanceId, string action);
}
