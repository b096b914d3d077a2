using ReviewFlow.Domain.Coaching;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Functions.Simulation.Scenario;

using Xunit;

namespace ReviewFlow.Functions.Tests.Simulation.Scenario;

public sealed class ScenarioLoaderTests
{
    /// <summary>A small valid scenario; each bad case below changes one unique fragment of it.</summary>
    private const string Valid = """
        {
          "description": "two sellers",
          "quarter": { "label": "2027-Q1", "start": "2027-01-04", "weeks": 13 },
          "policy": { "belowPlanRatio": 0.8, "reviewLength": "00:30:00" },
          "teams": [{
            "manager": { "id": "mark", "name": "Mark", "email": "mark@example.test", "timeZone": "Europe/London",
              "workingHours": { "start": "09:00", "end": "17:30", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
              "busy": [ { "start": "2027-01-05T09:00:00Z", "end": "2027-01-05T12:00:00Z" } ],
              "escalateTo": "dana@example.test" },
            "sellers": [
              { "id": "priya", "name": "Priya", "email": "priya@example.test", "timeZone": "Europe/London",
                "workingHours": { "start": "08:30", "end": "17:00", "days": ["Mon", "Tue", "Wed", "Thu"] },
                "startedOn": "2026-10-01",
                "proposed": { "revenue": 90000, "newConversationsPerWeek": 10, "proposalTurnaroundDays": 3 },
                "responses": {
                  "define": { "afterHours": 1 },
                  "agreement": [ { "afterHours": 20, "counter": { "revenue": 80000 }, "reason": "two accounts moved" } ],
                  "managerOnCounter": [ { "afterHours": 4, "accept": true } ],
                  "checkIn": { "afterHours": 2 },
                  "coaching": { "diagnosis": "external", "actions": ["Review the key-account hand-over with Mark."] }
                },
                "weekly": [ { "revenue": 6000, "newConversations": 9, "proposalTurnaroundDays": 3 }, null, {} ],
                "extraCheckIns": [ { "week": 3, "by": "manager" } ],
                "busy": [ { "start": "2027-01-06T09:00:00Z", "end": "2027-01-06T10:00:00Z" } ] },
              { "id": "tom", "name": "Tom", "email": "tom@example.test", "timeZone": "America/New_York",
                "workingHours": { "start": "09:00", "end": "17:00", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
                "startedOn": "2020-01-01",
                "proposed": { "revenue": 80000 },
                "responses": { "agreement": [ { "accept": true } ] } }
            ]
          }]
        }
        """;

    public static TheoryData<string, string, string> BadScenarios => new()
    {
        { "\"start\": \"2027-01-04\"", "\"start\": \"2027-13-01\"", "quarter.start: \"2027-13-01\" is not a date (yyyy-MM-dd)" },
        { "\"label\": \"2027-Q1\"", "\"label\": \"2027/Q1\"", "quarter.label: \"2027/Q1\" must be letters, digits, '-' or '_'" },
        { "\"email\": \"tom@example.test\"", "\"email\": \"MARK@example.test\"", "teams[0].sellers[1].email: \"MARK@example.test\" is already used at teams[0].manager.email" },
        { "\"weekly\": [", "\"weeklyy\": [", "teams[0].sellers[0].weeklyy: unknown field" },
        { "\"America/New_York\"", "\"Mars/Olympus\"", "teams[0].sellers[1].timeZone: \"Mars/Olympus\" is not a known IANA or Windows time zone" },
        { "\"id\": \"tom\"", "\"id\": \"mark\"", "teams[0].sellers[1].id: \"mark\" is already used at teams[0].manager.id" },
        { "\"id\": \"tom\"", "\"id\": \"Tom Smith\"", "teams[0].sellers[1].id: \"Tom Smith\" must be 1 to 40 lowercase letters" },
        { ", \"reason\": \"two accounts moved\"", string.Empty, "teams[0].sellers[0].responses.agreement[0].reason: is required with a counter" },
        { "{ \"revenue\": 6000, \"newConversations\": 9", "{ \"revenu\": 6000, \"newConversations\": 9", "teams[0].sellers[0].weekly[0].revenu: is not a reported figure of the proposed targets" },
        { "\"newConversations\": 9", "\"newConversationsPerWeek\": 9", "teams[0].sellers[0].weekly[0].newConversationsPerWeek: is not a reported figure: the target \"newConversationsPerWeek\" is reported as \"newConversations\"" },
        { "\"newConversations\": 9", "\"newConversations\": -1", "teams[0].sellers[0].weekly[0].newConversations: must be a number >= 0" },
        { "\"newConversations\": 9", "\"newConversations\": \"nine\"", "teams[0].sellers[0].weekly[0].newConversations: must be a number >= 0" },
        { ", null, {} ]", ", null, {}" + string.Concat(Enumerable.Repeat(", null", 11)) + " ]", "teams[0].sellers[0].weekly: has 14 weeks but the quarter has 13" },
        { "\"by\": \"manager\"", "\"by\": \"boss\"", "teams[0].sellers[0].extraCheckIns[0].by: \"boss\" must be \"manager\" or \"seller\"" },
        { "\"week\": 3", "\"week\": 14", "teams[0].sellers[0].extraCheckIns[0].week: must be a quarter week between 1 and 13" },
        { "\"2027-01-06T09:00:00Z\"", "\"2027-01-06T09:00:00\"", "teams[0].sellers[0].busy[0].start: \"2027-01-06T09:00:00\" is not a UTC time in ISO-8601 ending in Z" },
        { "\"end\": \"2027-01-05T12:00:00Z\"", "\"end\": \"2027-01-05T08:00:00Z\"", "teams[0].manager.busy[0].end: must be after start" },
        { "\"belowPlanRatio\": 0.8", "\"belowPlanRatio\": \"high\"", "policy.belowPlanRatio: must be a number" },
        { "\"belowPlanRatio\": 0.8", "\"belowPlanRatio\": 1.5", "policy.belowPlanRatio: BelowPlanRatio must be above 0 and below AbovePlanRatio" },
        { "\"belowPlanRatio\": 0.8", "\"belowPlanRatoi\": 0.8", "policy.belowPlanRatoi: unknown field" },
        { "\"reviewLength\": \"00:30:00\"", "\"reviewLength\": \"half an hour\"", "policy.reviewLength: must be a duration like \"00:20:00\"" },
        { "\"email\": \"tom@example.test\"", "\"email\": \"tom-at-example\"", "teams[0].sellers[1].email: \"tom-at-example\" does not look like an email address" },
        { "\"dana@example.test\"", "\"dana\"", "teams[0].manager.escalateTo: \"dana\" does not look like an email address" },
        { "\"start\": \"09:00\", \"end\": \"17:30\"", "\"start\": \"9am\", \"end\": \"17:30\"", "teams[0].manager.workingHours.start: \"9am\" is not a time of day (HH:mm)" },
        { "[\"Mon\", \"Tue\", \"Wed\", \"Thu\"]", "[\"Mon\", \"Funday\"]", "teams[0].sellers[0].workingHours.days[1]: \"Funday\" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)" },
        { "\"startedOn\": \"2020-01-01\"", "\"startedOn\": \"2027-05-01\"", "teams[0].sellers[1].startedOn: \"2027-05-01\" is after the quarter's end (2027-04-04)" },
        { "\"startedOn\": \"2020-01-01\",", string.Empty, "teams[0].sellers[1].startedOn: is required" },
        { "\"counter\": { \"revenue\": 80000 }", "\"counter\": { \"dealsWon\": 3 }", "teams[0].sellers[0].responses.agreement[0].counter.dealsWon: is not one of the proposed targets" },
        { "\"counter\": {", "\"accept\": true, \"counter\": {", "teams[0].sellers[0].responses.agreement[0]: give either \"accept\": true or a \"counter\", not both" },
        { "[ { \"accept\": true } ]", "[ { \"afterHours\": 2 } ]", "teams[0].sellers[1].responses.agreement[0]: needs \"accept\": true, or a \"counter\"" },
        { "[ { \"accept\": true } ]", "[ { \"accept\": true, \"afterHours\": 900 } ]", "teams[0].sellers[1].responses.agreement[0].afterHours: must be a number of hours between 0 and 720" },
        { "[ { \"accept\": true } ]", "[ { \"accept\": true }, { \"accept\": true } ]", "teams[0].sellers[1].responses.agreement[1]: is never used: the targets are agreed at teams[0].sellers[1].responses.agreement[0]" },
        { "{ \"afterHours\": 4, \"accept\": true }", "{ \"afterHours\": 4, \"keep\": true }", "teams[0].sellers[0].responses.managerOnCounter[0].reason: is required with \"keep\"" },
        { "{ \"afterHours\": 4, \"accept\": true }", "{ \"afterHours\": 4, \"accept\": true, \"revise\": { \"revenue\": 85000 }, \"reason\": \"x\" }", "teams[0].sellers[0].responses.managerOnCounter[0]: needs exactly one of" },
        { "\"diagnosis\": \"external\"", "\"diagnosis\": \"lazy\"", "teams[0].sellers[0].responses.coaching.diagnosis: \"lazy\" must be one of \"skill\", \"motivation\", \"external\", \"personal\"" },
        { "\"proposed\": { \"revenue\": 80000 }", "\"proposed\": { \"revenue\": -5 }", "teams[0].sellers[1].proposed.revenue: the target must not be negative" },
        { "\"proposed\": { \"revenue\": 80000 }", "\"proposed\": { }", "teams[0].sellers[1].proposed: must name at least one target" },
        { "\"name\": \"Tom\", ", string.Empty, "teams[0].sellers[1].name: is required" },
        { "\"weeks\": 13", "\"weeks\": 13.5", "quarter.weeks: must be a whole number" },
        { "\"weeks\": 13", "\"weeks\": 0", "quarter.weeks: quarter.weeks must be between 1 and" },
        { "\"start\": \"08:30\", \"end\": \"17:00\"", "\"start\": \"18:00\", \"end\": \"17:00\"", "teams[0].sellers[0].workingHours.start: workingHours.start (18:00) must be before workingHours.end (17:00)" },
        { "\"description\": \"two sellers\",", "\"description\": \"two sellers\", \"description\": \"again\",", "description: appears more than once" },
    };

    [Fact]
    public void Parse_ValidScenario_BuildsTheModelWithDefaultsAndExtensions()
    {
        var scenario = ScenarioLoader.Parse(Valid, "valid.json");

        Assert.Equal("two sellers", scenario.Description);
        Assert.Equal(0.8, scenario.Policy.BelowPlanRatio);
        Assert.Equal(TimeSpan.FromMinutes(30), scenario.Policy.ReviewLength);
        Assert.Equal(ReviewPolicy.Default.AbovePlanRatio, scenario.Policy.AbovePlanRatio);
        var team = Assert.Single(scenario.Teams);
        Assert.Equal("dana@example.test", team.Manager.EscalateTo);
        Assert.Equal(2, team.Sellers.Count);

        var priya = team.Sellers[0];
        Assert.Equal(new DateOnly(2026, 10, 1), priya.Seller.StartedOn);
        Assert.Equal(["revenue", "newConversationsPerWeek", "proposalTurnaroundDays"], priya.Proposed.Keys);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday], priya.Seller.Person.WorkingHours.Days);
        Assert.Equal(new TimeOnly(8, 30), priya.Seller.Person.WorkingHours.Start);
        Assert.Equal(1, priya.Script.DefineAfterHours);
        Assert.Equal(2, priya.Script.CheckInAfterHours);
        var counter = Assert.Single(priya.Script.Agreement);
        Assert.False(counter.Accept);
        Assert.Equal(80000, counter.Counter!["revenue"]);
        Assert.Equal("two accounts moved", counter.Reason);
        Assert.True(Assert.Single(priya.Script.ManagerOnCounter).Accept);
        Assert.Equal(3, priya.Script.Weekly.Count);
        Assert.Equal(9, priya.Script.Weekly[0]!["newConversations"]);
        Assert.Null(priya.Script.Weekly[1]);
        Assert.Null(priya.Script.Weekly[2]);
        Assert.Null(priya.Script.WeekFigures(4));
        Assert.Equal(new ExtraCheckInRequest(3, RequestedBy.Manager), Assert.Single(priya.Script.ExtraCheckIns));
        Assert.Equal(DiagnosisCategory.External, priya.Script.Coaching.Diagnosis);
        Assert.Equal(CoachingScript.DefaultReflectionAfterHours, priya.Script.Coaching.ReflectionAfterHours);
        Assert.Equal(new DateTime(2027, 1, 6, 9, 0, 0, DateTimeKind.Utc), Assert.Single(priya.Busy).Start);
        Assert.Equal(DateTimeKind.Utc, priya.Busy[0].Start.Kind);

        var tom = team.Sellers[1];
        Assert.Equal(SellerScript.DefaultDefineAfterHours, tom.Script.DefineAfterHours);
        Assert.Equal(AgreementAnswer.DefaultAfterHours, Assert.Single(tom.Script.Agreement).AfterHours);
        Assert.Empty(tom.Script.Weekly);
        Assert.Equal(CoachingScript.Default, tom.Script.Coaching);
        Assert.Equal(["mark", "priya", "tom"], scenario.Teams.Select(t => t.Manager.Person.Id).Concat(scenario.AllSellers.Select(s => s.Seller.Person.Id)));
    }

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void Parse_BadScenario_NamesTheExactPath(string find, string replace, string expected)
    {
        Assert.Equal(1, Occurrences(Valid, find));
        var problems = ProblemsOf(Valid.Replace(find, replace, StringComparison.Ordinal));

        Assert.True(
            problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)),
            $"expected a problem starting with [{expected}], got:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void Parse_EmptyTeams_ReportsTeams()
    {
        var problems = ProblemsOf("""{ "quarter": { "label": "2027-Q1", "start": "2027-01-04", "weeks": 13 }, "teams": [] }""");

        Assert.Equal(["teams: must list at least one team"], problems);
    }

    [Fact]
    public void Parse_TeamWithoutSellers_ReportsSellers()
    {
        var json = Valid.Replace("\"sellers\": [", "\"sellers\": [], \"x\": [", StringComparison.Ordinal);

        var problems = ProblemsOf(json);

        Assert.Contains("teams[0].sellers: must list at least one seller", problems);
        Assert.Contains(problems, p => p.StartsWith("teams[0].x: unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingQuarterAndTeams_ReportsBoth()
    {
        var problems = ProblemsOf("""{ "policy": {} }""");

        Assert.Equal(["quarter: is required", "teams: is required"], problems);
    }

    [Fact]
    public void Parse_RootIsNotAnObject_SaysSo()
    {
        Assert.Equal(["$: must be an object"], ProblemsOf("[1, 2]"));
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLineAndPosition()
    {
        var json = "{\n  \"quarter\": { \"label\": \"2027-Q1\", },\n  \"teams\": [ }\n}";

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "broken.json"));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("line 3, position ", problem, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem, StringComparison.Ordinal);
        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        Assert.Equal("broken.json", error.SourceName);
    }

    [Fact]
    public void Load_MissingFile_SaysFileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), "reviewflow-no-such-scenario-" + Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));

        Assert.Equal([$"{path}: file not found"], error.Problems);
        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ValidFile_ReadsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "reviewflow-scenario-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, Valid);
        try
        {
            var scenario = ScenarioLoader.Load(path);

            Assert.Equal(2, scenario.AllSellers.Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneInTheMessage()
    {
        var json = Valid
            .Replace("\"start\": \"2027-01-04\"", "\"start\": \"2027-13-01\"", StringComparison.Ordinal)
            .Replace("\"weekly\": [", "\"weeklyy\": [", StringComparison.Ordinal)
            .Replace("\"America/New_York\"", "\"Mars/Olympus\"", StringComparison.Ordinal)
            .Replace("\"by\": \"manager\"", "\"by\": \"boss\"", StringComparison.Ordinal)
            .Replace("\"belowPlanRatio\": 0.8", "\"belowPlanRatio\": \"high\"", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "many.json"));

        Assert.Equal(5, error.Problems.Count);
        string[] paths =
        [
            "quarter.start:", "policy.belowPlanRatio:", "teams[0].sellers[0].weeklyy:", "teams[0].sellers[0].extraCheckIns[0].by:",
            "teams[0].sellers[1].timeZone:",
        ];
        foreach (var path in paths)
        {
            Assert.Contains(error.Problems, p => p.StartsWith(path, StringComparison.Ordinal));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("5 problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PolicyWithSeveralBadValues_ReportsEach()
    {
        var json = Valid.Replace(
            "\"belowPlanRatio\": 0.8, \"reviewLength\": \"00:30:00\"",
            "\"belowPlanRatio\": \"low\", \"reviewLength\": 20, \"coachingWindow\": 2.5",
            StringComparison.Ordinal);

        var problems = ProblemsOf(json);

        Assert.Equal(
            ["policy.belowPlanRatio: must be a number", "policy.reviewLength: must be a duration like \"00:20:00\"", "policy.coachingWindow: must be a whole number"],
            problems);
    }

    [Fact]
    public void Parse_NullPolicy_UsesDefaults()
    {
        var json = Valid.Replace("{ \"belowPlanRatio\": 0.8, \"reviewLength\": \"00:30:00\" }", "null", StringComparison.Ordinal);

        Assert.Equal(ReviewPolicy.Default, ScenarioLoader.Parse(json, "null-policy.json").Policy);
    }

    private static IReadOnlyList<string> ProblemsOf(string json)
        => Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "test.json")).Problems;

    private static int Occurrences(string text, string fragment)
    {
        var count = 0;
        for (var at = text.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fragment, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
