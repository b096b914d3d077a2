using System.Text;
using System.Xml.Linq;
using ReviewFlow.Functions.Web.Dashboard;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

public sealed class PlanActualChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly ChartSeries Revenue = new(
        "revenue",
        "revenue (£): plan vs actual",
        "£ in the review's weeks",
        false,
        [
            new ChartPoint("W1–2", 12307.69, 9000, 0.73, "below"),
            new ChartPoint("W3–4", null, null, null, "nodata"),
            new ChartPoint("W5–6", 12307.69, 14000, 1.14, "above"),
        ]);

    private static XElement Draw(ChartSeries series, string summary = "summary")
    {
        var svg = new StringBuilder();
        PlanActualChart.Write(svg, series, summary);
        return XElement.Parse(svg.ToString());
    }

    private static IEnumerable<string> Texts(XElement svg) => svg.Descendants(Svg + "text").Select(t => t.Value);

    [Fact]
    public void Write_Reviews_IsAnAccessibleSvgImageWithItsSummaryAsTitle()
    {
        var svg = Draw(Revenue, "Priya, revenue over 3 reviews");

        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", svg.Attribute("role")?.Value);
        Assert.Equal("Priya, revenue over 3 reviews", svg.Attribute("aria-label")?.Value);
        Assert.Equal("Priya, revenue over 3 reviews", svg.Element(Svg + "title")?.Value);
    }

    [Fact]
    public void Write_Reviews_HasALegendInWordsAndBothAxisTitles()
    {
        var texts = Texts(Draw(Revenue)).ToList();

        Assert.Contains("plan for the review's weeks", texts);
        Assert.Contains("below plan", texts);
        Assert.Contains("on track", texts);
        Assert.Contains("above plan", texts);
        Assert.Contains("£ in the review's weeks", texts);
        Assert.Contains("reviews, by the weeks they covered", texts);
        Assert.Equal(["W1–2", "W3–4", "W5–6"], texts.Where(t => t.StartsWith('W')));
    }

    [Fact]
    public void Write_Reviews_DrawsBandedBarsWithPercentagesAndNoCheckInInWords()
    {
        var svg = Draw(Revenue);

        var bars = svg.Descendants(Svg + "rect").Where(r => r.Parent?.Attribute("class")?.Value != "legend").Select(r => r.Attribute("class")?.Value).ToList();
        Assert.Equal(["actual below", "actual above"], bars);
        var ratios = svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "ratio").Select(t => t.Value);
        Assert.Equal(["73%", "114%"], ratios);
        Assert.Contains("nocheck-in", Texts(svg)); // written on two lines: "no" and a "check-in" tspan
    }

    [Fact]
    public void Write_PlanMissingForOneReview_BreaksThePlanLineThere()
    {
        var path = Draw(Revenue).Descendants(Svg + "path").Single(p => p.Attribute("class")?.Value == "plan").Attribute("d")!.Value;

        // Two separate runs (one per review with a plan), not one line drawn through the review without figures.
        Assert.Equal(2, path.Count(c => c == 'M'));
    }

    [Fact]
    public void Write_BarTallerThanThePlan_StaysInsideThePlot()
    {
        var svg = Draw(Revenue);

        foreach (var rect in svg.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value?.StartsWith("actual", StringComparison.Ordinal) == true))
        {
            var y = double.Parse(rect.Attribute("y")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            var height = double.Parse(rect.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(y, 0, 300);
            Assert.True(height >= 0);
        }
    }

    [Fact]
    public void Write_MarkupInTheTitles_IsEncoded()
    {
        var hostile = Revenue with { YTitle = "<script>alert(1)</script>" };

        var svg = new StringBuilder();
        PlanActualChart.Write(svg, hostile, "\"><img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<script>", svg.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<img", svg.ToString(), StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", Texts(XElement.Parse(svg.ToString())));
    }

    [Fact]
    public void Write_NoReviews_SaysSoInsteadOfAnEmptyPlot()
    {
        var texts = Texts(Draw(Revenue with { Points = [] }));

        Assert.Contains("no reviews held yet", texts);
    }

    [Fact]
    public void Summary_LatestReviewWithFigures_ReadsTheFiguresAndTheBand()
    {
        var summary = PlanActualChart.Summary("Priya Example", Revenue);

        Assert.Equal("Priya Example, revenue (£): plan vs actual over 3 reviews; latest W5–6: actual 14,000 against plan 12,307.69, 114% (above plan).", summary);
    }
}
