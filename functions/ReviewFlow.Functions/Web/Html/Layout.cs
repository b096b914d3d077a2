using System.Text;

namespace ReviewFlow.Functions.Web.Html;

/// <summary>The page shell every page shares: one column, readable on a phone, no script.</summary>
internal static class Layout
{
    /// <param name="title">The page's title and heading.</param>
    /// <param name="body">The page's markup (already encoded).</param>
    /// <param name="lead">An optional line under the heading.</param>
    /// <param name="wide">A wider column, for tables and charts (the dashboard); the default stays one narrow column.</param>
    public static string Page(string title, string body, string? lead = null, bool wide = false)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · ReviewFlow</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body>")
            .Append("<header class=\"top\"><span class=\"brand\">ReviewFlow</span></header>")
            .Append(wide ? "<main id=\"main\" class=\"wide\"><h1>" : "<main id=\"main\"><h1>").Append(Html.E(title)).Append("</h1>");
        if (lead is not null)
        {
            html.Append("<p class=\"lead\">").Append(Html.E(lead)).Append("</p>");
        }

        return html.Append(body).Append("</main></body></html>").ToString();
    }

    /// <summary>The list of problems above a form, announced to screen readers.</summary>
    public static string Problems(IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<div class=\"problems\" role=\"alert\"><p><strong>Please check:</strong></p><ul>");
        foreach (var problem in problems)
        {
            html.Append("<li>").Append(Html.E(problem)).Append("</li>");
        }

        return html.Append("</ul><p>Nothing was saved.</p></div>").ToString();
    }
}
