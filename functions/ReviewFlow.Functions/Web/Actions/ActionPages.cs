using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Functions.Web.Html;
using ReviewFlow.Integrations.Links;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>The HTML of the action pages around each form: the form frame, refusals, "already done" and "thank you".</summary>
internal static class ActionPages
{
    public static IResult Refused(ActionRefusal refusal) =>
        Results.Content(Layout.Page(refusal.Title, $"<p>{Html.Html.E(refusal.Message)}</p>"), "text/html; charset=utf-8", Encoding.UTF8, refusal.Status);

    public static IResult Form(HttpContext http, IAntiforgery antiforgery, IActionForm form, ActionContext context, IFormCollection? posted, IReadOnlyList<string> problems)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder()
            .Append(Layout.Problems(problems))
            .Append("<form method=\"post\" novalidate>")
            .Append("<input type=\"hidden\" name=\"").Append(Html.Html.E(tokens.FormFieldName)).Append("\" value=\"").Append(Html.Html.E(tokens.RequestToken)).Append("\">")
            .Append(form.Fields(context, posted))
            .Append("</form>");
        var status = problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return Results.Content(Layout.Page(form.Title(context), body.ToString()), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult AlreadyDone(ActionContext context, LinkUse use) =>
        Results.Content(
            Layout.Page(
                "Already done",
                $"<div class=\"done\"><p>This was answered on {Html.Html.E(Html.Html.Time(use.UsedUtc, context.Actor.Zone))} ({Html.Html.E(context.Actor.TimeZone)}). There is nothing more to do with this link.</p></div>"),
            "text/html; charset=utf-8");

    public static IResult StepClosed(IActionForm form, ActionContext context, string message) =>
        Results.Content(Layout.Page(form.Title(context), $"<div class=\"done\"><p>{Html.Html.E(message)}</p></div>"), "text/html; charset=utf-8");

    public static IResult Thanks(IActionForm form, ActionContext context, FormResult result) =>
        Results.Content(
            Layout.Page(
                "Thank you",
                $"<div class=\"done\"><p>{Html.Html.E(result.Summary)}</p></div><h2>What happens next</h2><p>{Html.Html.E(form.NextSteps(context, result))}</p>"),
            "text/html; charset=utf-8");
}
