using Microsoft.AspNetCore.Http;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>The API's answers other than success: RFC 7807 problems, with an <c>errors</c> map (field → messages) for bad input.</summary>
internal static class ApiResults
{
    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title);

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail ?? "Nothing was changed. " + Summary(errors), title: "The request has problems");

    public static IResult TooLarge(long maxBytes) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"The body is larger than the {maxBytes / 1024} KB this request accepts. Nothing was changed.");

    /// <summary>Not found, and also what a viewer gets for something they may not see: ids are not confirmed to exist.</summary>
    public static IResult NotFound(string what) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"There is no {what} you can see with that id.");

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Not possible now", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Not allowed", detail);

    private static string Summary(IDictionary<string, string[]> errors)
    {
        var first = errors.First();
        var count = errors.Values.Sum(m => m.Length);
        return count == 1 ? $"{first.Key}: {first.Value[0]}" : $"{count} problems; the first: {first.Key}: {first.Value[0]}";
    }
}
