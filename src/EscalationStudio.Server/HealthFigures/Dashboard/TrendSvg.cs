using System.Globalization;
using System.Net;
using System.Text;

namespace EscalationStudio.Server.HealthFigures.Dashboard;

/// <summary>One line of a trend chart: a share per period (null where the period counted nothing for it).</summary>
internal sealed record TrendSeries(string Name, IReadOnlyList<double?> Shares);

/// <summary>
/// A trend of shares over periods as inline SVG, drawn on the server: no chart script and nothing fetched, so the page
/// is whole in its first response. The healthy band, when given, is a shaded strip behind the lines, so a period
/// outside it stands out.
/// </summary>
internal static class TrendSvg
{
    private const double Width = 720;
    private const double Height = 240;
    private const double Left = 48;
    private const double Right = 12;
    private const double Top = 12;
    private const double Bottom = 36;
    private const int MaxDateLabels = 12;

    public static string Render(string label, IReadOnlyList<DateOnly> periods, IReadOnlyList<TrendSeries> series, HealthyBand? band = null)
    {
        var top = Scale(series, band);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"trend-svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(label)}\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(label)}</title>");

        if (band is not null)
        {
            var high = Y(Math.Min(band.High, top), top);
            var low = Y(Math.Min(band.Low, top), top);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"healthy-band\" data-low=\"{Number(band.Low)}\" data-high=\"{Number(band.High)}\" "
                + $"x=\"{Left}\" y=\"{Number(high)}\" width=\"{Width - Left - Right}\" height=\"{Number(low - high)}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>Healthy band {HealthDashboard.Percent(band.Low)}–{HealthDashboard.Percent(band.High)}</title></rect>");
        }

        for (var step = 0; step <= 4; step++)
        {
            var share = top * step / 4;
            var y = Number(Y(share, top));
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" />");
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Encode(HealthDashboard.Percent(share))}</text>");
        }

        var every = Math.Max(1, (int)Math.Ceiling(periods.Count / (double)MaxDateLabels));
        for (var i = 0; i < periods.Count; i += every)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"axis\" x=\"{Number(X(i, periods.Count))}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">"
                + $"{periods[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series series-{s % 8}\" data-series=\"{Encode(line.Name)}\">");
            var points = new StringBuilder();
            for (var i = 0; i < periods.Count && i < line.Shares.Count; i++)
            {
                if (line.Shares[i] is not { } share)
                {
                    // A period without tickets for this line breaks it rather than drawing a value nobody measured.
                    Polyline(svg, points);
                    continue;
                }

                points.Append(CultureInfo.InvariantCulture, $"{Number(X(i, periods.Count))},{Number(Y(Math.Min(share, top), top))} ");
            }

            Polyline(svg, points);
            for (var i = 0; i < periods.Count && i < line.Shares.Count; i++)
            {
                if (line.Shares[i] is { } share)
                {
                    var outside = band is not null && (share < band.Low || share > band.High) ? " outside" : "";
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<circle class=\"point{outside}\" cx=\"{Number(X(i, periods.Count))}\" cy=\"{Number(Y(Math.Min(share, top), top))}\" r=\"3.5\" "
                        + $"data-period=\"{periods[i]:yyyy-MM-dd}\" data-share=\"{Number(share)}\">");
                    svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(line.Name)} · {periods[i]:yyyy-MM-dd}: {Encode(HealthDashboard.Percent(share))}</title></circle>");
                }
            }

            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    // The axis ends at the next 10 % above the highest value and the band, so a low rate is not a flat line at the bottom.
    private static double Scale(IReadOnlyList<TrendSeries> series, HealthyBand? band)
    {
        var highest = series.SelectMany(s => s.Shares).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        highest = Math.Max(highest, (band?.High ?? 0) + 0.05);
        return Math.Clamp(Math.Ceiling(highest * 10) / 10, 0.1, 1);
    }

    private static void Polyline(StringBuilder svg, StringBuilder points)
    {
        if (points.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points.ToString().TrimEnd()}\" />");
            points.Clear();
        }
    }

    private static double X(int index, int count) =>
        count <= 1 ? (Left + Width - Right) / 2 : Left + (index * (Width - Left - Right) / (count - 1));

    private static double Y(double share, double top) => Top + ((1 - (share / top)) * (Height - Top - Bottom));

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
