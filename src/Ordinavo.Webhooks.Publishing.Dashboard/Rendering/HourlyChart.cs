using System;
using System.Globalization;
using System.Linq;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// The small chart of deliveries per hour: stacked bars (delivered, failing, dead-lettered) as inline SVG with
/// presentation attributes and classes only, which the Content-Security-Policy allows (no style attributes).
/// </summary>
internal static class HourlyChart
{
    private const int BarWidth = 6;
    private const int Gap = 1;
    private const int Height = 32;

    public static Html Render(SubscriptionStats stats)
    {
        if (stats.Hours.Count == 0)
        {
            return new Html("<span class=\"muted\">–</span>");
        }

        var max = Math.Max(1, stats.Hours.Max(h => h.Total));
        var width = stats.Hours.Count * (BarWidth + Gap);
        return HtmlWriter.Fragment(w =>
        {
            w.Append($"<svg class=\"chart\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-label=\"Deliveries per hour, last 24 hours\">");
            w.Append($"<line x1=\"0\" y1=\"{Height - 0.5}\" x2=\"{width}\" y2=\"{Height - 0.5}\"></line>");
            for (var i = 0; i < stats.Hours.Count; i++)
            {
                var hour = stats.Hours[i];
                var x = i * (BarWidth + Gap);
                var title = string.Create(CultureInfo.InvariantCulture,
                    $"{hour.Start.UtcDateTime:HH}:00 UTC: {hour.Delivered} delivered, {hour.Failed} failing, {hour.DeadLettered} dead-lettered");
                w.Append($"<g><title>{title}</title>");
                var y = (double)Height;
                foreach (var (count, css) in new[] { (hour.Delivered, "delivered"), (hour.Failed, "failed"), (hour.DeadLettered, "dead") })
                {
                    if (count == 0)
                    {
                        continue;
                    }

                    var h = Math.Max(1.0, Math.Round(count * (Height - 1.0) / max, 1));
                    y -= h;
                    w.Append($"<rect class=\"{css}\" x=\"{x}\" y=\"{y:0.#}\" width=\"{BarWidth}\" height=\"{h:0.#}\"></rect>");
                }

                w.Append($"</g>");
            }

            w.Append($"</svg>");
        });
    }
}
