using System;
using System.Collections.Generic;
using System.Net.Http.Headers;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// Reads headers from <see cref="HttpHeaders"/>, such as <c>HttpRequestMessage.Headers</c>. Several values of one header
/// are joined with <c>", "</c>.
/// </summary>
public struct HttpHeadersReader : IWebhookHeaderReader
{
    private readonly HttpHeaders _headers;

    /// <summary>Wraps <paramref name="headers"/> (not copied).</summary>
    public HttpHeadersReader(HttpHeaders headers)
    {
        if (headers is null)
        {
            throw new ArgumentNullException(nameof(headers));
        }

        _headers = headers;
    }

    /// <inheritdoc />
    public readonly string? GetValue(string name)
    {
        if (_headers is null || name is null || !_headers.TryGetValues(name, out var values))
        {
            return null;
        }

        string? single = null;
        List<string>? many = null;
        foreach (var value in values)
        {
            if (single is null && many is null)
            {
                single = value;
            }
            else
            {
                many ??= [single!];
                many.Add(value);
            }
        }

        return many is null ? single : string.Join(", ", many);
    }
}
