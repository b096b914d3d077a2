using System.Xml.Linq;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Functions.Web.Dashboard;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

/// <summary>The pages' HTML from hand-built journals: well-formed, every status in words, every value encoded.</summary>
public sealed class DashboardPagesTests
{
    private static readonly (string, double)[] Template = [("revenue", 90000), ("newConversationsPerWeek", 10)];
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Parses a page body as XML: a tag left open or a value not encoded fails here.</summary>
    private static XElement Parse(string body) => XElement.Parse("<div>" + body + "</div>");

    private static CycleJournal Priya() => new CycleJournal("priya").Started().DefineRequested().Defined(1, Template).Proposed(1, 1, Template)
        .Agreed(2, "SellerAccepted", 1, [], Template)
        .Review(18, "below", [1, 2], ("revenue", 9000, 13846.15, 0.65), ("newConversationsPerWeek", 9, 10, 0.9))
        .Review(32, "noData", [3, 4])
        .Review(46, "above", [5, 6], ("revenue", 16000, 13846.15, 1.16), ("newConversationsPerWeek", 12, 10, 1.2))
        .Booked(CycleJournal.At(60, 10));

    [Fact]
    public void TeamBoard_Rows_LinkEachSellersCycleAndShowStatusesInWords()
    {
        var tom = new CycleJournal("tom", sellerName: "Tom <b>Bold</b>").Started().DefineRequested().Reminder(3, "Tom's expectations");
        var board = TeamBoard.Build("mark", "Mark Whitaker", "2027-Q1", [.. Priya().Entries, .. tom.Entries], CycleJournal.At(50));

        var body = TeamBoardPage.Body(board, London, new HashSet<string> { tom.CycleId }, ["2027-Q1", "2026-Q4"], null);
        var html = Parse(body);

        var links = html.Descendants("a").Select(a => a.Attribute("href")?.Value).ToList();
        Assert.Contains("/dashboard/cycles/cycle-2027-Q1-priya", links);
        Assert.Contains("/dashboard?quarter=2026-Q4", links);
        var chips = html.Descendants("span").Where(s => s.Attribute("class")?.Value.StartsWith("chip st-", StringComparison.Ordinal) == true).Select(s => s.Value);
        Assert.Equal(["below", "no data", "above"], chips);
        Assert.Contains("Tom <b>Bold</b>", html.Descendants("a").Select(a => a.Value)); // text, not markup
        Assert.DoesNotContain("<b>Bold", body, StringComparison.Ordinal);
        Assert.Contains("Mark Whitaker to define Tom <b>Bold</b>'s targets", html.Descendants("li").Select(l => l.Value.Split(" since")[0]));
        Assert.Contains("stopped on an error", body, StringComparison.Ordinal);
        Assert.Contains("Thu 4 Mar 2027, 10:00", body, StringComparison.Ordinal); // Priya's next review, London time
        Assert.Contains("Times are shown in Europe/London", body, StringComparison.Ordinal);
    }

    [Fact]
    public void TeamBoard_Summary_CountsSellersByPhase()
    {
        var ann = new CycleJournal("ann", sellerName: "Ann Lee").Started().DefineRequested();
        var board = TeamBoard.Build("mark", "Mark Whitaker", "2027-Q1", [.. Priya().Entries, .. ann.Entries], CycleJournal.At(50));

        var summary = Parse(TeamBoardPage.Body(board, London, new HashSet<string>(), ["2027-Q1"], null)).Descendants("p").First(p => p.Attribute("class")?.Value == "summary").Value;

        Assert.Equal("2 sellers: 1 Define, 1 Review.", summary);
    }

    [Fact]
    public void TeamPicker_Teams_LinkToEachTeamsBoardAndTheRollUp()
    {
        StartedTeam[] teams =
        [
            new("2027-Q1", "mark", "Mark Whitaker", 4, ["quarter-2027-Q1-mark"], CycleJournal.At(1)),
            new("2027-Q1", "nina", "Nina Patel", 1, ["quarter-2027-Q1-nina"], CycleJournal.At(1)),
        ];

        var links = Parse(TeamBoardPage.TeamPicker("2027-Q1", teams, ["2027-Q1"])).Descendants("a").Select(a => a.Attribute("href")?.Value).ToList();

        Assert.Equal(["/dashboard/revops?quarter=2027-Q1", "/dashboard?quarter=2027-Q1&team=mark", "/dashboard?quarter=2027-Q1&team=nina"], links);
    }

    [Fact]
    public void SellerCycle_Agreed_HasAChartAndFiguresPerMetricTheAuditAndEmails()
    {
        var journal = Priya().Email(2, "targets-agreed", "Your targets for 2027-Q1 are agreed");
        var view = SellerCycleView.Build(journal.CycleId, journal.Entries, CycleJournal.At(50), ReviewPolicy.Default);

        var html = Parse(SellerCyclePage.Body(view, London, CycleJournal.At(50), null));

        var figures = html.Descendants("figure").ToList();
        Assert.Equal(2, figures.Count);
        Assert.All(figures, f => Assert.Equal("plan-actual", f.Attribute("class")?.Value));
        string[] keys = ["revenue", "newConversationsPerWeek"];
        Assert.Equal(keys.Select(k => MetricWords.Label(k, ReviewPolicy.Default.Catalogue.Resolve(k)) + ": plan vs actual"), figures.Select(f => f.Element("figcaption")?.Value));
        Assert.All(figures, f => Assert.Single(f.Elements(XName.Get("svg", "http://www.w3.org/2000/svg"))));
        var revenueRows = figures[0].Descendants("tbody").Single().Elements("tr").Select(r => string.Join("|", r.Elements("td").Select(td => td.Value))).ToList();
        Assert.Equal(["W1–2|13,846.15|9,000|65%|below plan", "W3–4|–|no check-in|–|no check-in", "W5–6|13,846.15|16,000|116%|above plan"], revenueRows);
        Assert.Contains("Your targets for 2027-Q1 are agreed", html.Descendants("td").Select(td => td.Value));
        Assert.Contains("the seller accepted the proposal", html.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void SellerCycle_HostileReason_IsShownAsText()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested().Defined(1, Template).Proposed(1, 1, Template)
            .Countered(2, 1, "<script>alert('x')</script>", ("revenue", 1));
        var view = SellerCycleView.Build(journal.CycleId, journal.Entries, CycleJournal.At(3), ReviewPolicy.Default);

        var body = SellerCyclePage.Body(view, TimeZoneInfo.Utc, CycleJournal.At(3), null);

        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script>", Parse(body).Descendants("q").Select(q => q.Value));
    }

    [Fact]
    public void RevOps_Teams_RowPerTeamATotalAndSharesInWords()
    {
        var tom = new CycleJournal("tom").Started().DefineRequested();
        var rollup = RevOpsRollup.Build("2027-Q1", [.. Priya().Entries, .. tom.Entries], CycleJournal.At(50), []);

        var html = Parse(RevOpsPage.Body(rollup, ["2027-Q1"]));

        var tables = html.Descendants("table").ToList();
        Assert.Equal(2, tables.Count);
        foreach (var table in tables)
        {
            var names = table.Descendants("tr").Select(r => r.Element("th")).Where(th => th?.Attribute("scope")?.Value == "row").Select(th => th!.Value);
            Assert.Equal(["Mark Whitaker's team", "All teams"], names);
        }

        // One link per team on the page, to its board.
        Assert.Equal("/dashboard?quarter=2027-Q1&team=mark", Assert.Single(html.Descendants("a"), a => a.Value == "Mark Whitaker's team").Attribute("href")?.Value);

        // Sellers; Define, Agree, Review, Develop, Closed; Agreed, Countered, Overdue, In progress.
        Assert.Equal(["2", "1", "0", "1", "0", "0", "1", "0", "0", "1"], Cells(tables[0]));

        // Sellers; held, due (unknown without the team's quarter), without a check-in; below, on track, above (of the 2 with one); coaching open, recognitions.
        Assert.Equal(["2", "3", "–", "1", "50%1 of 2", "0%0 of 2", "50%1 of 2", "0", "0"], Cells(tables[1]));
    }

    private static List<string> Cells(XElement table) => [.. table.Element("tbody")!.Elements("tr").First().Elements("td").Select(td => td.Value)];
}
