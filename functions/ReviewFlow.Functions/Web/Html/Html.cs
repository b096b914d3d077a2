using System.Globalization;
using System.Text.Encodings.Web;

namespace ReviewFlow.Functions.Web.Html;

/// <summary>
/// Small helpers for server-rendered HTML. Every piece of data goes through <see cref="E"/>; markup is only ever
/// literal text in the page classes, so nothing a person typed can become markup.
/// </summary>
internal static class Html
{
    /// <summary>HTML-encodes <paramref name="text"/> for element content and attribute values.</summary>
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A number as people read it: grouped thousands, at most two decimals.</summary>
    public static string Number(double value) => value.ToString(value == Math.Floor(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A number as a form field value: invariant, no grouping, so it posts back unchanged.</summary>
    public static string FieldValue(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A UTC time shown in <paramref name="zone"/>, e.g. "Tue 14 Jan 2027, 10:00".</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}
