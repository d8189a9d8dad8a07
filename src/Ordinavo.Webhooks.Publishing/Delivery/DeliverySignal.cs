using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>Wakes the delivery worker: a publish enqueued deliveries, or an attempt finished and freed a slot.</summary>
internal sealed class DeliverySignal
{
    private readonly object _gate = new();
    private TaskCompletionSource? _waiter;
    private bool _signaled;

    public void Notify()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
            {
                _signaled = true;
            }
        }

        waiter?.TrySetResult();
    }

    /// <summary>
    /// Returns when notified (or already notified since the last wait), or throws when cancelled. The worker's poll is a
    /// periodic <see cref="Notify"/> from one long-lived timer, so a wait creates no timer of its own.
    /// </summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_signaled)
            {
                _signaled = false;
                return Task.CompletedTask;
            }

            waiter = _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }
}
