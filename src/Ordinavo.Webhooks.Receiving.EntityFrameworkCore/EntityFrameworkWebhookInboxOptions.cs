using System;

namespace Ordinavo.Webhooks.Receiving.EntityFrameworkCore;

/// <summary>Options of the EF Core inbox of one receiver (named after the receiver), validated when the host starts.</summary>
public sealed class EntityFrameworkWebhookInboxOptions
{
    /// <summary>
    /// How long the publisher may go on delivering one event: by the contract's default retry schedule about 3.1 days,
    /// 3.8 days with its +20 % jitter. Default 4 days; raise it when the publisher's schedule is longer.
    /// </summary>
    public static readonly TimeSpan DefaultPublisherRetryWindow = TimeSpan.FromDays(4);

    /// <summary>
    /// How long a handled mark is kept. Default 30 days: far longer than the publisher's retry window, so that a
    /// redelivery an operator starts weeks later is still answered as a duplicate. Must exceed
    /// <see cref="PublisherRetryWindow"/>.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the publisher retries one event (see <see cref="DefaultPublisherRetryWindow"/>); the retention must be longer.</summary>
    public TimeSpan PublisherRetryWindow { get; set; } = DefaultPublisherRetryWindow;

    /// <summary>How often the purge runs. Default 1 hour; <see cref="TimeSpan.Zero"/> turns the purge off (purge by your own job then).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many marks one purge statement deletes, each batch in its own short transaction. Default 1,000.</summary>
    public int PurgeBatchSize { get; set; } = 1000;

    /// <summary>
    /// Lets a relational provider other than SQLite and PostgreSQL use the inbox through portable EF Core operations.
    /// Off by default: on such a provider a concurrent duplicate is detected only when its transaction commits (it is
    /// then answered 500 and the publisher's retry finds it handled), not answered 409 at once.
    /// </summary>
    public bool AllowOtherProviders { get; set; }

    /// <summary>
    /// Whether EF Core creates a savepoint around each <c>SaveChanges</c> the handlers call inside the inbox's
    /// transaction (EF Core's default for a transaction of your own). Off by default: a failed <c>SaveChanges</c> fails
    /// the event, the whole transaction is rolled back and the publisher retries, and each save costs no extra round
    /// trips. Turn it on when a handler catches a failed <c>SaveChanges</c> and goes on in the same transaction.
    /// </summary>
    public bool UseSavepoints { get; set; }

    /// <summary>
    /// Whether the inbox saves changes the handlers left pending in the context before it commits (default on), so that a
    /// handler that forgot <c>SaveChanges</c> loses nothing while its event is marked handled.
    /// </summary>
    public bool SaveChangesOnComplete { get; set; } = true;
}
