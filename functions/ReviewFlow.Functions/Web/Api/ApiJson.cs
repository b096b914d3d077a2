using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>
/// How the API reads and writes JSON: camelCase, enums as camelCase names (never numbers), and strict reading:
/// an unknown or repeated field, a wrong type or a comment is a 400 naming the field, not something ignored.
/// </summary>
internal static partial class ApiJson
{
    /// <summary>Largest body of the small commands (start a quarter, cancel, request a check-in).</summary>
    public const long SmallBodyBytes = 16 * 1024;

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads the body as <typeparamref name="T"/>, or returns the problem to answer with instead.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, long maxBytes)
        where T : class
    {
        if (!IsJson(request))
        {
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send the body as application/json."));
        }

        if (TooLarge(request, maxBytes) is { } tooLarge)
        {
            return (null, tooLarge);
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value is null
                ? (null, ApiResults.Invalid("$", "The body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.Invalid(e.Path is { Length: > 0 } path ? path : "$", Describe(e)));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiResults.TooLarge(maxBytes));
        }
    }

    /// <summary>
    /// A 413 when the declared length is over <paramref name="maxBytes"/>; otherwise lowers the server's limit for
    /// this request, so a body without a declared length is cut off at the same size while it is read.
    /// </summary>
    public static IResult? TooLarge(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return ApiResults.TooLarge(maxBytes);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > maxBytes))
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        return null;
    }

    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    // The serializer's own messages name .NET types; people calling the API need the field and what was wrong.
    private static string Describe(JsonException e)
    {
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal) && QuotedName().Match(e.Message) is { Success: true } unknown)
        {
            return $"Unknown field '{unknown.Groups[1].Value}': this request does not have it.";
        }

        if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "A field appears more than once.";
        }

        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "The value has the wrong type or format for this field.";
        }

        return e.BytePositionInLine is { } position
            ? $"The body is not valid JSON (line {e.LineNumber + 1}, position {position + 1})."
            : "The body is not valid JSON.";
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 16,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex("'([^']{0,100})'")]
    private static partial Regex QuotedName();
}
