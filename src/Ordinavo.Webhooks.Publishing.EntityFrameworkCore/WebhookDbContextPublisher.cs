using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Ordinavo.Webhooks.Payloads;
using Ordinavo.Webhooks.Publishing.EntityFrameworkCore.Outbox;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore;

/// <summary>The <see cref="IWebhookDbContextPublisher"/> over the registered publisher, outbox store and publish recorder.</summary>
internal sealed class WebhookDbContextPublisher(
    IWebhookPublisher publisher,
    IWebhookOutboxStore outbox,
    IWebhookPublishRecorder recorder) : IWebhookDbContextPublisher
{
    public async Task<WebhookPublishResult> PublishAsync(DbContext dbContext, WebhookEventInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbContext);
        ArgumentNullException.ThrowIfNull(input);
        var transaction = dbContext.Database.CurrentTransaction ?? throw new WebhookPublishingException(
            WebhookPublishingErrorReason.TransactionRequired,
            "The DbContext has no current transaction to publish in: begin one with Database.BeginTransactionAsync() (and commit it after), or call SaveChangesAndPublishAsync, which opens and commits its own.");
        var target = DbContextOutbox.Resolve(outbox, dbContext);
        var prepared = await publisher.PrepareAsync(input, cancellationToken).ConfigureAwait(false);
        var stored = await target.EnqueueAsync(prepared, transaction.GetDbTransaction(), cancellationToken).ConfigureAwait(false);
        return recorder.Record(prepared, stored, wakeWorker: false);
    }

    public async Task<WebhookPublishResult> SaveChangesAndPublishAsync(DbContext dbContext, WebhookEventInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbContext);
        ArgumentNullException.ThrowIfNull(input);
        var database = dbContext.Database;
        var target = DbContextOutbox.Resolve(outbox, dbContext);
        var prepared = await publisher.PrepareAsync(input, cancellationToken).ConfigureAwait(false);
        if (database.CurrentTransaction is { } current)
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var enqueued = await target.EnqueueAsync(prepared, current.GetDbTransaction(), cancellationToken).ConfigureAwait(false);
            return recorder.Record(prepared, enqueued, wakeWorker: false);
        }

        // Outside any transaction: a SQLite schema cannot be created once the transaction holds the write lock.
        await target.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var strategy = database.CreateExecutionStrategy();
        var stored = await strategy.ExecuteAsync(
            (Context: dbContext, Target: target, Prepared: prepared),
            static async (state, ct) =>
            {
                var transaction = await state.Context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await state.Context.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct).ConfigureAwait(false);
                    var result = await state.Target.EnqueueAsync(state.Prepared, transaction.GetDbTransaction(), ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
            },
            cancellationToken).ConfigureAwait(false);
        dbContext.ChangeTracker.AcceptAllChanges();
        return recorder.Record(prepared, stored, wakeWorker: true);
    }
}
