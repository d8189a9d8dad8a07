using System.Collections.Concurrent;
using System.Globalization;
using Ordinavo.Webhooks.Publishing;

namespace Ordinavo.Webhooks.Samples.Publisher;

/// <summary>
/// Follows the published events through the publisher's observer seam: prints each outcome as it happens and completes
/// once every tracked event is delivered or dead-lettered.
/// </summary>
internal sealed class DeliveryTracker : WebhookDeliveryObserver
{
    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _finished;
    private int _total;

    public Task AllDone => _allDone.Task;

    public void Track(string eventId, string eventType)
    {
        _pending[eventId] = eventType;
        Interlocked.Increment(ref _total);
    }

    public override Task OnDeliverySucceededAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        Finish(notification, $"delivered (attempt {notification.AttemptNumber}, HTTP {notification.StatusCode})");
        return Task.CompletedTask;
    }

    public override Task OnDeliveryFailingAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        var next = notification.NextAttemptAt is { } at
            ? at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
            : "later";
        Console.WriteLine($"        {notification.EventType,-32} {notification.EventId}  attempt {notification.AttemptNumber} failed ({Reason(notification)}); retry at {next} UTC");
        return Task.CompletedTask;
    }

    public override Task OnDeliveryDeadLetteredAsync(WebhookDeliveryNotification notification, CancellationToken cancellationToken)
    {
        Finish(notification, $"DEAD-LETTERED after {notification.AttemptNumber} attempt(s) ({notification.DeadLetterReason}; last: {Reason(notification)})");
        return Task.CompletedTask;
    }

    private void Finish(WebhookDeliveryNotification notification, string outcome)
    {
        if (!_pending.TryRemove(notification.EventId, out _))
        {
            return;
        }

        var finished = Interlocked.Increment(ref _finished);
        var total = Volatile.Read(ref _total);
        Console.WriteLine($"[{finished,4}/{total}] {notification.EventType,-32} {notification.EventId}  {outcome}");
        if (_pending.IsEmpty)
        {
            _allDone.TrySetResult();
        }
    }

    private static string Reason(WebhookDeliveryNotification n) => n.ErrorKind switch
    {
        WebhookDeliveryErrorKind.HttpStatus => $"HTTP {n.StatusCode}",
        WebhookDeliveryErrorKind.None => n.StatusCode is { } code ? $"HTTP {code}" : "no answer",
        var kind => kind.ToString(),
    };
}
