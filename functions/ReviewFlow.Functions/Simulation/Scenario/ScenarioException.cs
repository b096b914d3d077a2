using System.Globalization;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>The scenario file could not be read or is not valid; <see cref="Problems"/> lists every problem found, each naming its JSON path.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception for a single problem.</summary>
    public ScenarioException()
        : this("the scenario is not valid")
    {
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public ScenarioException(string message)
        : this("scenario", [message])
    {
    }

    /// <summary>Creates the exception for a single problem caused by <paramref name="innerException"/>.</summary>
    public ScenarioException(string message, Exception innerException)
        : base(Describe("scenario", [message]), innerException)
    {
        SourceName = "scenario";
        Problems = [message];
    }

    /// <summary>Creates the exception listing <paramref name="problems"/> found in <paramref name="source"/>.</summary>
    public ScenarioException(string source, IReadOnlyList<string> problems)
        : base(Describe(source, problems))
    {
        ArgumentNullException.ThrowIfNull(problems);
        SourceName = source;
        Problems = problems;
    }

    /// <summary>The file (or name) the scenario came from.</summary>
    public string SourceName { get; }

    /// <summary>Every problem found, each "path: what is wrong".</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string source, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var count = problems.Count.ToString(CultureInfo.InvariantCulture);
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"{source} is not a valid scenario ({count} {noun}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
    }
}
