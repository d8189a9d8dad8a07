using Microsoft.Extensions.DependencyInjection;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The page frame: head with the stylesheet and script, the navigation, the caller's tenant and mode, the flash message.</summary>
internal static class Layout
{
    public static string Render(DashboardRequest request, string title, Html body, Html flash)
    {
        var assets = request.Context.RequestServices.GetRequiredService<DashboardAssets>();
        var root = request.Root;
        var mode = request.CanAct ? Html.Empty : new Html("<span class=\"badge muted\">read-only</span>");
        var tenant = request.Tenant.Length == 0 ? Html.Empty : HtmlWriter.Fragment(w => w.Append($"tenant <strong>{request.Tenant}</strong> "));
        var writer = new HtmlWriter();
        writer.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <link rel="icon" href="data:,">
            <title>{title} · Ordinavo webhooks</title>
            <link rel="stylesheet" href="{root}{assets.Stylesheet.Path}">
            <script src="{root}{assets.Script.Path}" defer></script>
            </head>
            <body>
            <header class="top">
            <span class="brand">Ordinavo webhooks</span>
            <nav><a href="{root}">Subscriptions</a><a href="{root}deliveries">Deliveries</a></nav>
            <span class="who">{tenant}{mode}</span>
            </header>
            <main>
            {flash}{body}
            </main>
            </body>
            </html>
            """);
        return writer.ToString();
    }
}
