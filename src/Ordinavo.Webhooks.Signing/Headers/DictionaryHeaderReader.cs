using System;
using System.Collections.Generic;

namespace Ordinavo.Webhooks.Signing;

/// <summary>
/// Reads headers from a dictionary of header name to value. Build the dictionary with a case-insensitive comparer
/// (<see cref="StringComparer.OrdinalIgnoreCase"/>), as HTTP header names are case-insensitive.
/// </summary>
public struct DictionaryHeaderReader : IWebhookHeaderReader
{
    private readonly IReadOnlyDictionary<string, string> _headers;

    /// <summary>Wraps <paramref name="headers"/> (not copied).</summary>
    public DictionaryHeaderReader(IReadOnlyDictionary<string, string> headers)
    {
        if (headers is null)
        {
            throw new ArgumentNullException(nameof(headers));
        }

        _headers = headers;
    }

    /// <inheritdoc />
    public readonly string? GetValue(string name) =>
        _headers is not null && name is not null && _headers.TryGetValue(name, out var value) ? value : null;
}
