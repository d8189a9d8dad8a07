using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Ordinavo.Webhooks.Payloads;

namespace Ordinavo.Webhooks.Publishing.EntityFrameworkCore;

/// <summary>
/// Publishes webhooks inside an EF Core unit of work: the event's deliveries are written to the outbox in the
/// <see cref="DbContext"/>'s own database transaction, so that the business change and the webhook commit or roll back
/// together. Works with the SQLite store (the context's database file must be the store's file) and the PostgreSQL
/// store (the context's database must hold the store's schema). Registered by <c>AddEntityFrameworkCore()</c> on the
/// publisher builder (a singleton; pass the scoped <see cref="DbContext"/> to each call).
/// </summary>
/// <remarks>
/// Both methods count the publish in the publisher's metrics and log like <see cref="IWebhookPublisher.PublishAsync"/>
/// and are idempotent by event id: an event id that was committed before enqueues nothing
/// (<see cref="WebhookPublishResult.IsDuplicate"/>).
/// </remarks>
public interface IWebhookDbContextPublisher
{
    /// <summary>
    /// Prepares the event and enqueues it in the context's current transaction
    /// (<c>dbContext.Database.CurrentTransaction</c>), which the caller commits or rolls back. Nothing is delivered
    /// before the commit, and nothing ever after a rollback; the worker finds the deliveries on its next poll after
    /// the commit (<see cref="WebhookPublisherOptions.PollInterval"/>). The publish is counted when enqueued.
    /// </summary>
    /// <param name="dbContext">The context whose current transaction takes the outbox rows.</param>
    /// <param name="input">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WebhookPublishingException">
    /// The context has no current transaction (<see cref="WebhookPublishingErrorReason.TransactionRequired"/>: begin one
    /// with <c>dbContext.Database.BeginTransactionAsync()</c>, or call <see cref="SaveChangesAndPublishAsync"/>); the
    /// context's provider or database does not match the configured outbox store
    /// (<see cref="WebhookPublishingErrorReason.StoreMismatch"/>); or the event id is malformed.
    /// </exception>
    /// <exception cref="WebhookPayloadBuildException">The input lacks what the event type needs.</exception>
    Task<WebhookPublishResult> PublishAsync(DbContext dbContext, WebhookEventInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the context's changes and enqueues the event in one transaction. When the context has a current
    /// transaction, both go into it and the caller commits it (as <see cref="PublishAsync"/>). Otherwise the call
    /// opens a transaction, runs <c>SaveChangesAsync</c> and the enqueue in it, commits it and wakes the delivery
    /// worker; on any failure the transaction is rolled back and neither the changes nor the webhook are stored. The
    /// context's execution strategy (retry on failure) wraps the whole unit, and the change tracker accepts the changes
    /// only after the commit.
    /// </summary>
    /// <param name="dbContext">The context with the business changes to save.</param>
    /// <param name="input">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WebhookPublishingException">
    /// The context's provider or database does not match the configured outbox store
    /// (<see cref="WebhookPublishingErrorReason.StoreMismatch"/>; nothing is saved), or the event id is malformed.
    /// </exception>
    /// <exception cref="WebhookPayloadBuildException">The input lacks what the event type needs (nothing is saved).</exception>
    /// <exception cref="DbUpdateException">Saving the changes failed (nothing is saved or enqueued).</exception>
    Task<WebhookPublishResult> SaveChangesAndPublishAsync(DbContext dbContext, WebhookEventInput input, CancellationToken cancellationToken);
}
