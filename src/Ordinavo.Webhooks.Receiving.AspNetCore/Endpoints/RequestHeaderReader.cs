using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Ordinavo.Webhooks.Signing;

namespace Ordinavo.Webhooks.Receiving.AspNetCore;

/// <summary>Reads ASP.NET Core request headers for the verifier without copying them; repeated headers are joined with <c>", "</c>.</summary>
internal readonly struct RequestHeaderReader(IHeaderDictionary headers) : IWebhookHeaderReader
{
    public string? GetValue(string name)
    {
        if (!headers.TryGetValue(name, out var values) || StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        return values.Count == 1 ? values[0] : string.Join(", ", (string?[])values!);
    }
}
