namespace Ordinavo.Webhooks.Publishing;

/// <summary>Why a publishing operation failed (<see cref="WebhookPublishingException.Reason"/>).</summary>
public enum WebhookPublishingErrorReason
{
    /// <summary>A subscription is incomplete or invalid (missing id, tenant, endpoint or secret, bad filter or options).</summary>
    InvalidSubscription = 0,

    /// <summary>The subscription does not exist.</summary>
    SubscriptionNotFound = 1,

    /// <summary>The event input is not acceptable (for example an event id that is not <c>evt_</c> + ULID).</summary>
    InvalidEvent = 2,

    /// <summary>A required service is not configured (no outbox store, no subscription store).</summary>
    NotConfigured = 3,

    /// <summary>
    /// The configured outbox store cannot enqueue in the given database transaction: another provider (for example a
    /// SQLite transaction and the PostgreSQL store), another SQLite file, or a store that does not take part in
    /// database transactions.
    /// </summary>
    StoreMismatch = 4,

    /// <summary>The call enqueues in the caller's open database transaction, and there is none.</summary>
    TransactionRequired = 5,

    /// <summary>
    /// A managed subscription changed since the caller read it: the version given is no longer current. Read it again
    /// and repeat the change.
    /// </summary>
    SubscriptionConflict = 6,

    /// <summary>
    /// A managed subscription's secrets cannot be decrypted with this application's ASP.NET Core Data Protection key
    /// ring (another key ring, another application name, or keys that were lost). Nothing is signed with them.
    /// </summary>
    SecretUnreadable = 7,
}
