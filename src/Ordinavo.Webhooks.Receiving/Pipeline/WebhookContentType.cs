using System;

namespace Ordinavo.Webhooks.Receiving;

/// <summary>Recognises JSON media types: <c>application/json</c> or <c>application/*+json</c>, charset (if any) UTF-8.</summary>
internal static class WebhookContentType
{
    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var span = contentType.AsSpan();
        var semicolon = span.IndexOf(';');
        var mediaType = (semicolon < 0 ? span : span[..semicolon]).Trim();
        if (!mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var subtype = mediaType["application/".Length..];
        if (!subtype.Equals("json", StringComparison.OrdinalIgnoreCase) && !subtype.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parameters = semicolon < 0 ? ReadOnlySpan<char>.Empty : span[(semicolon + 1)..];
        while (!parameters.IsEmpty)
        {
            var next = parameters.IndexOf(';');
            var parameter = (next < 0 ? parameters : parameters[..next]).Trim();
            parameters = next < 0 ? ReadOnlySpan<char>.Empty : parameters[(next + 1)..];
            var equals = parameter.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            if (parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                var charset = parameter[(equals + 1)..].Trim().Trim('"');
                if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
