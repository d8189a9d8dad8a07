using Microsoft.Extensions.Time.Testing;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

/// <summary>The scheduler's decisions, with no I/O: slots, the held budget, unproven and slow endpoints, flows, short leases.</summary>
public sealed class DeliverySchedulerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 18, 16, 40, 0, TimeSpan.Zero));

    [Fact]
    public void Deliveries_start_within_the_global_and_per_endpoint_slots_and_the_rest_wait()
    {
        var scheduler = Scheduler(global: 3, perEndpoint: 2);
        var starts = new List<DeliveryScheduler.Start>();
        var deferrals = new List<DeliveryScheduler.Deferral>();

        var probing = scheduler.Place([Delivery("a"), Delivery("a"), Delivery("b"), Delivery("b")], starts, deferrals);

        Assert.False(probing);
        Assert.Equal(["A", "A", "B"], starts.Select(s => s.Endpoint.Key[8..9]));
        Assert.Empty(deferrals);
        Assert.Equal(3, scheduler.InFlight);
        Assert.Equal(4, scheduler.Held);
        Assert.Equal((DeliveryScheduler.HeldFactor * 3) - 4, scheduler.StartWaiting([], []));
    }

    [Fact]
    public void An_endpoint_that_has_not_answered_gets_one_more_round_queued_and_the_rest_is_deferred_shortly()
    {
        var scheduler = Scheduler(global: 10, perEndpoint: 2);
        var starts = new List<DeliveryScheduler.Start>();
        var deferrals = new List<DeliveryScheduler.Deferral>();

        var probing = scheduler.Place([.. Enumerable.Range(0, 5).Select(_ => Delivery("a"))], starts, deferrals);

        Assert.True(probing);
        Assert.Equal(2, starts.Count);
        var deferral = Assert.Single(deferrals);
        Assert.Equal(_time.GetUtcNow() + DeliveryScheduler.ProbeDeferral, deferral.Until);
        Assert.Equal(4, scheduler.Held);
    }

    [Fact]
    public void A_finished_attempt_hands_its_flow_the_endpoints_next_waiting_delivery()
    {
        var scheduler = Scheduler(global: 10, perEndpoint: 1);
        var starts = new List<DeliveryScheduler.Start>();
        var waiting = Delivery("a");
        scheduler.Place([Delivery("a"), waiting], starts, []);
        var first = Assert.Single(starts);

        var (next, _) = scheduler.Complete(first, answered: true, continueFlow: true);

        Assert.Equal(waiting.Id, next!.Value.Delivery.Id);
        Assert.Equal(1, scheduler.InFlight);
        var (none, wake) = scheduler.Complete(next.Value, answered: true, continueFlow: true);
        Assert.Null(none);
        Assert.True(wake);
        Assert.Equal(0, scheduler.Held);
    }

    [Fact]
    public void Held_deliveries_running_low_wake_the_worker_only_when_its_last_lease_was_cut_short_by_the_budget()
    {
        var scheduler = Scheduler(global: 10, perEndpoint: 1);
        var starts = new List<DeliveryScheduler.Start>();

        // The last lease found fewer due deliveries than it asked for: the store is drained, nothing to lease on completion.
        scheduler.RecordLease(mayHaveMore: false);
        scheduler.Place([Delivery("a")], starts, []);
        var (_, drained) = scheduler.Complete(Assert.Single(starts), answered: true, continueFlow: true);
        Assert.False(drained);

        // The last lease got all it asked for: more may be due, so a freed budget calls for the next lease.
        starts.Clear();
        scheduler.RecordLease(mayHaveMore: true);
        scheduler.Place([Delivery("a")], starts, []);
        var (_, more) = scheduler.Complete(Assert.Single(starts), answered: true, continueFlow: true);
        Assert.True(more);
    }

    [Fact]
    public void An_attempt_the_endpoint_did_not_answer_ends_its_flow_and_the_worker_starts_the_waiting_delivery()
    {
        var scheduler = Scheduler(global: 10, perEndpoint: 1);
        var starts = new List<DeliveryScheduler.Start>();
        var waiting = Delivery("a");
        scheduler.Place([Delivery("a"), waiting], starts, []);
        var first = Assert.Single(starts);
        starts.Clear();

        var (next, wake) = scheduler.Complete(first, answered: false, continueFlow: true);

        Assert.Null(next);
        Assert.True(wake);
        Assert.Equal(1, scheduler.Held);
        scheduler.StartWaiting(starts, []);
        Assert.Equal(waiting.Id, Assert.Single(starts).Delivery.Id);
    }

    [Fact]
    public void A_stopping_engine_continues_no_flow_and_takes_the_waiting_deliveries_out()
    {
        var scheduler = Scheduler(global: 10, perEndpoint: 1);
        var starts = new List<DeliveryScheduler.Start>();
        var waiting = Delivery("a");
        scheduler.Place([Delivery("a"), waiting], starts, []);

        var (next, _) = scheduler.Complete(Assert.Single(starts), answered: true, continueFlow: false);

        Assert.Null(next);
        Assert.Equal(waiting.Id, Assert.Single(scheduler.DrainWaiting()).Id);
        Assert.Equal(0, scheduler.Held);
        Assert.Equal(0, scheduler.InFlight);
    }

    [Fact]
    public void The_waiting_deliveries_of_a_slow_endpoint_go_back_to_the_store_for_the_busy_deferral()
    {
        var scheduler = Scheduler(global: 10, perEndpoint: 1);
        var starts = new List<DeliveryScheduler.Start>();
        scheduler.Place([Delivery("a"), Delivery("a")], starts, []);
        Assert.Single(starts);
        var deferrals = new List<DeliveryScheduler.Deferral>();

        _time.Advance(DeliveryScheduler.SlowThreshold);
        scheduler.StartWaiting([], deferrals);

        var deferral = Assert.Single(deferrals);
        Assert.Equal(_time.GetUtcNow() + new WebhookPublisherOptions().BusyEndpointDeferral, deferral.Until);
        Assert.Equal(1, scheduler.Held);
    }

    [Fact]
    public void A_waiting_delivery_with_too_little_lease_left_for_an_attempt_is_not_started()
    {
        var options = new WebhookPublisherOptions { MaxConcurrentDeliveries = 10, MaxConcurrentDeliveriesPerEndpoint = 1 };
        var scheduler = new DeliveryScheduler(options, _time);
        var starts = new List<DeliveryScheduler.Start>();
        var shortLease = Delivery("a", leaseExpiresAt: _time.GetUtcNow() + options.AttemptTimeout + TimeSpan.FromSeconds(1));
        scheduler.Place([Delivery("a"), shortLease], starts, []);
        var first = Assert.Single(starts);
        _time.Advance(TimeSpan.FromSeconds(2));

        var (next, _) = scheduler.Complete(first, answered: true, continueFlow: true);

        Assert.Null(next);
        Assert.Equal(0, scheduler.Held);
    }

    private DeliveryScheduler Scheduler(int global, int perEndpoint) =>
        new(new WebhookPublisherOptions { MaxConcurrentDeliveries = global, MaxConcurrentDeliveriesPerEndpoint = perEndpoint }, _time);

    private WebhookDeliveryRecord Delivery(string host, DateTimeOffset? leaseExpiresAt = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        EventId = "evt_1",
        SubscriptionId = "sub-" + host,
        TenantId = "tenant-1",
        EventType = "visit_report.approved",
        EndpointUrl = new Uri($"https://{host}.example/hook"),
        Body = new byte[] { 1 },
        LeaseExpiresAt = leaseExpiresAt ?? _time.GetUtcNow() + TimeSpan.FromMinutes(5),
    };
}
