using System;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Shared;

/// <summary>
/// A worker loop that exists only while there is work: <see cref="Start"/> (called after queueing work) runs it on the
/// thread pool unless it runs already, and it calls its step until the queue is empty, then ends. The stores' group
/// commits run on it. Compiled into each store package as source (internal to each), so the start-and-end handshake,
/// the part that is easy to get wrong, exists once without becoming public API.
/// </summary>
internal sealed class DrainLoop(Func<bool> hasWork, Func<Task> step)
{
    /// <summary>1 while the loop runs.</summary>
    private int _running;

    /// <summary>Runs the loop unless it runs already; a loop that is ending takes the work queued before this call.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            while (hasWork())
            {
                await step().ConfigureAwait(false);
            }

            Volatile.Write(ref _running, 0);

            // Work queued after the check above saw the loop still running and started none: take it here.
            if (!hasWork() || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
