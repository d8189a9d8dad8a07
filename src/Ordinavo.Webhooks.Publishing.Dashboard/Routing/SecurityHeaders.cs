using Microsoft.AspNetCore.Http;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>The headers every dashboard answer carries: a strict Content-Security-Policy (no inline script or style), no framing, no sniffing, no referrer.</summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static void Apply(HttpResponse response, bool cacheable = false)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!cacheable)
        {
            // Pages hold tenant data and antiforgery tokens: never stored by a browser or a proxy.
            headers.CacheControl = "no-store";
        }
    }
}
