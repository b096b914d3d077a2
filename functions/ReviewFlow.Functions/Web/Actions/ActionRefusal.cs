using Microsoft.AspNetCore.Http;
using ReviewFlow.Integrations.Links;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>Why an action page cannot be shown, with the status code and the words for the person.</summary>
internal sealed record ActionRefusal(int Status, string Title, string Message)
{
    public static readonly ActionRefusal CycleGone = new(StatusCodes.Status404NotFound, "This review cycle no longer exists",
        "The cycle this link belongs to has been removed. If you think that is a mistake, ask your manager or RevOps.");

    public static readonly ActionRefusal CycleFinished = new(StatusCodes.Status410Gone, "This review cycle has finished",
        "The quarter this link belongs to is over, so there is nothing left to do here.");

    public static readonly ActionRefusal NotYours = new(StatusCodes.Status403Forbidden, "This link is not valid",
        "This link does not belong to this review cycle. Please use the link from your own email.");

    public static readonly ActionRefusal UnknownAction = new(StatusCodes.Status404NotFound, "This link is not valid",
        "This link asks for something ReviewFlow does not know. Please use the link from your email.");

    public static readonly ActionRefusal BadForm = new(StatusCodes.Status400BadRequest, "The form could not be read",
        "The page may have been open for a long time, or opened in another browser. Please open the link from your email again; nothing was saved.");

    public static readonly ActionRefusal TooLarge = new(StatusCodes.Status413PayloadTooLarge, "That was too much to send",
        "The form was larger than ReviewFlow accepts (answers are kept short on purpose). Please shorten it and send again; nothing was saved.");

    public static readonly ActionRefusal Unavailable = new(StatusCodes.Status503ServiceUnavailable, "Please try again in a minute",
        "Your answer could not be passed on just now, so nothing was saved. The link still works.");

    /// <summary>The refusal for a link that failed its check.</summary>
    public static ActionRefusal For(LinkProblem problem) => problem switch
    {
        LinkProblem.Expired or LinkProblem.KeyRetired => new(StatusCodes.Status410Gone, "This link has expired",
            "Links from ReviewFlow emails work for a limited time. A reminder email will bring a fresh link, or ask your manager."),
        LinkProblem.Forged => new(StatusCodes.Status403Forbidden, "This link is not valid",
            "This link has been changed or was not made by ReviewFlow. Please use the link exactly as it is in your email."),
        _ => new(StatusCodes.Status400BadRequest, "This link is incomplete",
            "Part of the link seems to be missing; some email programs cut long links. Please copy the whole link from your email."),
    };
}
