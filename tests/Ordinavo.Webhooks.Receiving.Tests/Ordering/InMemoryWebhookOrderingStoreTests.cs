using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Testing;

namespace Ordinavo.Webhooks.Receiving.Tests;

public sealed class InMemoryWebhookOrderingStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 18, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_store_keeps_the_latest_occurred_at_per_entity()
    {
        var store = new InMemoryWebhookOrderingStore();
        var target = new WebhookEntityKey("tenant-123", WebhookEntityKind.Target, 455);
        var otherTenant = target with { TenantId = "tenant-999" };

        await store.RecordHandledAsync(target, T0.AddHours(2), default);
        await store.RecordHandledAsync(target, T0, default);

        Assert.Equal(T0.AddHours(2), await store.GetLatestHandledAsync(target, default));
        Assert.Null(await store.GetLatestHandledAsync(otherTenant, default));
    }

    [Fact]
    public async Task The_store_forgets_the_least_recently_updated_entities_beyond_its_bound()
    {
        var store = new InMemoryWebhookOrderingStore(new InMemoryWebhookOrderingStoreOptions { MaxEntries = 2 });
        WebhookEntityKey Key(long id) => new("t", WebhookEntityKind.Appointment, id);

        await store.RecordHandledAsync(Key(1), T0, default);
        await store.RecordHandledAsync(Key(2), T0, default);
        await store.RecordHandledAsync(Key(1), T0.AddMinutes(1), default);
        await store.RecordHandledAsync(Key(3), T0, default);
        for (var i = 0; i < 100; i++)
        {
            await store.RecordHandledAsync(Key(3), T0.AddMinutes(i), default);
        }

        Assert.Equal(2, store.Count);
        Assert.Null(await store.GetLatestHandledAsync(Key(2), default));
        Assert.Equal(T0.AddMinutes(1), await store.GetLatestHandledAsync(Key(1), default));
    }

    [Theory]
    [InlineData("target.updated", WebhookEntityKind.Target, 455)]
    [InlineData("route.published", WebhookEntityKind.Route, 3120)]
    [InlineData("appointment.started", WebhookEntityKind.Appointment, 7731)]
    [InlineData("visit_report.approved", WebhookEntityKind.VisitReport, 901)]
    [InlineData("billing.event_failed", WebhookEntityKind.Billing, 5501)]
    public void An_event_is_about_the_entity_of_its_category(string type, WebhookEntityKind kind, long id)
    {
        Assert.True(WebhookEntityKey.TryGetFor(WebhookSamples.For(type), out var key));
        Assert.Equal(new WebhookEntityKey("tenant-123", kind, id), key);
    }

    [Fact]
    public void An_event_of_an_unknown_category_or_without_its_section_has_no_entity()
    {
        var unknown = WebhookSamples.For(WebhookEventType.TargetUpdated) with { EventType = "inventory.adjusted" };
        var noSection = WebhookSamples.For(WebhookEventType.TargetUpdated) with { Target = null };

        Assert.False(WebhookEntityKey.TryGetFor(unknown, out _));
        Assert.False(WebhookEntityKey.TryGetFor(noSection, out _));
    }
}
