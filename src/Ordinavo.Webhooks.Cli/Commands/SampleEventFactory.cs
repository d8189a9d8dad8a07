using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Cli.Commands;

/// <summary>The Testing package's samples with an optional event id and tenant.</summary>
internal static class SampleEventFactory
{
    /// <summary>The sample of <paramref name="type"/>, with <paramref name="eventId"/> and <paramref name="tenantId"/> when given.</summary>
    public static WebhookEvent Create(WebhookEventType type, string? eventId, string? tenantId)
    {
        var sample = WebhookSamples.For(type);
        if (!string.IsNullOrEmpty(eventId))
        {
            sample = sample with { EventId = eventId };
        }

        if (!string.IsNullOrEmpty(tenantId))
        {
            sample = sample with { TenantId = tenantId };
        }

        return sample;
    }
}
