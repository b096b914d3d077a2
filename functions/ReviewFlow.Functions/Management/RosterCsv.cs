using System.Globalization;
using CsvHelper;

namespace ReviewFlow.Functions.Management;

/// <summary>
/// Reads a roster from CSV: one row per team, manager or seller (column <c>kind</c>), with a header row naming the
/// columns. Problems of the file's shape (unknown columns, a bad kind, a field that does not apply) are reported
/// per row, like the validator's; values are checked by <see cref="RosterValidator"/>.
/// </summary>
/// <remarks>
/// Columns (any order, any case): kind, id, name, email, timeZone, workStart, workEnd, workDays ("Mon Tue Wed" or
/// "Mon;Tue"), escalateTo (managers), startDate, managerId, roleTemplate ("revenue=90000;dealsWon=12") (sellers).
/// </remarks>
internal static class RosterCsv
{
    public const int MaxRows = RosterValidator.MaxSellers + (2 * RosterValidator.MaxManagers);

    private const int MaxFieldLength = 1000;
    private const int MaxRecordBytes = 16 * 1024;

    private static readonly string[] Columns =
        ["kind", "id", "name", "email", "timeZone", "workStart", "workEnd", "workDays", "escalateTo", "startDate", "managerId", "roleTemplate"];

    private static readonly Dictionary<string, string[]> Applies = new(StringComparer.Ordinal)
    {
        ["team"] = ["kind", "id", "name"],
        ["manager"] = ["kind", "id", "name", "email", "timeZone", "workStart", "workEnd", "workDays", "escalateTo"],
        ["seller"] = ["kind", "id", "name", "email", "timeZone", "workStart", "workEnd", "workDays", "startDate", "managerId", "roleTemplate"],
    };

    public static RosterDocument Read(string text, RosterProblems problems)
    {
        var document = new RosterDocument { Teams = [], Managers = [], Sellers = [] };
        var options = new CsvReaderOptions
        {
            // A fixed separator: guessing one could read a file with no comma in its first lines wrongly.
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = bad => problems.Add(
                "row " + bad.LineNumber.ToString(CultureInfo.InvariantCulture),
                bad.Reason == CsvMalformedReason.FieldCountMismatch
                    ? "has a different number of fields than the header has columns."
                    : $"is not valid CSV ({bad.Reason}); put a field with commas or quotes in double quotes, with any quote doubled."),
        };
        using var csv = CsvReader.FromText(text, options);
        try
        {
            ReadRows(csv, document, problems);
        }
        catch (CsvFormatException e)
        {
            // Only the position: with IncludeValuesInExceptions off the message holds no values, but it is not needed.
            problems.Add("row " + e.LineNumber.ToString(CultureInfo.InvariantCulture), $"could not be read as CSV (a record longer than {MaxRecordBytes / 1024} KB, or an unclosed quote).");
        }

        return document;
    }

    private static void ReadRows(CsvReader csv, RosterDocument document, RosterProblems problems)
    {
        csv.ReadHeader();
        if (csv.Headers is not { Count: > 0 } header)
        {
            problems.Add("header", "The CSV is empty: the first row must name the columns (" + string.Join(", ", Columns) + ").");
            return;
        }

        var positions = ReadHeader(header, problems);
        if (problems.Count > 0)
        {
            return;
        }

        var rows = 0;
        while (csv.Read())
        {
            var at = "row " + csv.LineNumber.ToString(CultureInfo.InvariantCulture);
            if (++rows > MaxRows)
            {
                problems.Add("rows", $"At most {MaxRows} rows in one roster.");
                break;
            }

            var fields = positions.ToDictionary(p => p.Key, p => csv.GetString(p.Value), StringComparer.Ordinal);
            if (fields.Values.Any(v => v.Length > MaxFieldLength))
            {
                problems.Add(at, $"has a field longer than {MaxFieldLength} characters.");
                continue;
            }

            AddRow(document, fields, at, problems);
        }
    }

    private static Dictionary<string, int> ReadHeader(IReadOnlyList<string> header, RosterProblems problems)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var column = Columns.FirstOrDefault(c => string.Equals(c, header[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                problems.Add("header", $"Unknown column '{Shorten(header[i])}' (the columns are: {string.Join(", ", Columns)}).");
            }
            else if (!positions.TryAdd(column, i))
            {
                problems.Add("header", $"The column '{column}' appears more than once.");
            }
        }

        foreach (var required in new[] { "kind", "id", "name" }.Where(c => !positions.ContainsKey(c)))
        {
            problems.Add("header", $"The column '{required}' is missing.");
        }

        return positions;
    }

    private static void AddRow(RosterDocument document, Dictionary<string, string> fields, string at, RosterProblems problems)
    {
        var kind = fields["kind"].ToLowerInvariant();
        if (!Applies.TryGetValue(kind, out var applies))
        {
            problems.Add(at + ".kind", $"'{Shorten(fields["kind"])}' is not team, manager or seller.");
            return;
        }

        foreach (var (column, value) in fields.Where(f => f.Value.Length > 0 && !applies.Contains(f.Key)))
        {
            problems.Add($"{at}.{column}", $"does not apply to a {kind} row; leave it empty.");
        }

        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        switch (kind)
        {
            case "team":
                document.Teams!.Add(new TeamEntry { Source = at, Id = Field("id"), Name = Field("name") });
                break;
            case "manager":
                document.Managers!.Add(new ManagerEntry
                {
                    Source = at, Id = Field("id"), Name = Field("name"), Email = Field("email"), TimeZone = Field("timeZone"),
                    WorkingHours = Hours(Field("workStart"), Field("workEnd"), Field("workDays")), EscalateTo = Field("escalateTo"),
                });
                break;
            default:
                document.Sellers!.Add(new SellerEntry
                {
                    Source = at, Id = Field("id"), Name = Field("name"), Email = Field("email"), TimeZone = Field("timeZone"),
                    WorkingHours = Hours(Field("workStart"), Field("workEnd"), Field("workDays")),
                    StartDate = Field("startDate"), ManagerId = Field("managerId"),
                    RoleTemplate = Template(Field("roleTemplate"), at + ".roleTemplate", problems),
                });
                break;
        }
    }

    private static WorkingHoursEntry? Hours(string? start, string? end, string? days) =>
        start is null && end is null && days is null
            ? null
            : new WorkingHoursEntry
            {
                Start = start,
                End = end,
                Days = days?.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            };

    private static Dictionary<string, double>? Template(string? text, string at, RosterProblems problems)
    {
        if (text is null)
        {
            return null;
        }

        var template = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                problems.Add(at, $"'{Shorten(pair)}' is not metric=target (like revenue=90000).");
            }
            else if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(at, $"{Shorten(parts[0])}: '{Shorten(parts[1])}' is not a number.");
            }
            else if (!template.TryAdd(parts[0], value))
            {
                problems.Add(at, $"{Shorten(parts[0])}: the metric appears more than once.");
            }
        }

        return template;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
