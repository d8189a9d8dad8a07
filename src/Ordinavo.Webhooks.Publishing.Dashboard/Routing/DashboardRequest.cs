using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// One request to the dashboard: the caller's tenant, whether the caller may act, and the relative way back to the
/// dashboard's root. Every link the pages write is relative to it, so the dashboard works under any path base and
/// behind a reverse proxy that maps it to another path.
/// </summary>
internal sealed class DashboardRequest
{
    public const string LogCategory = "Ordinavo.Webhooks.Publishing.Dashboard.WebhookDashboard";

    public DashboardRequest(HttpContext context, string tenant, bool canAct, int depth)
    {
        Context = context;
        Tenant = tenant;
        CanAct = canAct;
        Root = depth == 0 ? "./" : new StringBuilder().Insert(0, "../", depth).ToString();
    }

    public HttpContext Context { get; }

    /// <summary>The caller's tenant: every read and change is limited to it.</summary>
    public string Tenant { get; }

    /// <summary>Whether the caller satisfies the action policy (action buttons are shown only then).</summary>
    public bool CanAct { get; }

    /// <summary>The relative path from this request's URL to the dashboard's root (<c>./</c> or <c>../</c>...), ending with a slash.</summary>
    public string Root { get; }

    public T Service<T>()
        where T : notnull => Context.RequestServices.GetRequiredService<T>();

    public ILogger Logger => Service<ILoggerFactory>().CreateLogger(LogCategory);

    /// <summary>The hidden antiforgery field for a form (and its cookie, set on this response).</summary>
    public Html AntiforgeryField()
    {
        var tokens = Service<IAntiforgery>().GetAndStoreTokens(Context);
        return HtmlWriter.Fragment(w => w.Append($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">"));
    }

    /// <summary>A link to <paramref name="relative"/> (a path below the dashboard's root, without a leading slash).</summary>
    public string Link(string relative) => Root + relative;

    /// <summary>Writes a page of the dashboard's layout.</summary>
    public Task PageAsync(string title, Html body, int status = StatusCodes.Status200OK, Html flash = default)
    {
        var html = Layout.Render(this, title, body, flash);
        Context.Response.StatusCode = status;
        Context.Response.ContentType = "text/html; charset=utf-8";
        return Context.Response.WriteAsync(html, Context.RequestAborted);
    }

    /// <summary>A page that only says something (not found, refused, invalid).</summary>
    public Task MessageAsync(int status, string title, string message) =>
        PageAsync(title, HtmlWriter.Fragment(w => w.Append($"<section class=\"panel\"><h1>{title}</h1><p>{message}</p><p><a href=\"{Root}\">Back to the subscriptions</a></p></section>")), status);

    /// <summary>Post-redirect-get: 303 to <paramref name="relative"/> (below the dashboard's root).</summary>
    public Task SeeOtherAsync(string relative)
    {
        Context.Response.StatusCode = StatusCodes.Status303SeeOther;
        Context.Response.Headers.Location = Link(relative);
        return Task.CompletedTask;
    }

    /// <summary>Not found: another tenant's ids answer the same.</summary>
    public Task NotFoundAsync(string what) =>
        MessageAsync(StatusCodes.Status404NotFound, "Not found", $"There is no such {what} for tenant {Tenant}.");

    public static string Escape(string segment) => Uri.EscapeDataString(segment);
}
