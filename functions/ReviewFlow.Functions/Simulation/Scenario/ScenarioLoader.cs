using System.Globalization;
using System.Text.Json;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>
/// Loads and validates a scenario file (SCENARIO.md's shape plus the <c>responses.define</c>,
/// <c>responses.checkIn</c>, <c>responses.coaching</c>, <c>managerOnCounter</c>, <c>manager.escalateTo</c> and
/// <c>description</c> extensions). Every problem is reported at once, each naming its JSON path, so a scenario
/// author fixes a file in one go; unknown fields are errors, so a typo never passes silently.
/// </summary>
public static class ScenarioLoader
{
    // Comments and trailing commas help people who write scenarios by hand; they change no value.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and validates the scenario at <paramref name="path"/>.</summary>
    /// <exception cref="ScenarioException">The file is missing, unreadable, not JSON, or not a valid scenario.</exception>
    public static Scenario Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ScenarioException(path, [$"{path}: file not found" + (Directory.Exists(path) ? " (it is a directory)" : string.Empty)]);
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(path, [$"{path}: cannot be read ({e.Message})"]);
        }

        return Parse(json, path);
    }

    /// <summary>Validates the scenario text <paramref name="json"/>; <paramref name="sourceName"/> names it in messages.</summary>
    /// <exception cref="ScenarioException">The text is not JSON or not a valid scenario.</exception>
    public static Scenario Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = ((e.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            var position = ((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            throw new ScenarioException(sourceName, [$"line {line}, position {position}: invalid JSON: {CleanJsonMessage(e.Message)}"]);
        }

        using (document)
        {
            var problems = new JsonProblems();
            var scenario = new ScenarioParser(problems).Parse(document.RootElement);
            return problems.Count == 0 && scenario is not null
                ? scenario
                : throw new ScenarioException(sourceName, problems.Count > 0 ? problems.All : ["the scenario is not valid"]);
        }
    }

    private static string CleanJsonMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut].TrimEnd();
    }
}
