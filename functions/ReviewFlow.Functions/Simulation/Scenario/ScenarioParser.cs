using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

using ReviewFlow.Domain.Coaching;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Domain.Scheduling;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>
/// Walks a scenario document field by field, recording every problem with its exact JSON path and building the
/// model as it goes; the result is only used when no problem was found.
/// </summary>
internal sealed partial class ScenarioParser(JsonProblems problems)
{
    /// <summary>Longest delay a scripted answer may have: a month, far beyond any reminder or escalation.</summary>
    public const double MaxAfterHours = 720;

    private static readonly string[] TopFields = ["description", "quarter", "policy", "teams"];
    private static readonly string[] QuarterFields = ["label", "start", "weeks"];
    private static readonly string[] TeamFields = ["manager", "sellers"];
    private static readonly string[] ManagerFields = ["id", "name", "email", "timeZone", "workingHours", "busy", "escalateTo"];
    private static readonly string[] SellerFields =
        ["id", "name", "email", "timeZone", "workingHours", "startedOn", "proposed", "responses", "weekly", "extraCheckIns", "busy"];

    private static readonly string[] WorkingHoursFields = ["start", "end", "days"];
    private static readonly string[] RangeFields = ["start", "end"];
    private static readonly string[] ResponsesFields = ["define", "agreement", "managerOnCounter", "checkIn", "coaching"];
    private static readonly string[] AfterHoursFields = ["afterHours"];
    private static readonly string[] AgreementFields = ["afterHours", "accept", "counter", "reason"];
    private static readonly string[] CounterAnswerFields = ["afterHours", "accept", "revise", "keep", "reason"];
    private static readonly string[] CoachingFields = ["reflectionAfterHours", "notesAfterHours", "diagnosis", "actions"];
    private static readonly string[] ExtraCheckInFields = ["week", "by"];
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];
    private static readonly string[] InstantFormats =
        ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["Mon"] = DayOfWeek.Monday,
        ["Tue"] = DayOfWeek.Tuesday,
        ["Wed"] = DayOfWeek.Wednesday,
        ["Thu"] = DayOfWeek.Thursday,
        ["Fri"] = DayOfWeek.Friday,
        ["Sat"] = DayOfWeek.Saturday,
        ["Sun"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, DiagnosisCategory> Diagnoses = new(StringComparer.Ordinal)
    {
        ["skill"] = DiagnosisCategory.Skill,
        ["motivation"] = DiagnosisCategory.Motivation,
        ["external"] = DiagnosisCategory.External,
        ["personal"] = DiagnosisCategory.Personal,
    };

    // Ids become durable instance ids, so they must be unique across managers and sellers of the whole scenario.
    private readonly Dictionary<string, string> _idPaths = new(StringComparer.Ordinal);

    // One mailbox is one person: the dev calendar's busy times and every invitation are keyed by it.
    private readonly Dictionary<string, string> _personEmailPaths = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The scenario, or null when a problem was recorded.</summary>
    public Scenario? Parse(JsonElement root)
    {
        var top = problems.Object(root, string.Empty, TopFields);
        if (top is null)
        {
            return null;
        }

        var description = problems.String(top, "description", required: false);
        var quarter = ReadQuarter(top);
        var policy = top.TryGet("policy", out var policyElement)
            ? PolicyReader.Read(policyElement, "policy", problems)
            : ReviewPolicy.Default;
        Catalogue = policy?.Catalogue ?? MetricCatalogue.Default;
        var teams = ReadTeams(top, quarter);
        return problems.Count > 0 || quarter is null || policy is null || teams is null
            ? null
            : new Scenario(quarter, policy, teams, description);
    }

    // The policy's catalogue decides each metric's kind (custom lower-is-better metrics are declared there).
    private MetricCatalogue Catalogue { get; set; } = MetricCatalogue.Default;

    private static string Quote(string text) => JsonProblems.Quote(text);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    private Quarter? ReadQuarter(JsonFields top)
    {
        var fields = problems.RequiredObject(top, "quarter", QuarterFields);
        if (fields is null)
        {
            return null;
        }

        var before = problems.Count;
        var label = problems.String(fields, "label", required: true);
        var start = Date(fields, "start", required: true);
        var weeks = problems.Integer(fields, "weeks");
        if (label is null || start is null || weeks is null)
        {
            return null;
        }

        // The label becomes part of every cycle's instance id ("cycle-2027-Q1-priya").
        if (!LabelPattern().IsMatch(label))
        {
            problems.Add(fields.PathOf("label"), $"{Quote(label)} must be letters, digits, '-' or '_' (it becomes part of instance ids), like \"2027-Q1\"");
        }

        var quarter = new Quarter(label, start.Value, weeks.Value);
        foreach (var message in quarter.Validate())
        {
            problems.AddQualified(fields.Path, message, QuarterFields);
        }

        return problems.Count > before ? null : quarter;
    }

    private List<ScenarioTeam>? ReadTeams(JsonFields top, Quarter? quarter)
    {
        var items = problems.Array(top, "teams", required: true);
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            problems.Add(top.PathOf("teams"), "must list at least one team");
            return null;
        }

        var teams = new List<ScenarioTeam>(items.Count);
        foreach (var (item, path) in items)
        {
            if (ReadTeam(item, path, quarter) is { } team)
            {
                teams.Add(team);
            }
        }

        return teams;
    }

    private ScenarioTeam? ReadTeam(JsonElement element, string path, Quarter? quarter)
    {
        var fields = problems.Object(element, path, TeamFields);
        if (fields is null)
        {
            return null;
        }

        Manager? manager = null;
        IReadOnlyList<TimeRange> managerBusy = [];
        var managerFields = problems.RequiredObject(fields, "manager", ManagerFields);
        if (managerFields is not null)
        {
            var person = ReadPerson(managerFields);
            var escalateTo = Email(managerFields, "escalateTo", required: false);
            managerBusy = ReadBusy(managerFields);
            manager = person is null ? null : new Manager(person, escalateTo);
        }

        var sellers = new List<ScenarioSeller>();
        var sellerItems = problems.Array(fields, "sellers", required: true);
        if (sellerItems is not null)
        {
            if (sellerItems.Count == 0)
            {
                problems.Add(fields.PathOf("sellers"), "must list at least one seller");
            }

            foreach (var (item, itemPath) in sellerItems)
            {
                if (ReadSeller(item, itemPath, quarter) is { } seller)
                {
                    sellers.Add(seller);
                }
            }
        }

        return manager is null ? null : new ScenarioTeam(manager, managerBusy, sellers);
    }

    private ScenarioSeller? ReadSeller(JsonElement element, string path, Quarter? quarter)
    {
        var fields = problems.Object(element, path, SellerFields);
        if (fields is null)
        {
            return null;
        }

        var person = ReadPerson(fields);
        var startedOn = Date(fields, "startedOn", required: true);
        if (startedOn is { } started && quarter is not null)
        {
            var lastDay = quarter.Start.AddDays((7 * quarter.Weeks) - 1);
            if (started > lastDay)
            {
                problems.Add(fields.PathOf("startedOn"), $"{Quote(Invariant(started))} is after the quarter's end ({Invariant(lastDay)})");
            }
        }

        var proposed = ReadProposed(fields);
        var reportedKeys = proposed is null ? null : ReportedKeys(proposed, fields.PathOf("proposed"));
        var script = ReadScript(fields, proposed, reportedKeys, quarter);
        var busy = ReadBusy(fields);
        return person is null || startedOn is null || proposed is null
            ? null
            : new ScenarioSeller(new Seller(person, startedOn.Value), proposed, script, busy);
    }

    private Person? ReadPerson(JsonFields fields)
    {
        var id = Id(fields);
        var name = problems.String(fields, "name", required: true);
        var email = Email(fields, "email", required: true);
        if (email is not null && !_personEmailPaths.TryAdd(email, fields.PathOf("email")))
        {
            problems.Add(fields.PathOf("email"), $"{Quote(email)} is already used at {_personEmailPaths[email]} (each person needs their own mailbox)");
            email = null;
        }

        var timeZone = TimeZone(fields);
        var hours = ReadWorkingHours(fields);
        return id is null || name is null || email is null || timeZone is null || hours is null
            ? null
            : new Person(id, name, email, timeZone, hours);
    }

    private string? Id(JsonFields fields)
    {
        var id = problems.String(fields, "id", required: true);
        if (id is null)
        {
            return null;
        }

        var path = fields.PathOf("id");
        if (!IdPattern().IsMatch(id))
        {
            problems.Add(path, $"{Quote(id)} must be 1 to 40 lowercase letters, digits, '-' or '_', starting with a letter or digit");
            return null;
        }

        if (_idPaths.TryGetValue(id, out var first))
        {
            problems.Add(path, $"{Quote(id)} is already used at {first} (ids are unique across managers and sellers)");
            return null;
        }

        _idPaths[id] = path;
        return id;
    }

    private string? Email(JsonFields fields, string name, bool required)
    {
        var email = problems.String(fields, name, required);
        if (email is null)
        {
            return null;
        }

        if (email.Length > 254 || !EmailPattern().IsMatch(email))
        {
            problems.Add(fields.PathOf(name), $"{Quote(email)} does not look like an email address");
            return null;
        }

        return email;
    }

    private string? TimeZone(JsonFields fields)
    {
        var id = problems.String(fields, "timeZone", required: true);
        if (id is null)
        {
            return null;
        }

        if (!TimeZones.TryFind(id, out _))
        {
            problems.Add(fields.PathOf("timeZone"), $"{Quote(id)} is not a known IANA or Windows time zone");
            return null;
        }

        return id;
    }

    private WorkingHours? ReadWorkingHours(JsonFields parent)
    {
        var fields = problems.RequiredObject(parent, "workingHours", WorkingHoursFields);
        if (fields is null)
        {
            return null;
        }

        var before = problems.Count;
        var start = Time(fields, "start");
        var end = Time(fields, "end");
        var days = ReadDays(fields);
        if (start is null || end is null || days is null || problems.Count > before)
        {
            return null;
        }

        var hours = new WorkingHours(start.Value, end.Value, days);
        foreach (var message in hours.Validate())
        {
            problems.AddQualified(fields.Path, message, WorkingHoursFields);
        }

        return problems.Count > before ? null : hours;
    }

    private TimeOnly? Time(JsonFields fields, string name)
    {
        var text = problems.String(fields, name, required: true);
        if (text is null)
        {
            return null;
        }

        if (!TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            problems.Add(fields.PathOf(name), $"{Quote(text)} is not a time of day (HH:mm)");
            return null;
        }

        return time;
    }

    private List<DayOfWeek>? ReadDays(JsonFields fields)
    {
        var items = problems.Array(fields, "days", required: true);
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            problems.Add(fields.PathOf("days"), "must list at least one working day");
            return null;
        }

        var days = new List<DayOfWeek>(items.Count);
        foreach (var (item, path) in items)
        {
            if (item.ValueKind != JsonValueKind.String || !DayNames.TryGetValue(item.GetString()!, out var day))
            {
                var shown = item.ValueKind == JsonValueKind.String ? Quote(item.GetString()!) : item.GetRawText();
                problems.Add(path, $"{shown} is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
            }
            else if (days.Contains(day))
            {
                problems.Add(path, $"{Quote(item.GetString()!)} appears more than once");
            }
            else
            {
                days.Add(day);
            }
        }

        return days;
    }

    private DateOnly? Date(JsonFields fields, string name, bool required)
    {
        var text = problems.String(fields, name, required);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add(fields.PathOf(name), $"{Quote(text)} is not a date (yyyy-MM-dd)");
            return null;
        }

        return date;
    }

    private List<TimeRange> ReadBusy(JsonFields fields)
    {
        var ranges = new List<TimeRange>();
        foreach (var (item, path) in problems.Array(fields, "busy", required: false) ?? [])
        {
            var range = problems.Object(item, path, RangeFields);
            if (range is null)
            {
                continue;
            }

            var start = Instant(range, "start");
            var end = Instant(range, "end");
            if (start is null || end is null)
            {
                continue;
            }

            if (end <= start)
            {
                problems.Add(range.PathOf("end"), "must be after start");
                continue;
            }

            ranges.Add(new TimeRange(start.Value, end.Value));
        }

        return ranges;
    }

    private DateTime? Instant(JsonFields fields, string name)
    {
        var text = problems.String(fields, name, required: true);
        if (text is null)
        {
            return null;
        }

        if (!DateTime.TryParseExact(
            text,
            InstantFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var instant))
        {
            problems.Add(fields.PathOf(name), $"{Quote(text)} is not a UTC time in ISO-8601 ending in Z (like \"2027-01-05T09:00:00Z\")");
            return null;
        }

        return DateTime.SpecifyKind(instant, DateTimeKind.Utc);
    }

    private IReadOnlyDictionary<string, double>? ReadProposed(JsonFields fields)
    {
        var path = fields.PathOf("proposed");
        if (!fields.TryGet("proposed", out var element))
        {
            problems.Add(path, "is required");
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "must be an object of metric → target");
            return null;
        }

        var before = problems.Count;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = JsonProblems.Child(path, property.Name);
            if (values.ContainsKey(property.Name))
            {
                problems.Add(at, "appears more than once");
            }
            else if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value))
            {
                problems.Add(at, "must be a number");
            }
            else
            {
                values.Add(property.Name, value);
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        if (values.Count == 0)
        {
            problems.Add(path, "must name at least one target, so the seller knows what good looks like");
            return null;
        }

        foreach (var message in ExpectationSet.From(values, Catalogue).Validate())
        {
            problems.AddQualified(path, message, values.Keys);
        }

        return problems.Count > before ? null : values.AsReadOnly();
    }

    // The keys a weekly check-in uses ("xPerWeek" is reported as "x"), target key by reported key.
    private Dictionary<string, string> ReportedKeys(IReadOnlyDictionary<string, double> proposed, string path)
    {
        var reported = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var target in ExpectationSet.From(proposed, Catalogue).Targets)
        {
            var key = PeriodEvaluator.ReportedKey(target);
            if (!reported.TryAdd(key, target.Key))
            {
                problems.Add(JsonProblems.Child(path, target.Key), $"is reported as {Quote(key)} in check-ins, like {Quote(reported[key])}: keep only one of them");
            }
        }

        return reported;
    }

    private SellerScript ReadScript(JsonFields seller, IReadOnlyDictionary<string, double>? proposed, Dictionary<string, string>? reportedKeys, Quarter? quarter)
    {
        var responses = problems.OptionalObject(seller, "responses", ResponsesFields);
        var define = problems.OptionalObject(responses, "define", AfterHoursFields);
        var defineAfter = problems.Number(define, "afterHours", SellerScript.DefaultDefineAfterHours, 0, MaxAfterHours, "hours");
        var checkIn = problems.OptionalObject(responses, "checkIn", AfterHoursFields);
        var checkInAfter = problems.Number(checkIn, "afterHours", SellerScript.DefaultCheckInAfterHours, 0, MaxAfterHours, "hours");
        var before = problems.Count;
        var agreement = ReadAgreement(responses, proposed);
        var managerOnCounter = ReadManagerOnCounter(responses, proposed);
        if (problems.Count == before)
        {
            CheckAnswersAreUsed(agreement, managerOnCounter);
        }

        var coaching = ReadCoaching(responses);
        var weekly = ReadWeekly(seller, reportedKeys, quarter);
        var extras = ReadExtraCheckIns(seller, quarter);
        return new SellerScript(
            defineAfter,
            [.. agreement.Select(a => a.Answer)],
            [.. managerOnCounter.Select(a => a.Answer)],
            weekly,
            checkInAfter,
            extras,
            coaching);
    }

    private List<(AgreementAnswer Answer, string Path)> ReadAgreement(JsonFields? responses, IReadOnlyDictionary<string, double>? proposed)
    {
        var answers = new List<(AgreementAnswer, string)>();
        foreach (var (item, path) in problems.Array(responses, "agreement", required: false) ?? [])
        {
            var fields = problems.Object(item, path, AgreementFields);
            if (fields is null)
            {
                continue;
            }

            var before = problems.Count;
            var afterHours = problems.Number(fields, "afterHours", AgreementAnswer.DefaultAfterHours, 0, MaxAfterHours, "hours");
            var accept = problems.Boolean(fields, "accept") == true;
            var hasCounter = fields.TryGet("counter", out _);
            var counter = hasCounter ? Targets(fields, "counter", proposed) : null;
            var reason = problems.String(fields, "reason", required: false);
            if (accept && hasCounter)
            {
                problems.Add(path, "give either \"accept\": true or a \"counter\", not both");
            }
            else if (!accept && !hasCounter)
            {
                problems.Add(path, "needs \"accept\": true, or a \"counter\" with a \"reason\"");
            }

            if (hasCounter && !fields.Has("reason"))
            {
                problems.Add(fields.PathOf("reason"), "is required with a counter: say why the targets should change");
            }

            if (problems.Count == before)
            {
                answers.Add((new AgreementAnswer(afterHours, accept, counter, reason), path));
            }
        }

        return answers;
    }

    private List<(CounterAnswer Answer, string Path)> ReadManagerOnCounter(JsonFields? responses, IReadOnlyDictionary<string, double>? proposed)
    {
        var answers = new List<(CounterAnswer, string)>();
        foreach (var (item, path) in problems.Array(responses, "managerOnCounter", required: false) ?? [])
        {
            var fields = problems.Object(item, path, CounterAnswerFields);
            if (fields is null)
            {
                continue;
            }

            var before = problems.Count;
            var afterHours = problems.Number(fields, "afterHours", CounterAnswer.DefaultAfterHours, 0, MaxAfterHours, "hours");
            var accept = problems.Boolean(fields, "accept") == true;
            var keep = problems.Boolean(fields, "keep") == true;
            var hasRevise = fields.TryGet("revise", out _);
            var revise = hasRevise ? Targets(fields, "revise", proposed) : null;
            var reason = problems.String(fields, "reason", required: false);
            var choices = (accept ? 1 : 0) + (keep ? 1 : 0) + (hasRevise ? 1 : 0);
            if (choices != 1)
            {
                problems.Add(path, "needs exactly one of \"accept\": true, \"revise\" (with a \"reason\") or \"keep\": true (with a \"reason\")");
            }
            else if ((keep || hasRevise) && !fields.Has("reason"))
            {
                problems.Add(fields.PathOf("reason"), $"is required with {(keep ? "\"keep\"" : "\"revise\"")}: say why to the seller");
            }

            if (problems.Count == before)
            {
                answers.Add((new CounterAnswer(afterHours, accept, revise, reason), path));
            }
        }

        return answers;
    }

    // Replays the exchange (seller answers; a counter gets the manager's answer; a revision or a kept proposal goes
    // back to the seller) and reports scripted answers the exchange never reaches: they are almost always a mistake.
    private void CheckAnswersAreUsed(List<(AgreementAnswer Answer, string Path)> agreement, List<(CounterAnswer Answer, string Path)> managerOnCounter)
    {
        var seller = 0;
        var manager = 0;
        string? agreedAt = null;
        while (seller < agreement.Count)
        {
            var (answer, path) = agreement[seller++];
            if (answer.Accept)
            {
                agreedAt = path;
                break;
            }

            if (manager >= managerOnCounter.Count)
            {
                break;
            }

            var (reply, replyPath) = managerOnCounter[manager++];
            if (reply.Accept)
            {
                agreedAt = replyPath;
                break;
            }
        }

        var why = agreedAt is null
            ? "is never used: the exchange stops earlier, waiting for an answer that is not scripted"
            : $"is never used: the targets are agreed at {agreedAt}";
        foreach (var (_, path) in agreement.Skip(seller))
        {
            problems.Add(path, why);
        }

        foreach (var (_, path) in managerOnCounter.Skip(manager))
        {
            problems.Add(path, why);
        }
    }

    // A counter-proposal or a revision: some of the proposed targets with new values.
    private Dictionary<string, double>? Targets(JsonFields fields, string name, IReadOnlyDictionary<string, double>? proposed)
    {
        var path = fields.PathOf(name);
        fields.TryGet(name, out var element);
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "must be an object of metric → target");
            return null;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = JsonProblems.Child(path, property.Name);
            if (proposed is not null && !proposed.ContainsKey(property.Name))
            {
                problems.Add(at, $"is not one of the proposed targets ({string.Join(", ", proposed.Keys)})");
            }
            else if (values.ContainsKey(property.Name))
            {
                problems.Add(at, "appears more than once");
            }
            else if (problems.Figure(property.Value, at) is { } value)
            {
                values.Add(property.Name, value);
            }
        }

        if (!element.EnumerateObject().Any())
        {
            problems.Add(path, "must change at least one target");
        }

        return values;
    }

    private CoachingScript ReadCoaching(JsonFields? responses)
    {
        var fields = problems.OptionalObject(responses, "coaching", CoachingFields);
        if (fields is null)
        {
            return CoachingScript.Default;
        }

        var reflection = problems.Number(fields, "reflectionAfterHours", CoachingScript.DefaultReflectionAfterHours, 0, MaxAfterHours, "hours");
        var notes = problems.Number(fields, "notesAfterHours", CoachingScript.DefaultNotesAfterHours, 0, MaxAfterHours, "hours");
        var diagnosis = DiagnosisCategory.Skill;
        var diagnosisText = problems.String(fields, "diagnosis", required: false);
        if (diagnosisText is not null && !Diagnoses.TryGetValue(diagnosisText, out diagnosis))
        {
            problems.Add(fields.PathOf("diagnosis"), $"{Quote(diagnosisText)} must be one of \"skill\", \"motivation\", \"external\", \"personal\"");
        }

        var actions = CoachingScript.DefaultActions;
        var items = problems.Array(fields, "actions", required: false);
        if (items is not null)
        {
            if (items.Count is 0 or > CoachingPlan.MaxActions)
            {
                problems.Add(fields.PathOf("actions"), $"must list 1 to {Invariant(CoachingPlan.MaxActions)} actions (has {Invariant(items.Count)})");
            }

            var list = new List<string>(items.Count);
            foreach (var (item, path) in items)
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (string.IsNullOrWhiteSpace(text) || text.Length > CoachingPlan.MaxActionLength)
                {
                    problems.Add(path, $"must be a non-blank string of at most {Invariant(CoachingPlan.MaxActionLength)} characters");
                }
                else
                {
                    list.Add(text);
                }
            }

            actions = list;
        }

        return new CoachingScript(reflection, notes, diagnosis, actions);
    }

    private List<IReadOnlyDictionary<string, double>?> ReadWeekly(JsonFields seller, Dictionary<string, string>? reportedKeys, Quarter? quarter)
    {
        var weekly = new List<IReadOnlyDictionary<string, double>?>();
        var items = problems.Array(seller, "weekly", required: false);
        if (items is null)
        {
            return weekly;
        }

        if (quarter is not null && items.Count > quarter.Weeks)
        {
            problems.Add(seller.PathOf("weekly"), $"has {Invariant(items.Count)} weeks but the quarter has {Invariant(quarter.Weeks)}");
        }

        foreach (var (item, path) in items)
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                weekly.Add(null);
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(path, "must be an object of figures, or null for a week without a check-in");
                weekly.Add(null);
                continue;
            }

            var figures = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var property in item.EnumerateObject())
            {
                var at = JsonProblems.Child(path, property.Name);
                if (reportedKeys is not null && !reportedKeys.ContainsKey(property.Name))
                {
                    problems.Add(at, UnknownFigure(property.Name, reportedKeys));
                }
                else if (figures.ContainsKey(property.Name))
                {
                    problems.Add(at, "appears more than once");
                }
                else if (problems.Figure(property.Value, at) is { } value)
                {
                    figures.Add(property.Name, value);
                }
            }

            // An empty week is a week without a check-in, like null.
            weekly.Add(figures.Count == 0 ? null : figures.AsReadOnly());
        }

        return weekly;
    }

    private static string UnknownFigure(string key, Dictionary<string, string> reportedKeys)
    {
        foreach (var (reported, target) in reportedKeys)
        {
            if (string.Equals(target, key, StringComparison.Ordinal))
            {
                return $"is not a reported figure: the target {Quote(target)} is reported as {Quote(reported)}, that week's count";
            }
        }

        return $"is not a reported figure of the proposed targets (expected: {string.Join(", ", reportedKeys.Keys)})";
    }

    private List<ExtraCheckInRequest> ReadExtraCheckIns(JsonFields seller, Quarter? quarter)
    {
        var requests = new List<ExtraCheckInRequest>();
        foreach (var (item, path) in problems.Array(seller, "extraCheckIns", required: false) ?? [])
        {
            var fields = problems.Object(item, path, ExtraCheckInFields);
            if (fields is null)
            {
                continue;
            }

            var week = problems.Integer(fields, "week");
            var lastWeek = quarter?.Weeks ?? int.MaxValue;
            if (week is { } w && (w < 1 || w > lastWeek))
            {
                var range = quarter is null ? "at least 1" : $"between 1 and {Invariant(lastWeek)}";
                problems.Add(fields.PathOf("week"), $"must be a quarter week {range} (got {Invariant(w)})");
                week = null;
            }

            var byText = problems.String(fields, "by", required: true);
            RequestedBy? by = byText switch
            {
                "manager" => RequestedBy.Manager,
                "seller" => RequestedBy.Seller,
                _ => null,
            };
            if (byText is not null && by is null)
            {
                problems.Add(fields.PathOf("by"), $"{Quote(byText)} must be \"manager\" or \"seller\"");
            }

            if (week is not null && by is not null)
            {
                requests.Add(new ExtraCheckInRequest(week.Value, by.Value));
            }
        }

        return requests;
    }
}
