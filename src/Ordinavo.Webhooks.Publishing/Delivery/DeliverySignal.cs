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

    /// <summary>Returns when notified (or already notified since the last wait), after <paramref name="timeout"/>, or throws when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_signaled)
            {
                _signaled = false;
                return;
            }

            waiter = _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Poll interval elapsed.
        }
    }
}
