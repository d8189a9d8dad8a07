using System.Text;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Cli.Tests.Support;

/// <summary>Writes captured requests in the formats <c>verify</c> reads, in a temporary folder.</summary>
public sealed class RequestFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ordinavo-cli-verify-").FullName;

    /// <summary>A raw HTTP request file: request line, headers, Content-Length, blank line, body (CRLF line breaks).</summary>
    public string WriteRequest(SignedWebhookRequest request, string? name = null, bool contentLength = true, string trailer = "")
    {
        var head = new StringBuilder("POST /webhooks/ordinavo HTTP/1.1\r\nHost: erp.example.com\r\n");
        head.Append("Content-Type: ").Append(request.ContentType).Append("\r\n");
        foreach (var header in request.Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (contentLength)
        {
            head.Append("Content-Length: ").Append(request.Body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        var path = Path.Combine(_folder, name ?? Guid.NewGuid().ToString("N") + ".http");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(head.ToString()), .. request.Body.Span, .. Encoding.UTF8.GetBytes(trailer)]);
        return path;
    }

    /// <summary>A headers file (LF line breaks) and a body file.</summary>
    public (string Headers, string Body) WriteParts(SignedWebhookRequest request)
    {
        var headers = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".headers");
        File.WriteAllText(headers, string.Join('\n', request.Headers.Select(h => $"{h.Key}: {h.Value}")) + "\n");
        return (headers, WriteBytes(request.Body.ToArray()));
    }

    public string WriteBytes(byte[] bytes)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteText(string text) => WriteBytes(Encoding.UTF8.GetBytes(text));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
