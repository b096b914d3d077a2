using System.Globalization;
using System.Net;
using System.Text;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>Invariant formatting and HTML encoding; every piece of data goes through <see cref="Enc"/>.</summary>
internal static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Enc(string? s) => string.IsNullOrEmpty(s) ? string.Empty : WebUtility.HtmlEncode(s);

    public static StringBuilder AppendEnc(this StringBuilder sb, string? s) => sb.Append(Enc(s));

    public static string Number(double v)
    {
        var abs = Math.Abs(v);
        if (abs >= 1000)
        {
            return v.ToString("#,##0", Inv);
        }

        return abs >= 100 ? v.ToString("0.#", Inv) : v.ToString("0.##", Inv);
    }

    public static string Number(double? v) => v is { } d ? Number(d) : "–";

    /// <summary>Short axis label: 12k, 1.5M.</summary>
    public static string Compact(double v)
    {
        var abs = Math.Abs(v);
        if (abs >= 1_000_000)
        {
            return (v / 1_000_000).ToString("0.##", Inv) + "M";
        }

        if (abs >= 10_000)
        {
            return (v / 1000).ToString("0.#", Inv) + "k";
        }

        return v.ToString(abs >= 100 ? "0" : "0.##", Inv);
    }

    public static string Ratio(double? r) => r is { } d ? d.ToString("0.00", Inv) : "–";

    /// <summary>SVG coordinate: one decimal, invariant.</summary>
    public static string C(double v) => v.ToString("0.#", Inv);

    public static string Int(int v) => v.ToString(Inv);

    public static string DateTime(DateTime at) => Utc(at).ToString("yyyy-MM-dd HH:mm", Inv);

    public static string Date(DateTime at) => Utc(at).ToString("yyyy-MM-dd", Inv);

    /// <summary>An ISO-8601 string from entry data as "yyyy-MM-dd HH:mm", or the raw text when it does not parse.</summary>
    public static string IsoDateTime(string? iso)
    {
        if (string.IsNullOrWhiteSpace(iso))
        {
            return "–";
        }

        return System.DateTime.TryParse(iso, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? DateTime(at)
            : iso;
    }

    public static DateTime? ParseIso(string? iso) =>
        System.DateTime.TryParse(iso, Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            t = TimeSpan.Zero;
        }

        if (t.TotalSeconds < 60)
        {
            return t.TotalSeconds.ToString("0.0", Inv) + " s";
        }

        if (t.TotalHours < 1)
        {
            return ((int)t.TotalMinutes).ToString(Inv) + " min " + t.Seconds.ToString(Inv) + " s";
        }

        return ((int)t.TotalHours).ToString(Inv) + " h " + t.Minutes.ToString(Inv) + " min";
    }

    /// <summary>"W3–4" for consecutive weeks, "W1, W3" otherwise, "W?" for none.</summary>
    public static string Weeks(IReadOnlyList<int> weeks)
    {
        if (weeks.Count == 0)
        {
            return "W?";
        }

        if (weeks.Count == 1)
        {
            return "W" + Int(weeks[0]);
        }

        var consecutive = true;
        for (var i = 1; i < weeks.Count; i++)
        {
            if (weeks[i] != weeks[i - 1] + 1)
            {
                consecutive = false;
                break;
            }
        }

        return consecutive
            ? "W" + Int(weeks[0]) + "–" + Int(weeks[^1])
            : string.Join(", ", weeks.Select(w => "W" + Int(w)));
    }

    private static DateTime Utc(DateTime at) => at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at;
}
