using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSubstitute;
using Ordinavo.Webhooks.Contracts;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing.Tests.Support;

namespace Ordinavo.Webhooks.Publishing.Tests.Publishing;

public sealed class WebhookPublisherTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task An_event_fans_out_to_every_matching_enabled_subscription_of_its_tenant_only()
    {
        await using var h = new EngineHarness();
        h.AddSubscription("all");
        h.AddSubscription("reports", events: ["visit_report.*"]);
        h.AddSubscription("exact", events: ["visit_report.approved"]);
        h.AddSubscription("appointments", events: ["appointment.*"]);
        h.AddSubscription("other-tenant", tenantId: PayloadInputs.OtherTenantId);
        h.AddSubscription("disabled");
        await h.Subscriptions.DisableAsync("disabled", WebhookSubscriptionDisabledReason.Manual, h.Time.GetUtcNow(), Ct);

        var result = await h.Publisher.PublishAsync(EngineHarness.Input(WebhookEventType.VisitReportApproved), Ct);

        Assert.Equal(3, result.DeliveriesEnqueued);
        Assert.False(result.IsDuplicate);
        var deliveries = (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = result.EventId }, Ct)).Items;
        Assert.Equal(["all", "exact", "reports"], deliveries.Select(d => d.SubscriptionId).Order());
        Assert.All(deliveries, d =>
        {
            Assert.Equal(PayloadInputs.TenantId, d.TenantId);
            Assert.Equal("visit_report.approved", d.EventType);
            Assert.Equal(WebhookDeliveryState.Pending, d.State);
            Assert.Equal(h.Time.GetUtcNow(), d.NextAttemptAt);
        });
    }

    [Fact]
    public async Task Publishing_the_same_event_id_twice_enqueues_it_once()
    {
        await using var h = new EngineHarness();
        h.AddSubscription("a");
        h.AddSubscription("b");
        var input = EngineHarness.Input();

        var first = await h.Publisher.PublishAsync(input, Ct);
        h.AddSubscription("c");
        var second = await h.Publisher.PublishAsync(input, Ct);

        Assert.Equal(new WebhookPublishResult(input.EventId!, 2, false), first);
        Assert.Equal(new WebhookPublishResult(input.EventId!, 0, true), second);
        Assert.Equal(2, (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = input.EventId }, Ct)).Items.Count);
    }

    [Fact]
    public async Task An_event_without_an_id_gets_a_new_one()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        var input = PayloadInputs.For(WebhookEventType.AppointmentCompleted);
        input = new WebhookEventInput
        {
            EventType = input.EventType,
            OccurredAt = input.OccurredAt,
            TenantId = input.TenantId,
            Appointment = input.Appointment,
            Target = input.Target,
        };

        var first = await h.Publisher.PublishAsync(input, Ct);
        var second = await h.Publisher.PublishAsync(input, Ct);

        Assert.True(WebhookIdentifiers.IsValidEventId(first.EventId));
        Assert.NotEqual(first.EventId, second.EventId);
        Assert.False(second.IsDuplicate);
        var body = Encoding.UTF8.GetString((await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = first.EventId }, Ct)).Items.Single().Body.Span);
        Assert.Contains($"\"eventId\":\"{first.EventId}\"", body);
    }

    [Fact]
    public async Task A_malformed_event_id_is_a_typed_error_and_nothing_is_stored()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        var ex = await Assert.ThrowsAsync<WebhookPublishingException>(() => h.Publisher.PublishAsync(EngineHarness.Input(eventId: "evt_nope"), Ct));
        Assert.Equal(WebhookPublishingErrorReason.InvalidEvent, ex.Reason);
        Assert.Empty((await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery(), Ct)).Items);
    }

    [Fact]
    public async Task An_input_missing_a_required_section_fails_even_when_nobody_subscribed()
    {
        await using var h = new EngineHarness();
        var input = new WebhookEventInput
        {
            EventType = WebhookEventType.VisitReportApproved,
            OccurredAt = PayloadInputs.OccurredAt,
            TenantId = PayloadInputs.TenantId,
            EventId = WebhookIdentifiers.NewEventId(),
        };

        var ex = await Assert.ThrowsAsync<WebhookPayloadBuildException>(() => h.Publisher.PublishAsync(input, Ct));
        Assert.Equal(WebhookPayloadBuildError.MissingRequiredSection, ex.Reason);

        h.AddSubscription();
        await Assert.ThrowsAsync<WebhookPayloadBuildException>(() => h.Publisher.PublishAsync(input, Ct));
        Assert.Empty((await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery(), Ct)).Items);
    }

    [Fact]
    public async Task Each_subscription_gets_the_body_its_payload_options_and_source_system_allow()
    {
        await using var h = new EngineHarness();
        h.AddSubscription("full");
        h.AddSubscription("lean", options: new WebhookPayloadOptions { IncludeContactDetails = false, IncludeCustomerContext = false }, sourceSystem: null);
        h.AddSubscription("crm", sourceSystem: PayloadInputs.OtherSourceSystem);

        var result = await h.Publisher.PublishAsync(EngineHarness.Input(), Ct);

        var bodies = (await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery { EventId = result.EventId }, Ct)).Items
            .ToDictionary(d => d.SubscriptionId, d => Encoding.UTF8.GetString(d.Body.Span));
        Assert.Contains("\"contact\":", bodies["full"]);
        Assert.Contains("\"externalId\":\"CUST-10042\"", bodies["full"]);
        Assert.DoesNotContain("\"contact\":", bodies["lean"]);
        Assert.DoesNotContain("\"customer\":", bodies["lean"]);
        Assert.DoesNotContain("externalId", bodies["lean"]);
        Assert.DoesNotContain("CUST-10042", bodies["crm"]);
        Assert.Contains("\"externalId\":\"CRM-77812\"", bodies["crm"]);
    }

    [Fact]
    public async Task Billing_details_need_the_tenants_feature()
    {
        var options = new WebhookPayloadOptions { IncludeBillingDetails = true };
        var billingOn = Substitute.For<IWebhookTenantFeatures>();
        billingOn.GetAsync(PayloadInputs.TenantId, Arg.Any<CancellationToken>()).Returns(new WebhookTenantFeatures(BillingWebhooksEnabled: true));
        await using var off = new EngineHarness();
        off.AddSubscription(options: options);
        await using var on = new EngineHarness(build: b => b.Services.Replace(ServiceDescriptor.Singleton(billingOn)));
        on.AddSubscription(options: options);

        var input = EngineHarness.Input(WebhookEventType.BillingEventCreated);
        await off.Publisher.PublishAsync(input, Ct);
        await on.Publisher.PublishAsync(input, Ct);

        Assert.DoesNotContain("\"details\":", Encoding.UTF8.GetString((await off.SingleDeliveryAsync()).Body.Span));
        Assert.Contains("\"details\":", Encoding.UTF8.GetString((await on.SingleDeliveryAsync()).Body.Span));
        await billingOn.Received().GetAsync(PayloadInputs.TenantId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Tenant_features_chosen_by_type_replace_an_earlier_choice()
    {
        var services = new ServiceCollection();
        services.AddOrdinavoWebhookPublisher().Services.Replace(ServiceDescriptor.Singleton(Substitute.For<IWebhookTenantFeatures>()));
        services.AddOrdinavoWebhookPublisher().UseTenantFeatures<NoWebhookTenantFeatures>();

        var features = Assert.Single(services, d => d.ServiceType == typeof(IWebhookTenantFeatures));
        Assert.Equal((typeof(NoWebhookTenantFeatures), ServiceLifetime.Singleton), (features.ImplementationType, features.Lifetime));
    }

    [Fact]
    public async Task Prepare_builds_without_storing_and_enqueue_stores_it()
    {
        await using var h = new EngineHarness();
        h.AddSubscription();
        var prepared = await h.Publisher.PrepareAsync(EngineHarness.Input(), Ct);

        Assert.Single(prepared.Deliveries);
        Assert.Empty((await h.Monitor.QueryDeliveriesAsync(new WebhookDeliveryQuery(), Ct)).Items);

        var result = await h.Publisher.EnqueueAsync(prepared, Ct);
        Assert.Equal(1, result.DeliveriesEnqueued);
        Assert.Equal(prepared.Deliveries[0].Id, (await h.SingleDeliveryAsync()).Id);
        Assert.True((await h.Publisher.EnqueueAsync(prepared, Ct)).IsDuplicate);
    }

    [Fact]
    public async Task Publish_counts_events_and_deliveries_in_the_meter()
    {
        await using var h = new EngineHarness();
        h.AddSubscription("a");
        h.AddSubscription("b");
        var telemetry = h.Services.GetRequiredService<WebhookPublisherTelemetry>();
        var counts = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counts)
            {
                counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        var input = EngineHarness.Input();

        await h.Publisher.PublishAsync(input, Ct);
        await h.Publisher.PublishAsync(input, Ct);
        await h.RunOnceAsync();

        Assert.Equal(1, counts["ordinavo.webhook.published"]);
        Assert.Equal(2, counts["ordinavo.webhook.delivery.enqueued"]);
        Assert.Equal(2, counts["ordinavo.webhook.delivery.succeeded"]);
        Assert.Equal("Ordinavo.Webhooks.Publishing", telemetry.Meter.Name);
    }
}
