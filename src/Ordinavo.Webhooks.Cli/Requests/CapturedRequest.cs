using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Ordinavo.Webhooks.Cli.Requests;

/// <summary>
/// A captured request: its headers and exact body bytes. The <c>--request</c> file format is raw HTTP request text:
/// an optional request line (<c>POST /webhooks/ordinavo HTTP/1.1</c>), header lines <c>Name: value</c>, one blank
/// line, then the body byte for byte. Line breaks may be CRLF or LF. When a <c>Content-Length</c> header is present
/// the body is that many bytes (so a trailing newline added by an editor is ignored); otherwise it is everything
/// after the blank line.
/// </summary>
internal sealed class CapturedRequest
{
    private CapturedRequest(Dictionary<string, string> headers, byte[] body)
    {
        Headers = headers;
        Body = body;
    }

    /// <summary>The headers (case-insensitive names; repeated headers joined with <c>", "</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The exact body bytes.</summary>
    public byte[] Body { get; }

    /// <summary>Parses a <c>--request</c> file's content.</summary>
    /// <exception cref="FormatException">A line before the blank line is not a header line.</exception>
    public static CapturedRequest ParseRequest(byte[] content)
    {
        var (headerEnd, bodyStart) = FindBlankLine(content);
        var headers = ParseHeaders(Encoding.UTF8.GetString(content, 0, headerEnd));
        var body = content.AsSpan(bodyStart);
        if (headers.TryGetValue("Content-Length", out var lengthText) &&
            int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= body.Length)
        {
            body = body[..length];
        }

        return new CapturedRequest(headers, body.ToArray());
    }

    /// <summary>A request from a <c>--headers</c> file (header lines, optionally a request line) and a <c>--body</c> file.</summary>
    /// <exception cref="FormatException">A line is not a header line.</exception>
    public static CapturedRequest FromParts(string headerText, byte[] body) => new(ParseHeaders(headerText), body);

    /// <summary>A request from headers already read (a live request).</summary>
    public static CapturedRequest FromHeaders(Dictionary<string, string> headers, byte[] body) => new(headers, body);

    private static (int HeaderEnd, int BodyStart) FindBlankLine(byte[] content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < content.Length && content[i + 1] == (byte)'\n')
            {
                return (i, i + 2);
            }

            if (i + 2 < content.Length && content[i + 1] == (byte)'\r' && content[i + 2] == (byte)'\n')
            {
                return (i, i + 3);
            }
        }

        return (content.Length, content.Length);
    }

    private static Dictionary<string, string> ParseHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Contains(' ', StringComparison.Ordinal))
            {
                if (i == 0 && line.Contains(' ', StringComparison.Ordinal))
                {
                    continue; // the request line
                }

                throw new FormatException($"Line {i + 1} is not a header line (expected 'Name: value').");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim(' ', '\t', '\r');
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
        }

        return headers;
    }
}
