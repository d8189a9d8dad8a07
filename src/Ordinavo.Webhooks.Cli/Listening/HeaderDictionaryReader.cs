using Microsoft.AspNetCore.Http;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Cli.Listening;

/// <summary>Reads webhook headers from an ASP.NET Core request.</summary>
internal readonly struct HeaderDictionaryReader(IHeaderDictionary headers) : IWebhookHeaderReader
{
    /// <inheritdoc />
    public string? GetValue(string name) => headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
