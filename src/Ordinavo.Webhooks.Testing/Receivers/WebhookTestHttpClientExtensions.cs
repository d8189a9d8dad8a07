using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Testing;

/// <summary>Sends signed Ordinavo webhook requests to an application under test (for example a <c>WebApplicationFactory</c> client).</summary>
public static class WebhookTestHttpClientExtensions
{
    /// <summary>Sends a sample event of <paramref name="eventType"/>, signed with <paramref name="secret"/>, to <paramref name="path"/>.</summary>
    /// <param name="client">The client of the application under test.</param>
    /// <param name="path">The webhook endpoint, relative to the client's base address (for example <c>/webhooks/ordinavo</c>).</param>
    /// <param name="eventType">The event type; the body is the package's sample of it.</param>
    /// <param name="secret">The secret the application verifies with (<c>whsec_...</c>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static Task<WebhookTestResponse> PostOrdinavoWebhookAsync(this HttpClient client, string path, WebhookEventType eventType, string secret, CancellationToken cancellationToken = default) =>
        client.PostOrdinavoWebhookAsync(path, WebhookTestRequests.Create(eventType, secret), cancellationToken);

    /// <summary>Sends <paramref name="request"/> (exact body and headers) to <paramref name="path"/>.</summary>
    /// <param name="client">The client of the application under test.</param>
    /// <param name="path">The webhook endpoint, relative to the client's base address.</param>
    /// <param name="request">A request made with <see cref="WebhookTestRequests"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static async Task<WebhookTestResponse> PostOrdinavoWebhookAsync(this HttpClient client, string path, SignedWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(request);
        var uri = client.BaseAddress is null ? new Uri(path, UriKind.RelativeOrAbsolute) : new Uri(client.BaseAddress, path);
        using var message = request.ToHttpRequestMessage(uri);
        using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new WebhookTestResponse
        {
            StatusCode = response.StatusCode,
            Outcome = ReadOutcome(body),
            EventId = request.EventId ?? string.Empty,
            Body = body,
        };
    }

    private static string? ReadOutcome(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("outcome", out var outcome) &&
                   outcome.ValueKind == JsonValueKind.String
                ? outcome.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
