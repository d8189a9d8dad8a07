using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Contracts.Diagnostics;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>The <see cref="IWebhookPublisher"/> over the registered subscription store, tenant features and outbox store.</summary>
internal sealed class WebhookPublisher(
    IWebhookOutboxStore outbox,
    IWebhookSubscriptionStore subscriptions,
    IWebhookTenantFeatures tenantFeatures,
    TimeProvider timeProvider,
    WebhookPublishRecorder recorder) : IWebhookPublisher
{
    public async Task<WebhookPublishResult> PublishAsync(WebhookEventInput input, CancellationToken cancellationToken)
    {
        using var activity = WebhookPublisherTelemetry.ActivitySource.StartActivity(WebhookPublisherTelemetry.PublishSpan, ActivityKind.Producer);
        var prepared = await PrepareAsync(input, cancellationToken).ConfigureAwait(false);
        activity?.SetTag(WebhookTelemetryTags.EventId, prepared.EventId);
        activity?.SetTag(WebhookTelemetryTags.EventType, prepared.EventType);
        activity?.SetTag(WebhookTelemetryTags.DeliveryCount, prepared.Deliveries.Count);
        return await EnqueueAsync(prepared, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WebhookPreparedEvent> PrepareAsync(WebhookEventInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = timeProvider.GetUtcNow();
        if (input.EventId is null)
        {
            input = input.WithEventId(WebhookIdentifiers.NewEventId(now));
        }
        else if (!WebhookIdentifiers.IsValidEventId(input.EventId))
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.InvalidEvent, "The event id must be 'evt_' followed by a 26-character ULID.");
        }

        if (string.IsNullOrWhiteSpace(input.TenantId))
        {
            throw new WebhookPublishingException(WebhookPublishingErrorReason.InvalidEvent, "The event has no tenant id.");
        }

        var eventId = input.EventId!;
        var eventType = input.EventType.Value;
        var candidates = await subscriptions.GetByTenantAsync(input.TenantId, cancellationToken).ConfigureAwait(false);
        var matching = new List<WebhookSubscription>();
        foreach (var subscription in candidates)
        {
            if (subscription.IsEnabled &&
                string.Equals(subscription.TenantId, input.TenantId, StringComparison.Ordinal) &&
                subscription.EventFilter.Matches(eventType))
            {
                matching.Add(subscription);
            }
        }

        var deliveries = new List<WebhookDeliveryRecord>(matching.Count);
        if (matching.Count == 0)
        {
            // Validate the input all the same: a bad event is a clear error whether or not anyone subscribed.
            WebhookPayloadBuilder.Build(input, new WebhookPayloadProfile());
        }
        else
        {
            var features = await tenantFeatures.GetAsync(input.TenantId, cancellationToken).ConfigureAwait(false);
            foreach (var subscription in matching)
            {
                var profile = new WebhookPayloadProfile
                {
                    Options = subscription.PayloadOptions,
                    SourceSystem = subscription.SourceSystem,
                    BillingWebhooksEnabled = features.BillingWebhooksEnabled,
                };
                var body = WebhookPayloadBuilder.BuildUtf8Bytes(input, profile);
                deliveries.Add(new WebhookDeliveryRecord
                {
                    Id = Ulid.NewUlid(now).ToString(),
                    EventId = eventId,
                    SubscriptionId = subscription.Id,
                    TenantId = input.TenantId,
                    EventType = eventType,
                    EndpointUrl = subscription.EndpointUrl,
                    Body = body,
                    State = WebhookDeliveryState.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
            }
        }

        return new WebhookPreparedEvent
        {
            EventId = eventId,
            TenantId = input.TenantId,
            EventType = eventType,
            CreatedAt = now,
            Deliveries = deliveries,
        };
    }

    public async Task<WebhookPublishResult> EnqueueAsync(WebhookPreparedEvent preparedEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preparedEvent);
        var stored = await outbox.EnqueueAsync(preparedEvent, cancellationToken).ConfigureAwait(false);
        return recorder.Record(preparedEvent, stored, wakeWorker: true);
    }
}
