using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Ordinavo.Webhooks.Publishing;

/// <summary>
/// Group commit of attempt outcomes: attempts that finish while the store is busy with a batch wait together and go
/// to <see cref="IWebhookOutboxStore.FinishAttemptsAsync"/> as the next batch, so the store does one transaction per
/// batch instead of two or three per attempt. No timer and no added wait: a lone outcome is written at once, and a
/// batch is as large as the attempts that finished during the previous write (at most <see cref="MaxBatch"/>).
/// </summary>
internal sealed class AttemptFinisher(IWebhookOutboxStore store)
{
    /// <summary>The most outcomes in one store call: bounds one transaction's size and the statement's parameters.</summary>
    internal const int MaxBatch = 256;

    /// <summary>
    /// How many batches are written at once: one. Measured with the store throughput benchmark on PostgreSQL, four
    /// batches at once cost 50 % more per event than one (the writes contend on the two cores and on the deliveries'
    /// pages), and SQLite's writer groups whatever arrives into its next transaction anyway.
    /// </summary>
    internal const int MaxConcurrentWrites = 1;

    /// <summary>
    /// How long one batch may take before it is abandoned. Outcomes are written even while the host stops (the attempts
    /// happened), so the write does not use the stopping token; an abandoned batch's deliveries are attempted again
    /// after their leases expire.
    /// </summary>
    internal static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private List<Pending> _queue = [];
    private int _writers;

    /// <summary>Queues <paramref name="outcome"/>; the first caller while no batch is being written writes the batches until the queue is empty.</summary>
    /// <returns>Whether the new state was applied (<see langword="false"/>: the lease was lost).</returns>
    public Task<bool> FinishAsync(WebhookAttemptOutcome outcome)
    {
        var pending = new Pending(outcome);
        return QueueAsync([pending], pending.Result.Task);
    }

    /// <summary>
    /// Queues several outcomes at once (deferrals of one lease, releases on stop), so that they go in one batch instead
    /// of the first alone and the others in the next.
    /// </summary>
    /// <returns>Per outcome, in order, whether the new state was applied.</returns>
    public Task<bool[]> FinishAllAsync(IReadOnlyList<WebhookAttemptOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return Task.FromResult(Array.Empty<bool>());
        }

        var pendings = new Pending[outcomes.Count];
        var results = new Task<bool>[outcomes.Count];
        for (var i = 0; i < pendings.Length; i++)
        {
            pendings[i] = new Pending(outcomes[i]);
            results[i] = pendings[i].Result.Task;
        }

        return QueueAsync(pendings, Task.WhenAll(results));
    }

    private async Task<T> QueueAsync<T>(Pending[] pendings, Task<T> result)
    {
        bool lead;
        lock (_gate)
        {
            _queue.AddRange(pendings);
            lead = _writers < MaxConcurrentWrites;
            if (lead)
            {
                _writers++;
            }
        }

        if (lead)
        {
            await WriteQueuedAsync().ConfigureAwait(false);
        }

        return await result.ConfigureAwait(false);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writers--;
                    return;
                }

                if (_queue.Count <= MaxBatch)
                {
                    batch = _queue;
                    _queue = [];
                }
                else
                {
                    batch = _queue.GetRange(0, MaxBatch);
                    _queue.RemoveRange(0, MaxBatch);
                }
            }

            var outcomes = new WebhookAttemptOutcome[batch.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = batch[i].Outcome;
            }

            try
            {
                using var timeout = new CancellationTokenSource(WriteTimeout);
                var applied = await store.FinishAttemptsAsync(outcomes, timeout.Token).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(i < applied.Count && applied[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var item in batch)
                {
                    item.Result.TrySetException(ex);
                }
            }
        }
    }

    private sealed class Pending(WebhookAttemptOutcome outcome)
    {
        public WebhookAttemptOutcome Outcome { get; } = outcome;

        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
