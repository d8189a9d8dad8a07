using NSubstitute;

namespace Ordinavo.Webhooks.Publishing.Tests.Delivery;

/// <summary>The group commit of attempt outcomes, at the store seam (a substitute counts the calls and holds them open).</summary>
public sealed class AttemptFinisherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 18, 16, 40, 0, TimeSpan.Zero);

    [Fact]
    public async Task Outcomes_that_finish_while_a_batch_is_written_go_to_the_store_together_in_the_next_batch()
    {
        var store = Substitute.For<IWebhookOutboxStore>();
        var firstWrite = new TaskCompletionSource<IReadOnlyList<bool>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int>();
        store.FinishAttemptsAsync(Arg.Any<IReadOnlyList<WebhookAttemptOutcome>>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var outcomes = call.Arg<IReadOnlyList<WebhookAttemptOutcome>>();
                lock (batches)
                {
                    batches.Add(outcomes.Count);
                    return batches.Count <= AttemptFinisher.MaxConcurrentWrites
                        ? firstWrite.Task
                        : Task.FromResult<IReadOnlyList<bool>>([.. outcomes.Select(o => o.LeaseOwner == "node-1")]);
                }
            });
        var finisher = new AttemptFinisher(store);

        // The first writes (as many as may run at once) are held open; the outcomes that finish meanwhile wait.
        var first = Enumerable.Range(0, AttemptFinisher.MaxConcurrentWrites).Select(_ => finisher.FinishAsync(Outcome("node-1"))).ToArray();
        var waiting = Enumerable.Range(0, 10).Select(i => finisher.FinishAsync(Outcome(i == 3 ? "node-2" : "node-1"))).ToArray();
        Assert.DoesNotContain(first, t => t.IsCompleted);
        firstWrite.SetResult([true]);

        Assert.All(await Task.WhenAll(first), Assert.True);
        var results = await Task.WhenAll(waiting);
        Assert.Equal([.. Enumerable.Repeat(1, AttemptFinisher.MaxConcurrentWrites), 10], batches);
        Assert.False(results[3]);
        Assert.Equal(9, results.Count(r => r));
    }

    [Fact]
    public async Task A_store_failure_fails_every_outcome_of_its_batch_and_the_next_outcome_is_written_again()
    {
        var store = Substitute.For<IWebhookOutboxStore>();
        store.FinishAttemptsAsync(Arg.Any<IReadOnlyList<WebhookAttemptOutcome>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IReadOnlyList<bool>>(new InvalidOperationException("database down")), Task.FromResult<IReadOnlyList<bool>>([true]));
        var finisher = new AttemptFinisher(store);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => finisher.FinishAsync(Outcome("node-1")));
        Assert.Equal("database down", error.Message);
        Assert.True(await finisher.FinishAsync(Outcome("node-1")));
    }

    private static WebhookAttemptOutcome Outcome(string owner)
    {
        var deliveryId = Guid.NewGuid().ToString("N");
        return new()
        {
            DeliveryId = deliveryId,
            Attempt = new WebhookDeliveryAttempt { DeliveryId = deliveryId, AttemptId = "del_1", AttemptNumber = 1, StartedAt = T0, StatusCode = 200 },
            LeaseOwner = owner,
            Resolution = WebhookAttemptResolution.Succeeded,
            At = T0,
        };
    }
}
