using System.Text;
using Ordinavo.Webhooks.Contracts;

namespace Ordinavo.Webhooks.Publishing.TestHost;

/// <summary>Prepared events for store-level tests (without a publisher).</summary>
public static class TestEvents
{
    public static WebhookPreparedEvent Prepared(string eventId, DateTimeOffset? at = null, string subscriptionId = "sub-a")
    {
        var now = at ?? DateTimeOffset.UtcNow;
        return new WebhookPreparedEvent
        {
            EventId = eventId,
            TenantId = "tenant-123",
            EventType = "target.imported",
            CreatedAt = now,
            Deliveries =
            [
                new WebhookDeliveryRecord
                {
                    Id = Ulid.NewUlid(now).ToString(),
                    EventId = eventId,
                    SubscriptionId = subscriptionId,
                    TenantId = "tenant-123",
                    EventType = "target.imported",
                    EndpointUrl = new Uri("https://receiver.example/hooks"),
                    Body = Encoding.UTF8.GetBytes($"{{\"eventId\":\"{eventId}\"}}"),
                    NextAttemptAt = now,
                    CreatedAt = now,
                },
            ],
        };
    }
}
