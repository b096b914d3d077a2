using Microsoft.AspNetCore.Http;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>One kind of action page: how it looks, what it accepts, and what happens next.</summary>
internal interface IActionForm
{
    /// <summary>The link actions this page serves (see <c>ActionNames</c>).</summary>
    IReadOnlyList<string> Actions { get; }

    /// <summary>The page title for this context.</summary>
    string Title(ActionContext context);

    /// <summary>A message when the step this link belongs to is over (answered another way, or past its deadline); null while open.</summary>
    string? Closed(ActionContext context);

    /// <summary>The inner HTML of the form: the context to read, the fields, and the submit button(s).</summary>
    /// <param name="context">The action's context.</param>
    /// <param name="posted">The values posted last time, to fill the fields again after a refusal.</param>
    string Fields(ActionContext context, IFormCollection? posted);

    /// <summary>The field names the form may post; anything else is refused.</summary>
    bool Accepts(string fieldName);

    /// <summary>Reads and validates a submission.</summary>
    FormResult Read(ActionContext context, IFormCollection form);

    /// <summary>What happens next, for the confirmation page.</summary>
    string NextSteps(ActionContext context, FormResult result);
}
