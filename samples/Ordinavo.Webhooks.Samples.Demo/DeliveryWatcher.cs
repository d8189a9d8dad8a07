using System.Collections.Concurrent;
using Ordinavo.Webhooks.Publishing;

namespace Ordinavo.Webhooks.Samples.Demo;

/// <summary>
/// The host's view of deliveries through the publisher's observer seam: lets the demo wait for a delivery's n-th
/// success (or its dead letter) without polling, and counts failing attempts.
/// </summary>
internal sealed class DeliveryWatcher : WebhookDeliveryObserver
{
    private readonly ConcurrentDictionary<(string EventId, string SubscriptionId), Slot> _slots = new();
    private int _failing;
    private int _deadLettered;

    public int FailingNotifications => Volatile.Read(ref _failing);

    public int DeadLettered => Volatile.Read(ref _deadLettered);

    /// <summary>Completes when the delivery of <paramref name="eventId"/> to <paramref name="subscriptionId"/> has succeeded <paramref name="times"/> times; false on dead letter or timeout.</summary>
    public async Task<bool> WaitForSuccessAsync(string eventId, string subscriptionId, int times, TimeSpan timeout)
    {
        var slot = _slots.GetOrAdd((eventId, subscriptionId), _ => new Slot());
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (slot)
            {
                if (slot.Successes >= times)
                {
                    return true;
                }

                if (slot.IsDeadLettered)
                {
                    return false;
                }

                changed = slot.Changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public override Task OnDeliverySucceededAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        Update(notification, s => s.Successes++);
        return Task.CompletedTask;
    }

    public override Task OnDeliveryFailingAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _failing);
        return Task.CompletedTask;
    }

    public override Task OnDeliveryDeadLetteredAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deadLettered);
        Update(notification, s => s.IsDeadLettered = true);
        return Task.CompletedTask;
    }

    private void Update(WebhookDeliveryNotification notification, Action<Slot> change)
    {
        var slot = _slots.GetOrAdd((notification.EventId, notification.SubscriptionId), _ => new Slot());
        TaskCompletionSource changed;
        lock (slot)
        {
            change(slot);
            changed = slot.Changed;
            slot.Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed class Slot
    {
        public int Successes { get; set; }

        public bool IsDeadLettered { get; set; }

        public TaskCompletionSource Changed { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
