using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Ordinavo.Webhooks.Publishing.Dashboard;

/// <summary>
/// The dashboard's stylesheet and script, embedded in the assembly and served by the dashboard itself. Pages link them
/// with their content hash in the query string, so they are cached for a year and replaced when the package changes.
/// </summary>
internal sealed class DashboardAssets
{
    public DashboardAssets()
    {
        Stylesheet = Load("dashboard.css", "text/css; charset=utf-8");
        Script = Load("dashboard.js", "text/javascript; charset=utf-8");
    }

    public Asset Stylesheet { get; }

    public Asset Script { get; }

    public static Task ServeAsync(HttpContext context, Asset asset)
    {
        SecurityHeaders.Apply(context.Response, cacheable: true);
        var response = context.Response;
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Ordinavo.Webhooks.Publishing.Dashboard." + name)
            ?? throw new InvalidOperationException($"The dashboard's embedded resource {name} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var version = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8));
        return new Asset(name, content, contentType, version, new EntityTagHeaderValue("\"" + version + "\"").ToString());
    }

    /// <summary>One embedded file.</summary>
    internal sealed record Asset(string Name, byte[] Content, string ContentType, string Version, string ETag)
    {
        /// <summary>Its link below the dashboard's root.</summary>
        public string Path => "assets/" + Name + "?v=" + Version;
    }
}
